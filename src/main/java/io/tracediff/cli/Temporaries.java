package io.tracediff.cli;

import io.tracediff.api.Derivations;
import io.tracediff.api.Problem;
import io.tracediff.expr.Expr;
import io.tracediff.print.notation.Format;
import io.tracediff.print.VariableNames;
import io.tracediff.print.Printer;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The --cse temporaries (t0, t1, …, or s0, … beside a variable t0) as a paper names them, t₀ in Unicode and t_{0} in LaTeX, in every command alike. */
final class Temporaries {
    /** Compiled when there are temporaries to name (--cse), not on every start: a cold regex costs milliseconds. */
    private static final class Temp {
        static final Pattern PATTERN = Pattern.compile("(?<![A-Za-z0-9_])([a-z][0-9]+)(?![A-Za-z0-9_])");
    }

    private Temporaries() {}

    /** Results as printed: with --cse, their roots over the temporaries they name (printed first by {@link #define}). */
    record Shown(List<Expr> roots, Map<String, Expr> temporaries, VariableNames names) {

        static Shown of(List<Expr> results, Problem p, boolean cse) {
            if (!cse) return new Shown(results, Map.of(), Temporaries.names(p));
            var c = Derivations.shared(results, p);
            return new Shown(c.roots(), c.names(), Temporaries.names(p));
        }

        /** One line {@code t₀ = …} per temporary. */
        void define(PrintWriter out, Format f) {
            for (var t : temporaries.entrySet()) out.println(name(t.getKey(), f) + " = " + Temporaries.print(t.getValue(), f, temporaries.keySet(), names));
        }

        String print(int i, Format f) { return Temporaries.print(roots.get(i), f, temporaries.keySet(), names); }

        /**
         * The JSON of grad, jacobian and hessian: "printed", each root under its key as {@code f} writes it (ASCII only with
         * --cse, since "closed_form" already is the ASCII), and "subexpressions", each temporary in ASCII.
         */
        void writeJson(com.fasterxml.jackson.databind.node.ObjectNode o, List<String> keys, Format f) {
            if (f != Format.ASCII || !temporaries.isEmpty()) {
                var printed = o.putObject("printed");
                for (int i = 0; i < keys.size(); i++) printed.put(keys.get(i), Printer.print(roots.get(i), f, names));
            }
            if (!temporaries.isEmpty()) {
                var t = o.putObject("subexpressions");
                for (var e : temporaries.entrySet()) t.put(e.getKey(), Printer.ascii(e.getValue()));
            }
        }
    }

    /** The variables in scope for a problem's output, declared or used: λ for lam unless lambda is one of them too. */
    static VariableNames names(Problem p) {
        Set<String> all = new java.util.TreeSet<>(p.declarations().all().keySet());
        all.addAll(VariableNames.variables(p.expr()));
        return VariableNames.of(all);
    }

    /** {@code e} printed in {@code f}, with the temporaries among its names written as {@link #name} writes them. */
    static String print(Expr e, Format f, Set<String> temps, VariableNames names) {
        // A zero block is 0 on paper; zeros(n_A, n_A) would show a size name that only inference made up.
        if (e instanceof io.tracediff.expr.Apply a && a.op() instanceof io.tracediff.ops.Zeros) return "0";
        String printed = Printer.print(e, f, names);
        if (f == Format.ASCII || temps.isEmpty()) return printed;
        Matcher m = Temp.PATTERN.matcher(printed);
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement(temps.contains(m.group(1)) ? name(m.group(1), f) : m.group(1)));
        return m.appendTail(sb).toString();
    }

    static String name(String temp, Format f) {
        if (f != Format.UNICODE) return f == Format.LATEX ? temp.charAt(0) + "_{" + temp.substring(1) + "}" : temp;
        return temp.charAt(0) + io.tracediff.print.notation.Notation.subscript(temp.substring(1));   // t₀: the digits have subscripts
    }
}

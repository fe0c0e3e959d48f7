package io.tracediff.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracediff.codegen.CompiledFunction;
import io.tracediff.diff.CommonSubexpressions;
import io.tracediff.diff.Gradients;
import io.tracediff.eval.Bindings;
import io.tracediff.eval.Matrix;
import io.tracediff.eval.ValuesJson;
import java.nio.file.Path;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.parse.UserError;
import io.tracediff.print.Format;
import io.tracediff.print.Printer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tracediff grad EXPR --wrt X}: the gradient in closed form, its derivation, and its value at numbers. */
@Command(name = "grad", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Gradient of the scalar EXPR with respect to each --wrt variable, in closed form, by matrix "
                + "differentials and the trace trick. Entry (i, j) of ∂f/∂X is ∂f/∂X_ij (the Matrix Cookbook layout). "
                + "For a symmetric X the result is the symmetric gradient (G + Gᵀ)/2: the S with df = tr(Sᵀ dX) for every symmetric dX."},
        footer = {"", "Examples:",
                "  tracediff grad \"a'*exp(X*b)\" --wrt X",
                "  ∂f/∂X = (a ⊙ exp(X b)) bᵀ",
                "  tracediff grad \"a'*exp(X*b)\" --wrt X --steps",
                "  tracediff grad \"norm2(W2*tanh(W1*x + b1) - y)^2\" --wrt W1 --wrt W2 --cse",
                "  tracediff grad \"x'*A*x\" --wrt x --at values.json --json",
                "  tracediff grad \"sum(sp(X*w))\" --wrt w --fn \"sp(x) = log(1 + exp(x))\""})
public final class GradCommand extends BaseCommand {

    @Mixin ProblemOptions problem;

    @Mixin WrtOptions wrt;

    @Mixin DerivationOptions derivation;

    @Mixin OutputOptions output;

    @Option(names = "--at", paramLabel = "VALUES",
            description = "values.json (or inline JSON): evaluate f and the gradients there.")
    String at;

    @Mixin RuleOptions rules;

    @Override
    public Integer call() {
        RuleOptions.Setup setup = rules.setup();
        Problem p = scalarProblem(problem.expression(), problem.declarations(), setup.functions());
        List<Var> vars = wrt.variables(p);
        Gradients.Result r = Gradients.of(p.expr(), vars, setup.rules(), setup.functions());
        Format f = output.format();
        Map<String, Expr> shown = r.gradients();
        Map<String, Expr> temporaries = Map.of();
        if (derivation.cse) {
            var c = CommonSubexpressions.of(new ArrayList<>(r.gradients().values()), p.variables().keySet());
            temporaries = c.names();
            shown = new LinkedHashMap<>();
            int i = 0;
            for (String name : r.gradients().keySet()) shown.put(name, c.roots().get(i++));
        }
        if (at != null || output.json()) {
            writeJson(p, r, temporaries, shown, f);
            return ExitCodes.OK;
        }
        if (derivation.steps) out().print(r.derivation().render(f));
        else {
            for (var t : temporaries.entrySet())
                out().println(name(t.getKey(), f) + " = " + withNames(Printer.print(t.getValue(), f), temporaries.keySet(), f));
            for (var g : shown.entrySet())
                out().println(label(g.getKey(), f) + withNames(Printer.print(g.getValue(), f), temporaries.keySet(), f));
        }
        out().flush();
        return ExitCodes.OK;
    }

    /**
     * The problem typed so that f is a scalar. Undeclared a–g are scalars by default, but in a'*exp(X*b) they
     * can only be vectors: when the defaults do not give a scalar, those names are tried as vectors.
     */
    static Problem scalarProblem(String expr, List<String> lets, io.tracediff.ops.Functions functions) {
        Problem first;
        try {
            first = Problem.of(expr, lets, functions);
            if (first.expr().isScalar()) return first;
        } catch (UserError e) {
            first = null;
            if (!(e.getMessage().contains("×"))) throw e; // only shape conflicts may come from the defaults
        }
        io.tracediff.parse.Declarations declared = io.tracediff.parse.Declarations.parse(lets);
        java.util.Set<String> flexible = new java.util.LinkedHashSet<>();
        List<io.tracediff.parse.Token> tokens = io.tracediff.parse.Lexer.lex(expr);
        for (int i = 0; i < tokens.size(); i++) {
            var t = tokens.get(i);
            boolean call = i + 1 < tokens.size() && tokens.get(i + 1).is("(");
            char c = t.text().isEmpty() ? ' ' : t.text().charAt(0);
            if (t.kind() == io.tracediff.parse.Token.Kind.NAME && !call && c >= 'a' && c <= 'g' && declared.get(t.text()) == null
                    && !declared.isDimName(t.text()))
                flexible.add(t.text());
        }
        if (!flexible.isEmpty()) {
            for (String name : flexible) declared.defaultToVector(name);
            try {
                Problem p = new Problem(expr, declared, functions, io.tracediff.parse.Typer.typecheck(expr, declared, functions));
                if (p.expr().isScalar()) return p;
            } catch (UserError ignored) {
                // the vector reading does not type either: report the first reading's problem
            }
        }
        if (first == null) return Problem.of(expr, lets, functions); // rethrows the original error
        return first;
    }

    private void writeJson(Problem p, Gradients.Result r, Map<String, Expr> temporaries, Map<String, Expr> shown, Format f) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        if (at != null) {
            String text = at.strip();
            Map<String, Matrix> values = ValuesJson.fromOption(at);
            Bindings bound = Bindings.bind(p.variables(), values); // shapes and finiteness checked, with messages naming the variable
            Map<String, Expr> outputs = new LinkedHashMap<>();
            outputs.put("value", r.f());
            for (var g : r.gradients().entrySet()) outputs.put("gradient " + g.getKey(), g.getValue());
            for (Expr out : outputs.values()) io.tracediff.eval.SizeCheck.check(out, bound.sizes());   // before compiling or allocating
            Map<String, Matrix> results;
            try {
                results = CompiledFunction.compile(new ArrayList<>(p.variables().values()), outputs).evaluate(values);
            } catch (UserError e) {
                // Generated code knows no subexpressions: let the interpreter name the one at fault.
                Bindings b = Bindings.bind(p.variables(), values);
                for (Expr out : outputs.values()) io.tracediff.eval.Evaluator.eval(out, b);
                throw e;
            }
            o.set("value", Json.value(checkedFinite(results.get("value"), "f = " + Printer.ascii(r.f()))));
            ObjectNode grads = o.putObject("gradient");
            for (String name : r.gradients().keySet())
                grads.set(name, Json.value(checkedFinite(results.get("gradient " + name), "the gradient with respect to " + name)));
        }
        ObjectNode closed = o.putObject("closed_form");
        for (var g : r.gradients().entrySet()) closed.put(g.getKey(), Printer.ascii(g.getValue()));
        if (f != Format.ASCII) {
            ObjectNode printed = o.putObject("printed");
            for (var g : shown.entrySet()) printed.put(g.getKey(), Printer.print(g.getValue(), f));
        }
        if (!temporaries.isEmpty()) {
            ObjectNode t = o.putObject("subexpressions");
            for (var e : temporaries.entrySet()) t.put(e.getKey(), Printer.ascii(e.getValue()));
        }
        if (derivation.steps) o.put("steps", r.derivation().render(f));
        out().println(Json.write(o));
        out().flush();
    }

    private static Matrix checkedFinite(Matrix m, String what) {
        for (double x : m.data)
            if (!Double.isFinite(x)) throw new UserError(what + " is " + x + " at the given values");
        return m.copy();
    }

    private static String label(String variable, Format f) {
        return switch (f) {
            case UNICODE -> "∂f/∂" + variable + " = ";
            case ASCII -> "df/d" + variable + " = ";
            case LATEX -> "\\frac{\\partial f}{\\partial " + variable + "} = ";
        };
    }

    /** Temporaries printed as a paper names them (t₀, t_{0}). */
    private static String withNames(String printed, java.util.Set<String> temps, Format f) {
        if (f == Format.ASCII || temps.isEmpty()) return printed;
        var m = java.util.regex.Pattern.compile("(?<![A-Za-z0-9_])(t[0-9]+)(?![A-Za-z0-9_])").matcher(printed);
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(temps.contains(m.group(1)) ? name(m.group(1), f) : m.group(1)));
        return m.appendTail(sb).toString();
    }

    private static String name(String temp, Format f) {
        if (f != Format.UNICODE) return f == Format.LATEX ? temp.charAt(0) + "_{" + temp.substring(1) + "}" : temp;
        StringBuilder sb = new StringBuilder().append(temp.charAt(0));
        for (char c : temp.substring(1).toCharArray()) sb.append((char) ('₀' + (c - '0')));
        return sb.toString();
    }
}

package io.tracediff.cli;

import io.tracediff.eval.VariableValues;
import io.tracediff.eval.Matrix;
import io.tracediff.eval.ValuesJson;
import io.tracediff.expr.Var;
import java.util.Map;
import picocli.CommandLine.Option;

/** Numbers for the variables: {@code --at values.json} (or inline JSON). Use as a {@code @Mixin}. */
public final class ValuesOptions {

    @Option(names = "--at", paramLabel = "VALUES", required = true,
            description = "values.json mapping each variable to a number (scalar), a flat array (vector) or an array "
                    + "of rows (matrix); JSON text starting with '{' is accepted in place of a file name.")
    String at;

    /** The raw values by name; throws UserError for a missing file or bad JSON. */
    public Map<String, Matrix> values() { return read(at); }

    /** The one reading of an --at argument: JSON text (an object, or anything else JSON-looking, to be told why not) or a file. */
    static Map<String, Matrix> read(String at) {
        String s = at.strip();
        return ValuesJson.fromOption(s);
    }

    /** Names in the values that are neither a variable nor a dimension of the problem: probably misspelt, said on stderr. */
    static void warnUnused(Problem p, Map<String, Matrix> values, java.io.PrintWriter err) {
        java.util.Set<String> known = new java.util.HashSet<>(p.variables().keySet());
        for (var d : io.tracediff.eval.RandomPoints.dimensions(java.util.List.of(p.expr()), p.variables().values())) known.add(d.toString());
        for (String name : values.keySet())
            if (!known.contains(name))
                err.println("tracediff: warning: the values give '" + Errors.printable(name) + "', which " + Errors.printable(p.source())
                        + " does not use (its variables: " + String.join(", ", p.variables().keySet()) + ")");
        err.flush();
    }

    /** Values bound to the problem's variables, shapes checked against their declarations. */
    public VariableValues bind(Map<String, Var> variables) { return VariableValues.bind(variables, values()); }
}

package io.tracediff.cli;

import io.tracediff.eval.Bindings;
import io.tracediff.eval.Matrix;
import io.tracediff.eval.ValuesJson;
import io.tracediff.expr.Var;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Numbers for the variables: {@code --at values.json} (or inline JSON). Use as a {@code @Mixin}. */
public final class ValuesOptions {

    @Option(names = "--at", paramLabel = "VALUES", required = true,
            description = "values.json mapping each variable to a number (scalar), a flat array (vector) or an array "
                    + "of rows (matrix); JSON text starting with '{' is accepted in place of a file name.")
    String at;

    /** The raw values by name; throws UserError for a missing file or bad JSON. */
    public Map<String, Matrix> values() {
        String s = at.strip();
        return ValuesJson.fromOption(at);
    }

    /** Values bound to the problem's variables, shapes checked against their declarations. */
    public Bindings bind(Map<String, Var> variables) { return Bindings.bind(variables, values()); }
}

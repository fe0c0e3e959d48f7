package io.tracediff.cli;

import io.tracediff.api.Problem;
import io.tracediff.expr.Var;
import io.tracediff.core.UserError;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --wrt X [--wrt Y …]}: the variables to differentiate with respect to. Use as a {@code @Mixin}. */
public final class WrtOptions {

    @Option(names = "--wrt", paramLabel = "VAR",
            description = "A variable to differentiate with respect to. Repeatable. Default: a problem file's '# wrt: X, Y' line.")
    List<String> names = new ArrayList<>();

    /** The variables, each named in the problem (a clear error otherwise), without repeats. */
    public List<Var> variables(Problem p) { return variables(p, List.of()); }

    /** As {@link #variables(Problem)}, taking {@code fromFile} (a problem file's '# wrt:' line) when --wrt is not given. */
    public List<Var> variables(Problem p, List<String> fromFile) {
        List<String> asked = names.isEmpty() ? fromFile : names;
        if (asked.isEmpty())
            throw new UserError("missing --wrt: say which variable to differentiate with respect to, e.g. --wrt "
                    + (p.variables().isEmpty() ? "x" : p.variables().keySet().iterator().next())
                    + (p.variables().isEmpty() ? "" : " (the variables are " + String.join(", ", p.variables().keySet()) + ")"));
        for (String name : asked)
            if (!p.variables().containsKey(name)) throw new UserError("--wrt " + UserError.excerpt(name) + ": " + p.notUsed(name));
        return p.wrt(asked);
    }
}

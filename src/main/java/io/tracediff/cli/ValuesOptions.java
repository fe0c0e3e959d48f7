package io.tracediff.cli;

import io.tracediff.api.Problem;
import io.tracediff.api.Values;
import io.tracediff.eval.Matrix;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Option;

/** Numbers for the variables: {@code --at values.json} (or inline JSON). Use as a {@code @Mixin}. */
public final class ValuesOptions {

    @Option(names = "--at", paramLabel = "VALUES", required = true,
            description = "values.json mapping each variable to a number (scalar), a flat array (vector) or an array "
                    + "of rows (matrix); JSON text starting with '{' is accepted in place of a file name.")
    String at;

    /** Unused names warned about one a line; the rest are counted. */
    static final int UNUSED_SHOWN = 5;

    /** The values by name (the one reading, {@link Values#read}), names the problem does not use warned about on {@code err}. */
    public Map<String, Matrix> values(Problem p, PrintWriter err) { return read(at, p, err); }

    /** An optional {@code --at} of a derivation command: its values, with the same warning; null when not given. */
    static Map<String, Matrix> read(String at, Problem p, PrintWriter err) {
        if (at == null) return null;
        Map<String, Matrix> values = Values.read(at);
        var unused = Values.unused(p, values);
        int shown = 0;
        for (String name : unused) {
            if (shown++ == UNUSED_SHOWN) {   // a file of a million names must not print a million lines
                err.println("tracediff: warning: and " + (unused.size() - UNUSED_SHOWN) + " more names the expression does not use");
                break;
            }
            err.println("tracediff: warning: the values give '" + Errors.printable(name) + "', which " + Errors.printable(p.source())
                    + " does not use (its variables: " + String.join(", ", p.variables().keySet()) + ")");
        }
        err.flush();
        return values;
    }
}

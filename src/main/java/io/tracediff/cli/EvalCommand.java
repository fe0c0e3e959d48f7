package io.tracediff.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracediff.api.Evaluation;
import io.tracediff.api.Problem;
import io.tracediff.eval.Matrix;
import io.tracediff.core.UserError;
import io.tracediff.print.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tracediff eval EXPR --at values.json}: the value of the expression at given numbers. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate EXPR at the values in a JSON file (shapes checked against the declarations).",
        footer = {"", "Example:",
                "  echo '{\"x\": [1, 2], \"A\": [[2, 0], [0, 3]]}' > values.json",
                "  tracediff eval \"x'*A*x\" --at values.json",
                "  14.0",
                "",
                "Output: a scalar is one number, a vector one entry per line, a matrix one row per line.",
                "With --json: {\"value\": …} in the layout of values.json."})
public final class EvalCommand extends BaseCommand {

    @Mixin ProblemOptions problem;
    @Mixin ValuesOptions values;
    @Mixin OutputOptions output;

    @Override
    public Integer call() {
        if (!output.json() && output.format() != io.tracediff.print.notation.Format.UNICODE)
            throw new UserError("eval prints numbers; --format sets how the expression is written in --json output, so add --json or drop --format");
        Problem p = problem.problem();
        Matrix v = Evaluation.of(p, values.values(p, err()));
        if (output.json()) {
            ObjectNode o = Json.object();
            o.put("expression", Printer.print(p.expr(), output.format(), Temporaries.names(p)));
            o.set("shape", Json.array().add(v.rows).add(v.cols));
            o.set("value", Json.value(v));
            out().println(Json.write(o));
        } else {
            for (int i = 0; i < v.rows; i++) {
                StringBuilder line = new StringBuilder();
                for (int j = 0; j < v.cols; j++) line.append(j == 0 ? "" : " ").append(v.get(i, j));
                out().println(line);
            }
        }
        out().flush();
        return ExitCodes.OK;
    }
}

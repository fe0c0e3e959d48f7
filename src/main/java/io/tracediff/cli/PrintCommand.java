package io.tracediff.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracediff.api.Problem;
import io.tracediff.expr.Var;
import io.tracediff.print.notation.Format;
import io.tracediff.print.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tracediff print EXPR}: the expression in a notation, with every variable's inferred type. */
@Command(name = "print", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Type-check EXPR and print it with each variable's inferred type and shape.",
        footer = {"", "Example:",
                "  tracediff print \"x'*A*x\" --let \"A: symmetric(n)\"",
                "  xᵀ A x",
                "  where",
                "    x: vector(n)",
                "    A: symmetric(n)",
                "  result: scalar"})
public final class PrintCommand extends BaseCommand {

    @Mixin ProblemOptions problem;
    @Mixin OutputOptions output;

    @Override
    public Integer call() {
        Problem p = problem.problem();
        String text = Printer.print(p.expr(), output.format(), Temporaries.names(p));
        if (output.json()) {
            ObjectNode o = Json.object();
            o.put("expression", text);
            o.put("format", output.format().name().toLowerCase());
            o.put("ascii", Printer.print(p.expr(), Format.ASCII));
            o.set("shape", Json.shape(p.expr().shape()));
            o.put("type", Problem.type(p.expr().shape()));
            ObjectNode vars = o.putObject("variables");
            for (Var v : p.variables().values()) {
                ObjectNode j = vars.putObject(v.name());
                j.put("type", Problem.type(v.kind(), v.shape()));
                j.put("kind", v.kind().word());
                j.set("shape", Json.shape(v.shape()));
            }
            out().println(Json.write(o));
        } else {
            out().println(text);
            if (!p.variables().isEmpty()) {
                out().println("where");
                for (Var v : p.variables().values()) out().println("  " + Problem.declaration(v));
            }
            out().println("result: " + Problem.type(p.expr().shape()));
        }
        out().flush();
        return ExitCodes.OK;
    }
}

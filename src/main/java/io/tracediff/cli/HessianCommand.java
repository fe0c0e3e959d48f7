package io.tracediff.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracediff.api.Derivations;
import io.tracediff.api.Evaluation;
import io.tracediff.api.Mathematics;
import io.tracediff.api.Problem;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.jacobian.Hessians;
import io.tracediff.print.notation.Format;
import io.tracediff.print.Printer;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tracediff hessian EXPR --wrt x [--wrt y]}: the Hessian blocks in closed form, the derivation, values at numbers. */
@Command(name = "hessian", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Hessian of the scalar EXPR, in closed form, as the Jacobian of the gradient: the block for --wrt X and --wrt Y "
                + "is ∂vec(∂f/∂X)/∂vec(Y)ᵀ, entry (i, j) = ∂²f/∂vec(X)ᵢ∂vec(Y)ⱼ (column-major vec; for vectors simply ∂²f/∂x∂yᵀ). "
                + "With several --wrt, every block (mixed second derivatives included). For a symmetric X the gradient is "
                + "the symmetric one (as tracediff grad), and its block is the Jacobian of that printed form with the entries of X "
                + "independent: f fixes only its action on symmetric directions (dX = dXᵀ), where it agrees with any other."},
        footer = {"", "Examples:",
                "  tracediff hessian \"x'*A*x\" --wrt x",
                "  ∂²f/∂x∂xᵀ = A + Aᵀ",
                "  tracediff hessian \"sum(softplus(X*w)) - y'*X*w\" --wrt w --let \"X: matrix(m, n)\"",
                "  tracediff hessian \"x'*A*y + sum(exp(x))\" --wrt x --wrt y --at '{\"x\": [1, 2], \"y\": [3, 4, 5], \"A\": [[1, 0, 2], [0, 1, 3]]}' --json"})
public final class HessianCommand extends BaseCommand {

    @Mixin ProblemOptions problem;

    @Mixin WrtOptions wrt;

    @Mixin DerivationOptions derivation;

    @Mixin OutputOptions output;

    @Option(names = "--at", paramLabel = "VALUES", description = "values.json (or inline JSON): evaluate f and the Hessian there.")
    String at;

    @Mixin RuleOptions rules;

    @Override
    public Integer call() {
        Mathematics mathematics = rules.mathematics();
        Problem p = problem.problem(mathematics);
        List<Var> vars = wrt.variables(p, problem.wrtFromFile());
        Hessians.Result r = Derivations.hessian(p, vars, derivation.options(mathematics, false));
        DerivationOptions.warnIfUnchecked(err(), r.selfCheck(), derivation.selfCheck());
        Format f = output.format();
        DerivationOptions.noteNamesThatReadAsConstants(err(), p, f);
        if (at != null || output.json()) {
            ObjectNode o = Json.object();
            Map<String, Matrix> values = ValuesOptions.read(at, p, err());
            if (values != null) {
                Evaluation.HessianValues h = Evaluation.hessian(p, r, vars, values);
                o.set("value", Json.value(h.value()));
                ObjectNode g = o.putObject("gradient");
                h.gradients().forEach((name, v) -> g.set(name, Json.value(v)));
                o.set("hessian", Json.value(h.hessian()));
                if (!h.blocks().isEmpty()) {
                    ObjectNode blocks = o.putObject("blocks");
                    h.blocks().forEach((x, row) -> {
                        ObjectNode json = blocks.putObject(x);
                        row.forEach((y, b) -> json.set(y, Json.value(b)));
                    });
                }
            }
            ObjectNode closed = o.putObject("closed_form");
            for (Var x : vars) for (Var y : vars) closed.put(key(x, y, vars), Printer.ascii(r.block(x.name(), y.name())));
            List<Expr> forms = new java.util.ArrayList<>();
            List<String> keys = new java.util.ArrayList<>();
            for (Var x : vars) for (Var y : vars) { forms.add(r.block(x.name(), y.name())); keys.add(key(x, y, vars)); }
            Temporaries.Shown.of(forms, p, derivation.cse).writeJson(o, keys, f);
            if (derivation.steps) o.put("steps", r.steps().render(f, Temporaries.names(p)));
            DerivationOptions.report(o, r.selfCheck(), derivation.selfCheck());
            out().println(Json.write(o));
        } else if (derivation.steps) {
            out().print(r.steps().render(f, Temporaries.names(p)));
        } else {
            List<Expr> blocks = new java.util.ArrayList<>();
            for (Var x : vars) for (Var y : vars) blocks.add(r.block(x.name(), y.name()));
            Temporaries.Shown shown = Temporaries.Shown.of(blocks, p, derivation.cse);
            shown.define(out(), f);
            int i = 0;
            for (Var x : vars)
                for (Var y : vars) out().println(label(x, y, f, shown.names()) + shown.print(i++, f));
        }
        out().flush();
        return ExitCodes.OK;
    }

    private static String key(Var x, Var y, List<Var> vars) { return vars.size() == 1 ? x.name() : x.name() + "," + y.name(); }

    private static String label(Var x, Var y, Format f, io.tracediff.print.VariableNames names) {
        boolean vectors = x.shape().cols().isOne() && y.shape().cols().isOne();
        String xn = Printer.variable(x.name(), f, names), yn = Printer.variable(y.name(), f, names);
        String a = vectors ? xn : "vec(" + xn + ")", b = vectors ? yn : "vec(" + yn + ")";
        return switch (f) {
            case UNICODE -> "∂²f/∂" + a + "∂" + b + "ᵀ = ";
            case ASCII -> "d2f/d" + a + "d" + b + "' = ";
            case LATEX -> "\\frac{\\partial^2 f}{\\partial " + latex(a) + " \\partial " + latex(b) + "^\\top} = ";
        };
    }

    private static String latex(String v) { return v.startsWith("vec(") ? "\\operatorname{vec}(" + v.substring(4) : v; }
}

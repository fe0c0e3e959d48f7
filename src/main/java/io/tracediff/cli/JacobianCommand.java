package io.tracediff.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracediff.api.Derivations;
import io.tracediff.api.Evaluation;
import io.tracediff.api.Mathematics;
import io.tracediff.api.Problem;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.jacobian.Jacobians;
import io.tracediff.print.notation.Format;
import io.tracediff.print.Printer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tracediff jacobian EXPR --wrt X}: ∂vec(F)/∂vec(X)ᵀ in closed form, its derivation, and its value at numbers. */
@Command(name = "jacobian", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Jacobian of the vector- or matrix-valued EXPR with respect to each --wrt variable, in closed form: "
                + "∂vec(F)/∂vec(X)ᵀ, column-major vec (for columns F and x simply ∂F/∂xᵀ), by the differential and the vec rules "
                + "vec(AXB) = (Bᵀ ⊗ A) vec(X), vec(Xᵀ) = K vec(X), vec(a ⊙ X) = diag(vec a) vec(X) (rules/vec.rules). "
                + "Entries of X are independent variables, symmetric or not. At --at values ⊗, diag and K are applied, not built."},
        footer = {"", "Examples:",
                "  tracediff jacobian \"A*X*B\" --wrt X --let \"A: matrix(m, n); X: matrix(n, p); B: matrix(p, q)\"",
                "  ∂vec(F)/∂vec(X)ᵀ = Bᵀ ⊗ A",
                "  tracediff jacobian \"exp(X*b)\" --wrt X --let \"X: matrix(m, n); b: vector(n)\" --steps",
                "  tracediff jacobian \"tanh(W*x)\" --wrt x --let \"W: matrix(m, n)\" --at '{\"W\": [[1, 2], [3, 4], [5, 6]], \"x\": [0.1, 0.2]}' --json"})
public final class JacobianCommand extends BaseCommand {

    @Mixin ProblemOptions problem;

    @Mixin WrtOptions wrt;

    @Mixin DerivationOptions derivation;

    @Mixin OutputOptions output;

    @Option(names = "--at", paramLabel = "VALUES", description = "values.json (or inline JSON): evaluate F and the Jacobians there.")
    String at;

    @Mixin RuleOptions rules;

    @Override
    public Integer call() {
        Mathematics mathematics = rules.mathematics();
        Problem p = problem.problem(mathematics).requireNonScalar();
        List<Var> vars = wrt.variables(p, problem.wrtFromFile());
        Jacobians.Result r = Derivations.jacobian(p, vars, derivation.options(mathematics, false));
        DerivationOptions.warnIfUnchecked(err(), r.selfCheck(), derivation.selfCheck());
        Format f = output.format();
        DerivationOptions.noteNamesThatReadAsConstants(err(), p, f);
        if (at != null || output.json()) {
            ObjectNode o = Json.object();
            Map<String, Matrix> values = ValuesOptions.read(at, p, err());
            if (values != null) {
                Evaluation.Numbers numbers = Evaluation.jacobians(p, r, values);
                o.set("value", Json.value(numbers.value()));
                ObjectNode js = o.putObject("jacobian");
                numbers.derivatives().forEach((name, j) -> js.set(name, Json.value(j)));
            }
            ObjectNode closed = o.putObject("closed_form");
            for (var j : r.jacobians().entrySet()) closed.put(j.getKey(), Printer.ascii(j.getValue()));
            Temporaries.Shown.of(new ArrayList<>(r.jacobians().values()), p, derivation.cse).writeJson(o, new ArrayList<>(r.jacobians().keySet()), f);
            if (derivation.steps) o.put("steps", r.steps().render(f, Temporaries.names(p)));
            DerivationOptions.report(o, r.selfCheck(), derivation.selfCheck());
            out().println(Json.write(o));
        } else if (derivation.steps) {
            out().print(r.steps().render(f, Temporaries.names(p)));
        } else {
            Temporaries.Shown shown = Temporaries.Shown.of(new ArrayList<>(r.jacobians().values()), p, derivation.cse);
            shown.define(out(), f);
            for (int i = 0; i < vars.size(); i++) out().println(label(p.expr(), vars.get(i), f, shown.names()) + shown.print(i, f));
        }
        out().flush();
        return ExitCodes.OK;
    }

    private static String label(Expr fx, Var v, Format f, io.tracediff.print.VariableNames names) {
        boolean columns = fx.shape().cols().isOne() && v.shape().cols().isOne();
        String x = Printer.variable(v.name(), f, names);
        return switch (f) {
            case UNICODE -> columns ? "∂F/∂" + x + "ᵀ = " : "∂vec(F)/∂vec(" + x + ")ᵀ = ";
            case ASCII -> columns ? "dF/d" + x + "' = " : "dvec(F)/dvec(" + x + ")' = ";
            case LATEX -> columns ? "\\frac{\\partial F}{\\partial " + x + "^\\top} = "
                    : "\\frac{\\partial \\operatorname{vec} F}{\\partial \\operatorname{vec}(" + x + ")^\\top} = ";
        };
    }
}

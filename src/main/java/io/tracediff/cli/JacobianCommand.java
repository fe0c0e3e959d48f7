package io.tracediff.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracediff.diff.CommonSubexpressions;
import io.tracediff.eval.Bindings;
import io.tracediff.eval.Matrix;
import io.tracediff.eval.ValuesJson;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.jacobian.Jacobians;
import io.tracediff.jacobian.StructuredEvaluator;
import io.tracediff.parse.UserError;
import io.tracediff.print.Format;
import io.tracediff.print.Printer;
import java.nio.file.Path;
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
                "  tracediff jacobian \"tanh(W*x)\" --wrt x --let \"W: matrix(m, n)\" --at values.json --json"})
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
        RuleOptions.Setup setup = rules.setup();
        Problem p = Problem.of(problem.expression(), problem.declarations(), setup.functions());
        if (p.expr().isScalar())
            throw new UserError(p.source() + " is a scalar: its Jacobian is the gradient as a row; use tracediff grad (declare vectors with --let \"x: vector(n)\" if a name was meant as one)");
        List<Var> vars = wrt.variables(p);
        Jacobians.Result r = Jacobians.of(p.expr(), vars, setup.rules(), setup.functions());
        Format f = output.format();
        if (at != null || output.json()) {
            ObjectNode o = Json.MAPPER.createObjectNode();
            if (at != null) {
                Map<String, Matrix> values = values(at);
                Bindings b = Bindings.bind(p.variables(), values);
                StructuredEvaluator ev = new StructuredEvaluator(values, b.sizes());
                o.set("value", Json.value(finite(ev.value(r.f()), "F = " + Printer.ascii(r.f()))));
                ObjectNode js = o.putObject("jacobian");
                for (var j : r.jacobians().entrySet())
                    js.set(j.getKey(), Json.value(finite(ev.value(j.getValue()), "the Jacobian with respect to " + j.getKey())));
            }
            ObjectNode closed = o.putObject("closed_form");
            for (var j : r.jacobians().entrySet()) closed.put(j.getKey(), Printer.ascii(j.getValue()));
            if (f != Format.ASCII) {
                ObjectNode printed = o.putObject("printed");
                for (var j : r.jacobians().entrySet()) printed.put(j.getKey(), Printer.print(j.getValue(), f));
            }
            if (derivation.steps) o.put("steps", r.steps().render(f));
            out().println(Json.write(o));
        } else if (derivation.steps) {
            out().print(r.steps().render(f));
        } else {
            List<Expr> shown = printed(new java.util.ArrayList<>(r.jacobians().values()), p, derivation.cse, f, out());
            for (int i = 0; i < vars.size(); i++) out().println(label(p.expr(), vars.get(i), f) + Printer.print(shown.get(i), f));
        }
        out().flush();
        return ExitCodes.OK;
    }

    /** The results as printed: with --cse, after the temporaries they use (t0 = …), which are printed first. */
    static List<Expr> printed(List<Expr> results, Problem p, boolean cse, Format f, java.io.PrintWriter out) {
        if (!cse) return results;
        var c = CommonSubexpressions.of(results, p.variables().keySet());
        for (var t : c.names().entrySet()) out.println(t.getKey() + " = " + Printer.print(t.getValue(), f));
        return c.roots();
    }

    static Map<String, Matrix> values(String at) {
        String text = at.strip();
        return ValuesJson.fromOption(at);
    }

    static Matrix finite(Matrix m, String what) {
        for (double x : m.data)
            if (!Double.isFinite(x)) throw new UserError(what + " is " + x + " at the given values");
        return m.copy();
    }

    private static String label(Expr fx, Var v, Format f) {
        boolean columns = fx.shape().cols().isOne() && v.shape().cols().isOne();
        String x = v.name();
        return switch (f) {
            case UNICODE -> columns ? "∂F/∂" + x + "ᵀ = " : "∂vec(F)/∂vec(" + x + ")ᵀ = ";
            case ASCII -> columns ? "dF/d" + x + "' = " : "dvec(F)/dvec(" + x + ")' = ";
            case LATEX -> columns ? "\\frac{\\partial F}{\\partial " + x + "^\\top} = "
                    : "\\frac{\\partial \\operatorname{vec} F}{\\partial \\operatorname{vec}(" + x + ")^\\top} = ";
        };
    }
}

package io.tracediff.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracediff.diff.CommonSubexpressions;
import io.tracediff.eval.VariableValues;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.jacobian.Jacobians;
import io.tracediff.jacobian.StructuredEvaluator;
import io.tracediff.parse.UserError;
import io.tracediff.print.Format;
import io.tracediff.print.Printer;
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
        RuleOptions.Setup setup = rules.setup();
        Problem p = nonScalarProblem(problem.expression(), problem.declarations(), setup.functions());
        List<Var> vars = wrt.variables(p, problem.wrtFromFile());
        Jacobians.Result r = Jacobians.of(p.expr(), vars, setup.rules(), setup.functions(), derivation.selfCheck());
        DerivationOptions.warnIfUnchecked(err(), r.selfCheck(), derivation.selfCheck());
        Format f = output.format();
        if (at != null || output.json()) {
            ObjectNode o = Json.MAPPER.createObjectNode();
            if (at != null) {
                Map<String, Matrix> values = values(at);
                ValuesOptions.warnUnused(p, values, err());
                VariableValues b = VariableValues.bind(p.variables(), values);
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
        DerivationOptions.report(o, r.selfCheck(), derivation.selfCheck());
            out().println(Json.write(o));
        } else if (derivation.steps) {
            out().print(r.steps().render(f));
        } else {
            Shown shown = printed(new java.util.ArrayList<>(r.jacobians().values()), p, derivation.cse, f, out());
            for (int i = 0; i < vars.size(); i++) out().println(label(p.expr(), vars.get(i), f) + shown.print(i, f));
        }
        out().flush();
        return ExitCodes.OK;
    }

    /** The problem of a vector- or matrix-valued F; a scalar is refused, pointing to the gradient. */
    static Problem nonScalarProblem(String expr, List<String> lets, io.tracediff.ops.Functions functions) {
        Problem p = Problem.of(expr, lets, functions);
        if (p.expr().isScalar())
            throw new UserError(p.source() + " is a scalar: its Jacobian is the gradient as a row; use tracediff grad (declare vectors with --let \"x: vector(n)\" if a name was meant as one)");
        return p;
    }

    /** The results as printed: with --cse, after the temporaries they use (t0 = …), which are printed first. */
    static Shown printed(List<Expr> results, Problem p, boolean cse, Format f, java.io.PrintWriter out) {
        if (!cse) return new Shown(results, java.util.Set.of());
        var c = CommonSubexpressions.of(results, p.variables().keySet());
        for (var t : c.names().entrySet())
            out.println(Temporaries.name(t.getKey(), f) + " = " + Temporaries.print(t.getValue(), f, c.names().keySet()));
        return new Shown(c.roots(), c.names().keySet());
    }

    /** The results to print and the temporaries they may name. */
    record Shown(List<Expr> roots, java.util.Set<String> temporaries) {
        String print(int i, Format f) { return Temporaries.print(roots.get(i), f, temporaries); }
    }

    static Map<String, Matrix> values(String at) {
        return ValuesOptions.read(at);
    }

    static Matrix finite(Matrix m, String what) {
        for (double x : m.data)
            if (!Double.isFinite(x)) throw new UserError(what + " is " + x + " at the given values");
        return m.copy();
    }

    private static String label(Expr fx, Var v, Format f) {
        boolean columns = fx.shape().cols().isOne() && v.shape().cols().isOne();
        String x = Printer.variable(v.name(), f);
        return switch (f) {
            case UNICODE -> columns ? "∂F/∂" + x + "ᵀ = " : "∂vec(F)/∂vec(" + x + ")ᵀ = ";
            case ASCII -> columns ? "dF/d" + x + "' = " : "dvec(F)/dvec(" + x + ")' = ";
            case LATEX -> columns ? "\\frac{\\partial F}{\\partial " + x + "^\\top} = "
                    : "\\frac{\\partial \\operatorname{vec} F}{\\partial \\operatorname{vec}(" + x + ")^\\top} = ";
        };
    }
}

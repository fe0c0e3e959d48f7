package io.tracediff.api;

import io.tracediff.diff.Gradients;
import io.tracediff.eval.tree.Evaluator;
import io.tracediff.eval.Matrix;
import io.tracediff.eval.tree.SizeCheck;
import io.tracediff.eval.VariableValues;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.jacobian.Hessians;
import io.tracediff.jacobian.Jacobians;
import io.tracediff.jacobian.StructuredEvaluator;
import io.tracediff.core.UserError;
import io.tracediff.print.Printer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A problem and its closed forms at numbers ({@code --at}): shapes checked against the declarations, sizes
 * bounded before anything is allocated, and a value that is not finite refused with a message naming it.
 * Derivatives are evaluated by the interpreter with ⊗, diag and K applied, not built.
 */
public final class Evaluation {
    private Evaluation() {}

    /**
     * The value of {@code p} at {@code values} ({@code tracediff eval}); NaN or an infinity anywhere is a UserError, as for
     * grad --at: exp(1000) is no number a double holds, and printing Infinity would state one.
     */
    public static Matrix of(Problem p, Map<String, Matrix> values) {
        Matrix v = Evaluator.eval(p.expr(), Values.bind(p, values));
        for (double x : v.data) {
            if (Double.isNaN(x)) throw new UserError(Printer.ascii(p.expr()) + " is not defined at the given values (NaN)");
            if (Double.isInfinite(x))
                throw new UserError(Printer.ascii(p.expr()) + " is " + x + " at the given values (past the largest double, 1.8e308, or a division by 0)");
        }
        return v;
    }

    /** f and its derivatives by variable name, at the given values. */
    public record Numbers(Matrix value, Map<String, Matrix> derivatives) {}

    /** f and each gradient at {@code values} ({@code tracediff grad --at}). */
    public static Numbers gradients(Problem p, Gradients.Result r, Map<String, Matrix> values) {
        VariableValues b = Values.bind(p, values);
        // Before allocating: a named subexpression too big is refused.
        SizeCheck.check(r.f(), b.sizes());
        for (Expr g : r.gradients().values()) SizeCheck.check(g, b.sizes());
        // Interpreted, as hessian and jacobian do (compiling first costs half a second cold).
        StructuredEvaluator ev = new StructuredEvaluator(values, b.sizes());
        Matrix f = finite(ev.value(r.f()), "f = " + Printer.ascii(r.f()));
        Map<String, Matrix> grads = new LinkedHashMap<>();
        for (var g : r.gradients().entrySet()) grads.put(g.getKey(), finite(ev.value(g.getValue()), "the gradient with respect to " + g.getKey()));
        return new Numbers(f, grads);
    }

    /** F and each Jacobian at {@code values} ({@code tracediff jacobian --at}). */
    public static Numbers jacobians(Problem p, Jacobians.Result r, Map<String, Matrix> values) {
        StructuredEvaluator ev = new StructuredEvaluator(values, Values.bind(p, values).sizes());
        Matrix f = finite(ev.value(r.f()), "F = " + Printer.ascii(r.f()));
        Map<String, Matrix> js = new LinkedHashMap<>();
        for (var j : r.jacobians().entrySet()) js.put(j.getKey(), finite(ev.value(j.getValue()), "the Jacobian with respect to " + j.getKey()));
        return new Numbers(f, js);
    }

    /**
     * f, its gradients, the full Hessian over [vec(X₁); vec(X₂); …] (blocks in {@code wrt} order) and each block
     * by (row variable, column variable).
     */
    public record HessianValues(Matrix value, Map<String, Matrix> gradients, Matrix hessian, Map<String, Map<String, Matrix>> blocks) {}

    /** The Hessian at {@code values} ({@code tracediff hessian --at}). */
    public static HessianValues hessian(Problem p, Hessians.Result r, List<Var> wrt, Map<String, Matrix> values) {
        StructuredEvaluator ev = new StructuredEvaluator(values, Values.bind(p, values).sizes());
        Matrix f = finite(ev.value(r.f()), "f = " + Printer.ascii(r.f()));
        Map<String, Matrix> grads = new LinkedHashMap<>();
        for (Var v : wrt) grads.put(v.name(), finite(ev.value(r.gradients().get(v.name())), "the gradient with respect to " + v.name()));
        Matrix stacked = stacked(r, wrt, ev);
        Map<String, Map<String, Matrix>> blocks = new LinkedHashMap<>();
        if (wrt.size() > 1)
            for (Var x : wrt) {
                Map<String, Matrix> row = new LinkedHashMap<>();
                for (Var y : wrt) row.put(y.name(), ev.value(r.block(x.name(), y.name())).copy());
                blocks.put(x.name(), row);
            }
        return new HessianValues(f, grads, stacked, blocks);
    }

    private static Matrix stacked(Hessians.Result r, List<Var> vars, StructuredEvaluator ev) {
        if (vars.size() == 1) return finite(ev.value(r.block(vars.get(0).name(), vars.get(0).name())), "the Hessian");
        Matrix[][] blocks = new Matrix[vars.size()][vars.size()];
        int n = 0;
        for (int i = 0; i < vars.size(); i++) {
            for (int j = 0; j < vars.size(); j++)
                blocks[i][j] = finite(ev.value(r.block(vars.get(i).name(), vars.get(j).name())),
                        "the Hessian block (" + vars.get(i).name() + ", " + vars.get(j).name() + ")");
            n += blocks[i][i].rows;
        }
        Matrix h = new Matrix(n, n);
        for (int i = 0, r0 = 0; i < vars.size(); r0 += blocks[i][0].rows, i++)
            for (int j = 0, c0 = 0; j < vars.size(); c0 += blocks[i][j].cols, j++)
                for (int a = 0; a < blocks[i][j].rows; a++)
                    System.arraycopy(blocks[i][j].data, a * blocks[i][j].cols, h.data, (r0 + a) * n + c0, blocks[i][j].cols);
        return h;
    }

    /** A copy of {@code m}, or a UserError naming {@code what} when an entry is NaN or infinite. */
    private static Matrix finite(Matrix m, String what) {
        for (double x : m.data)
            if (!Double.isFinite(x)) throw new UserError(what + " is " + x + " at the given values");
        return m.copy();
    }
}

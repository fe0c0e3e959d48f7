package io.tracediff.jacobian;

import io.tracediff.autograd.Functional;
import io.tracediff.autograd.Tensor;
import io.tracediff.eval.VariableValues;
import io.tracediff.eval.Evaluator;
import io.tracediff.eval.Matrix;
import io.tracediff.eval.Sizes;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.Var;
import io.tracediff.parse.UserError;
import io.tracediff.print.Printer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numerical Jacobians and Hessians the closed forms are checked (and benchmarked) against: central
 * differences of vec(F) over the entries of vec(X), and the reverse-mode engine's
 * {@link Functional#jacobian} / {@link Functional#hessian} on the expression run through each operator's
 * autograd twin. Both independent of the rules.
 */
public final class NumericalJacobians {
    private NumericalJacobians() {}

    /** ∂vec(F)/∂vec(X)ᵀ by central differences with relative step h. */
    public static Matrix finiteDifferences(Expr f, Map<String, Var> vars, Map<String, Matrix> values, Var x, double h) {
        Matrix x0 = values.get(x.name());
        int n = x0.rows * x0.cols;
        Matrix j = null;
        for (int k = 0; k < n; k++) {
            int i = k % x0.rows, c = k / x0.rows, at = i * x0.cols + c; // vec index k is entry (i, c)
            double step = h * Math.max(1, Math.abs(x0.data[at]));
            double[] up = vec(eval(f, vars, values, x, at, step)), down = vec(eval(f, vars, values, x, at, -step));
            if (j == null) j = new Matrix(up.length, n);
            for (int r = 0; r < up.length; r++) j.data[r * n + k] = (up[r] - down[r]) / (2 * step);
        }
        return j;
    }

    /** The (X, Y) block of the Hessian of a scalar f by second central differences of f itself. */
    public static Matrix finiteDifferenceHessian(Expr f, Map<String, Var> vars, Map<String, Matrix> values, Var x, Var y, double h) {
        Matrix x0 = values.get(x.name()), y0 = values.get(y.name());
        int n = x0.rows * x0.cols, m = y0.rows * y0.cols;
        Matrix hess = new Matrix(n, m);
        for (int k = 0; k < n; k++)
            for (int l = 0; l < m; l++) {
                int a = (k % x0.rows) * x0.cols + k / x0.rows, b = (l % y0.rows) * y0.cols + l / y0.rows;
                double sx = h * Math.max(1, Math.abs(x0.data[a])), sy = h * Math.max(1, Math.abs(y0.data[b]));
                double pp = value(f, vars, moved(values, x, a, sx, y, b, sy)), pm = value(f, vars, moved(values, x, a, sx, y, b, -sy));
                double mp = value(f, vars, moved(values, x, a, -sx, y, b, sy)), mm = value(f, vars, moved(values, x, a, -sx, y, b, -sy));
                hess.data[k * m + l] = (pp - pm - mp + mm) / (4 * sx * sy);
            }
        return hess;
    }

    /** ∂vec(F)/∂vec(X)ᵀ on the reverse-mode engine ({@link io.tracediff.check.AutogradBridge#jacobian}). */
    public static Matrix autogradJacobian(Expr f, Map<String, Var> vars, Map<String, Matrix> values, Var x) {
        return io.tracediff.check.AutogradBridge.jacobian(f, values, x, VariableValues.bind(vars, values).sizes());
    }

    /** The Hessian over [vec(X₁); vec(X₂); …] on the reverse-mode engine ({@link io.tracediff.check.AutogradBridge#hessian}). */
    public static Matrix autogradHessian(Expr f, Map<String, Var> vars, Map<String, Matrix> values, List<Var> wrt) {
        return io.tracediff.check.AutogradBridge.hessian(f, values, wrt, VariableValues.bind(vars, values).sizes());
    }

    static Tensor tensor(Matrix m) { return Tensor.fromArray(m.data.clone(), m.rows, m.cols); }

    /** vec of a rows×cols tensor as a 1-D tensor (column-major). */
    static Tensor vecOf(Tensor t) { return t.t().reshape(t.numel()); }

    static Tensor unvec(Tensor v, int rows, int cols) { return v.reshape(cols, rows).t(); }

    /** The tensor graph of e, each distinct subexpression once; {@code leaves} replace variables' values. */
    public static Tensor forward(Expr root, Map<String, Matrix> values, Map<String, Tensor> leaves, Sizes sizes) {
        return io.tracediff.check.AutogradBridge.forward(root, values, leaves, sizes);
    }

    private static double value(Expr f, Map<String, Var> vars, Map<String, Matrix> values) {
        return Evaluator.eval(f, VariableValues.bind(vars, values)).scalarValue();
    }

    private static Matrix eval(Expr f, Map<String, Var> vars, Map<String, Matrix> values, Var x, int at, double step) {
        return Evaluator.eval(f, VariableValues.bind(vars, moved(values, x, at, step, null, 0, 0)));
    }

    private static Map<String, Matrix> moved(Map<String, Matrix> values, Var x, int a, double sa, Var y, int b, double sb) {
        Map<String, Matrix> v = new HashMap<>(values);
        Matrix mx = values.get(x.name()).copy();
        mx.data[a] += sa;
        v.put(x.name(), mx);
        if (y != null) {
            Matrix my = v.get(y.name()).copy();
            my.data[b] += sb;
            v.put(y.name(), my);
        }
        return v;
    }

    /** Column-major entries of m. */
    static double[] vec(Matrix m) {
        double[] d = new double[m.rows * m.cols];
        for (int j = 0, k = 0; j < m.cols; j++)
            for (int i = 0; i < m.rows; i++) d[k++] = m.data[i * m.cols + j];
        return d;
    }
}

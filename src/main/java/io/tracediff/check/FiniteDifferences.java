package io.tracediff.check;

import io.tracediff.eval.tree.Evaluator;
import io.tracediff.eval.VariableValues;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.kernel.CentralDifference;
import java.util.HashMap;
import java.util.Map;

/**
 * Central differences ({@link CentralDifference}) of an expression at given values: the numerical reference
 * every closed form is checked against, independent of the rules. Each entry's step is relative
 * ({@link CentralDifference#step}). For a symmetric variable the perturbation is symmetric, which gives the
 * symmetric gradient.
 */
public final class FiniteDifferences {
    private FiniteDifferences() {}

    public static double value(Expr f, Map<String, Var> vars, Map<String, Matrix> values) {
        return Evaluator.eval(f, VariableValues.bind(vars, values)).scalarValue();
    }

    /** ∂f/∂X by central differences at {@code values}, with relative step {@code h}. */
    public static Matrix gradient(Expr f, Map<String, Var> vars, Map<String, Matrix> values, Var x, double h) {
        Matrix x0 = values.get(x.name());
        Matrix g = new Matrix(x0.rows, x0.cols);
        boolean sym = x.kind().symmetric();
        for (int i = 0; i < x0.rows; i++)
            for (int j = 0; j < x0.cols; j++) {
                if (sym && j < i) { g.data[i * x0.cols + j] = g.data[j * x0.cols + i]; continue; }
                int k = i * x0.cols + j, kt = sym ? j * x0.cols + i : k;
                double slope = CentralDifference.slope(t -> value(f, vars, moved(values, x, k, t, kt)), CentralDifference.step(h, x0.data[k]));
                g.data[k] = sym && i != j ? slope / 2 : slope;
            }
        return g;
    }

    /**
     * The entries of ∂f/∂X (row-major index) that central differences with relative step h cannot tell at {@code values}
     * within atol + rtol·max|entry| (the scale taken from {@code reference} and the differences), each with why; empty
     * where they tell every entry. Why: f is not finite a step away (the step leaves its domain); f's rounding over the
     * step exceeds the tolerance (sum(x) + 10¹⁷ moves by 0 when x moves by 10⁻⁶); the one-sided differences part by
     * more than curvature explains (a kink within a step: relu at 10⁻¹²); or the quotient moves with the step (f varies
     * on a smaller scale than a step relative to a large entry). Entries are 1-based in the reasons.
     */
    public static Map<Integer, String> unresolved(Expr f, Map<String, Var> vars, Map<String, Matrix> values, Var x, double h, Matrix reference,
                                                  double atol, double rtol) {
        Matrix x0 = values.get(x.name());
        boolean sym = x.kind().symmetric();
        Map<Integer, String> out = new java.util.LinkedHashMap<>();
        double f0 = value(f, vars, values);
        if (!Double.isFinite(f0)) {
            for (int k = 0; k < x0.data.length; k++) out.put(k, "f is " + f0 + " at the point");
            return out;
        }
        double[] up = new double[x0.data.length], down = new double[x0.data.length];
        double scale = reference.maxAbs();
        for (int i = 0; i < x0.rows; i++)
            for (int j = sym ? i : 0; j < x0.cols; j++) {
                int k = i * x0.cols + j, kt = sym ? j * x0.cols + i : k;
                double step = CentralDifference.step(h, x0.data[k]);
                up[k] = value(f, vars, moved(values, x, k, step, kt));
                down[k] = value(f, vars, moved(values, x, k, -step, kt));
                if (Double.isFinite(up[k]) && Double.isFinite(down[k])) scale = Math.max(scale, Math.abs(up[k] - down[k]) / (2 * step));
            }
        double tolerance = atol + rtol * scale;
        for (int i = 0; i < x0.rows; i++)
            for (int j = sym ? i : 0; j < x0.cols; j++) {
                int k = i * x0.cols + j, kt = sym ? j * x0.cols + i : k;
                String why = entryUnresolved(f, vars, values, x, x0, i, j, k, kt, CentralDifference.step(h, x0.data[k]), f0, up[k], down[k], tolerance);
                if (why != null) { out.put(k, why); out.put(kt, why); }
            }
        return out;
    }

    /** Why central differences cannot tell entry (i, j) (row-major k, its mirror kt), or null ({@link #unresolved}). */
    private static String entryUnresolved(Expr f, Map<String, Var> vars, Map<String, Matrix> values, Var x, Matrix x0, int i, int j, int k, int kt,
                                          double step, double f0, double up, double down, double tolerance) {
        if (!Double.isFinite(up) || !Double.isFinite(down))
            return "f is not finite a step of " + g3(step) + " from entry " + entry(x0, i, j) + " (the step leaves its domain)";
        double size = Math.max(1, Math.max(Math.abs(f0), Math.max(Math.abs(up), Math.abs(down))));
        // Each value is rounded to about ε|f|; their difference over 2·step carries that, with a margin of 10.
        double rounding = 10 * Math.ulp(1.0) * size / step;
        if (rounding > tolerance)
            return "f is about " + g3(size) + " there, and its rounding over a step of " + g3(step) + " at entry " + entry(x0, i, j)
                    + " is " + g3(rounding) + ", more than the tolerance " + g3(tolerance);
        double forward = (up - f0) / step, backward = (f0 - down) / step;
        if (Math.abs(forward - backward) > 100 * tolerance)
            return "f has a kink or bends sharply within a step of " + g3(step) + " from entry " + entry(x0, i, j)
                    + " (slopes " + g3(backward) + " before it and " + g3(forward) + " after it)";
        // A step relative to a large entry can dwarf the scale f varies on (softmax of entries near 10¹⁶ saturates
        // within 1, the step is 10¹⁰): the quotient then moves with the step, where a converged one does not.
        double small = step / 100;
        if (x0.data[k] + small == x0.data[k]) return null;
        double up2 = value(f, vars, moved(values, x, k, small, kt)), down2 = value(f, vars, moved(values, x, k, -small, kt));
        double central = (up - down) / (2 * step), finer = (up2 - down2) / (2 * small);
        double finerRounding = 10 * Math.ulp(1.0) * Math.max(1, Math.max(Math.abs(up2), Math.abs(down2))) / small;
        if (Double.isFinite(finer) && Math.abs(central - finer) > 1e-2 * Math.max(Math.abs(central), Math.abs(finer)) + finerRounding)
            return "the difference quotient at entry " + entry(x0, i, j) + " moves with the step (" + g3(central) + " at a step of "
                    + g3(step) + ", " + g3(finer) + " at " + g3(small) + "): f varies on a scale smaller than the step";
        return null;
    }

    private static String g3(double v) { return String.format(java.util.Locale.ROOT, "%.3g", v); }

    private static String entry(Matrix m, int i, int j) { return "(" + (i + 1) + ", " + (j + 1) + ")"; }

    /** ∂vec(F)/∂vec(X)ᵀ by central differences with relative step h. */
    public static Matrix jacobian(Expr f, Map<String, Var> vars, Map<String, Matrix> values, Var x, double h) {
        Matrix x0 = values.get(x.name());
        int n = x0.rows * x0.cols;
        double[] j = CentralDifference.jacobian(n, k -> CentralDifference.step(h, x0.data[rowMajor(x0, k)]),
                (k, t) -> vec(Evaluator.eval(f, VariableValues.bind(vars, moved(values, x, rowMajor(x0, k), t, rowMajor(x0, k))))));
        return new Matrix(j.length / n, n, j);
    }

    /** The (X, Y) block of the Hessian of a scalar f by second central differences of f itself, relative step h. */
    public static Matrix hessian(Expr f, Map<String, Var> vars, Map<String, Matrix> values, Var x, Var y, double h) {
        Matrix x0 = values.get(x.name()), y0 = values.get(y.name());
        int n = x0.rows * x0.cols, m = y0.rows * y0.cols;
        Matrix hess = new Matrix(n, m);
        for (int k = 0; k < n; k++)
            for (int l = 0; l < m; l++) {
                int a = rowMajor(x0, k), b = rowMajor(y0, l);
                hess.data[k * m + l] = CentralDifference.mixedSlope(
                        (s, t) -> value(f, vars, moved(moved(values, x, a, s, a), y, b, t, b)),
                        CentralDifference.step(h, x0.data[a]), CentralDifference.step(h, y0.data[b]));
            }
        return hess;
    }

    /** The row-major index of vec index k (vec runs down the columns). */
    private static int rowMajor(Matrix m, int k) { return (k % m.rows) * m.cols + k / m.rows; }

    /** Values with entry k of x (and its mirror kt, the same entry unless symmetric) moved by t. */
    private static Map<String, Matrix> moved(Map<String, Matrix> values, Var x, int k, double t, int kt) {
        Matrix moved = values.get(x.name()).copy();
        moved.data[k] += t;
        if (kt != k) moved.data[kt] += t;
        Map<String, Matrix> v = new HashMap<>(values);
        v.put(x.name(), moved);
        return v;
    }

    /** Column-major entries of m. */
    private static double[] vec(Matrix m) {
        double[] d = new double[m.rows * m.cols];
        for (int j = 0, k = 0; j < m.cols; j++)
            for (int i = 0; i < m.rows; i++) d[k++] = m.data[i * m.cols + j];
        return d;
    }
}

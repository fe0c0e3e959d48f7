package io.tracediff.jacobian;

import io.tracediff.eval.Matrix;
import io.tracediff.shape.Sizes;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.ops.Add;
import io.tracediff.ops.Commutation;
import io.tracediff.ops.DiagMatrix;
import io.tracediff.ops.Kron;
import io.tracediff.ops.Mul;
import io.tracediff.ops.Sub;
import io.tracediff.ops.Transpose;
import io.tracediff.kernel.Kernels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates Jacobians and Hessians without building the structured factors they are written with:
 * diag(d) M and M diag(d) scale rows and columns (O(mn), not a dense product), diag(d) ± M adds to the
 * diagonal, M ± Nᵀ is one pass, Pᵀ diag(d) P is one symmetric product (half the flops), Pᵀ diag(d) Q one product with Pᵀ read in place, (A ⊗ B) V is vec(B Y Aᵀ) column by column with Y = unvec(v) (Magnus &amp; Neudecker Thm 2.2) and
 * V (A ⊗ B) the same transposed, K V and V K permute rows and columns. Everything else, and a structured
 * factor that is itself the result, goes to the operator's own kernel. Each distinct subexpression once.
 */
public final class StructuredEvaluator {
    private final Map<String, Matrix> values;
    private final Sizes sizes;
    private final Map<Expr, Matrix> cache = new HashMap<>();

    public StructuredEvaluator(Map<String, Matrix> values, Sizes sizes) {
        this.values = values;
        this.sizes = sizes;
    }

    public Matrix value(Expr e) {
        Matrix done = cache.get(e);
        if (done == null) {
            done = compute(e);
            cache.put(e, done);
        }
        return done;
    }

    private Matrix compute(Expr e) {
        if (!(e instanceof Apply a)) return io.tracediff.eval.tree.Evaluator.leaf(e, values);
        if (a.op() == Mul.OP && !a.arg(0).isScalar() && !a.arg(1).isScalar()) {
            Expr l = a.arg(0), r = a.arg(1);
            // Pᵀ diag(d) P (GLM Hessians, Gauss–Newton): symmetric, so half a product (Kernels.diagGram).
            Expr[] gram = DiagMatrix.gramOperands(l, r);
            if (gram != null) {
                Matrix p = value(gram[0]), d = value(gram[1]);
                Matrix out = new Matrix(p.cols, p.cols);
                Kernels.diagGram(1.0, p.data, d.data, p.rows, p.cols, out.data);
                return out;
            }
            // Pᵀ diag(d) Q: Pᵀ (diag(d) Q), Pᵀ never built.
            if (l instanceof Apply pd && pd.op() == Mul.OP && is(pd.arg(1), DiagMatrix.OP) && is(pd.arg(0), Transpose.OP)) {
                Matrix p = value(((Apply) pd.arg(0)).arg(0)), dq = scaleRows(value(((Apply) pd.arg(1)).arg(0)), value(r));
                return new Matrix(p.cols, dq.cols, Kernels.matmul(true, false, p.cols, dq.cols, p.rows, p.data, dq.data));
            }
            if (is(l, DiagMatrix.OP)) return scaleRows(value(((Apply) l).arg(0)), value(r));
            if (is(r, DiagMatrix.OP)) return scaleColumns(value(l), value(((Apply) r).arg(0)));
            if (is(l, Kron.OP)) return kronTimes(value(((Apply) l).arg(0)), value(((Apply) l).arg(1)), value(r));
            if (is(r, Kron.OP)) // V (A ⊗ B) = ((Aᵀ ⊗ Bᵀ) Vᵀ)ᵀ
                return kronTimes(value(((Apply) r).arg(0)).transpose(), value(((Apply) r).arg(1)).transpose(), value(l).transpose()).transpose();
            if (l instanceof Apply k && k.op() instanceof Commutation c) return permuteRows(sizes.size(c.m()), sizes.size(c.n()), value(r));
            if (r instanceof Apply k && k.op() instanceof Commutation c) return permuteColumns(sizes.size(c.m()), sizes.size(c.n()), value(l));
        }
        if ((a.op() == Add.OP || a.op() == Sub.OP) && a.arg(0).shape().equals(a.arg(1).shape())) {
            double sign = a.op() == Sub.OP ? -1 : 1;
            if (is(a.arg(0), DiagMatrix.OP)) return plusDiagonal(value(a.arg(1)), sign, value(((Apply) a.arg(0)).arg(0)), 1);
            if (is(a.arg(1), DiagMatrix.OP)) return plusDiagonal(value(a.arg(0)), 1, value(((Apply) a.arg(1)).arg(0)), sign);
            // M ± Nᵀ (A + Aᵀ in every quadratic form's Hessian): one pass, Nᵀ never built.
            if (is(a.arg(1), Transpose.OP)) return plusTransposed(value(a.arg(0)), sign, value(((Apply) a.arg(1)).arg(0)));
            if (is(a.arg(0), Transpose.OP) && sign > 0) return plusTransposed(value(a.arg(1)), 1, value(((Apply) a.arg(0)).arg(0)));
        }
        List<Matrix> args = new ArrayList<>(a.args().size());
        for (Expr arg : a.args()) args.add(value(arg));
        return io.tracediff.eval.tree.Evaluator.apply(a, args, sizes);
    }

    private static boolean is(Expr e, io.tracediff.expr.Op op) { return e instanceof Apply a && a.op() == op; }

    static Matrix scaleRows(Matrix d, Matrix m) {
        Matrix out = new Matrix(m.rows, m.cols);
        for (int i = 0; i < m.rows; i++) {
            double s = d.data[i];
            for (int j = 0, o = i * m.cols; j < m.cols; j++) out.data[o + j] = s * m.data[o + j];
        }
        return out;
    }

    static Matrix scaleColumns(Matrix m, Matrix d) {
        Matrix out = new Matrix(m.rows, m.cols);
        for (int i = 0; i < m.rows; i++)
            for (int j = 0, o = i * m.cols; j < m.cols; j++) out.data[o + j] = m.data[o + j] * d.data[j];
        return out;
    }

    /** diag(ld)·ls + m·ms: m with the scaled diagonal added. */
    static Matrix plusDiagonal(Matrix m, double ms, Matrix d, double ds) {
        Matrix out = new Matrix(m.rows, m.cols);
        for (int i = 0; i < out.data.length; i++) out.data[i] = ms * m.data[i];
        for (int i = 0; i < m.rows; i++) out.data[i * m.cols + i] += ds * d.data[i];
        return out;
    }

    /** m + sign·nᵀ, by tiles so both operands are read in cache-sized blocks. */
    static Matrix plusTransposed(Matrix m, double sign, Matrix n) {
        Matrix out = new Matrix(m.rows, m.cols);
        final int tile = 32;
        for (int i0 = 0; i0 < m.rows; i0 += tile)
            for (int j0 = 0; j0 < m.cols; j0 += tile)
                for (int i = i0, ie = Math.min(m.rows, i0 + tile); i < ie; i++)
                    for (int j = j0, je = Math.min(m.cols, j0 + tile); j < je; j++)
                        out.data[i * m.cols + j] = m.data[i * m.cols + j] + sign * n.data[j * n.cols + i];
        return out;
    }

    /** (A ⊗ B) V for A p×q, B r×s, V qs×c: column k is vec(B Y Aᵀ) with Y = unvec(V[:, k]) s×q. */
    static Matrix kronTimes(Matrix a, Matrix b, Matrix v) {
        int p = a.rows, q = a.cols, r = b.rows, s = b.cols;
        Matrix out = new Matrix(io.tracediff.kernel.Entries.dimension(p, r), v.cols);
        Matrix at = a.transpose();
        for (int k = 0; k < v.cols; k++) {
            Matrix y = new Matrix(s, q);
            for (int j = 0; j < q; j++)
                for (int i = 0; i < s; i++) y.data[i * q + j] = v.data[(i + j * s) * v.cols + k];
            Matrix byat = Mul.OP.eval(List.of(Mul.OP.eval(List.of(b, y)), at)); // r×p
            for (int j = 0; j < p; j++)
                for (int i = 0; i < r; i++) out.data[(i + j * r) * v.cols + k] = byat.data[i * p + j];
        }
        return out;
    }

    /** K(m, n) V: row j + i·n of the result is row i + j·m of V. */
    static Matrix permuteRows(int m, int n, Matrix v) {
        Matrix out = new Matrix(v.rows, v.cols);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) System.arraycopy(v.data, (i + j * m) * v.cols, out.data, (j + i * n) * v.cols, v.cols);
        return out;
    }

    /** V K(m, n): column i + j·m of the result is column j + i·n of V (K is a permutation: Kᵀ = K⁻¹). */
    static Matrix permuteColumns(int m, int n, Matrix v) {
        Matrix out = new Matrix(v.rows, v.cols);
        for (int r = 0; r < v.rows; r++)
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++) out.data[r * v.cols + i + j * m] = v.data[r * v.cols + j + i * n];
        return out;
    }
}

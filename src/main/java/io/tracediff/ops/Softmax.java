package io.tracediff.ops;

import io.tracediff.eval.Matrix;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Op;
import io.tracediff.print.Format;
import io.tracediff.print.Notation;
import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;
import java.util.List;

/**
 * softmax(X), column by column: sᵢⱼ = exp(Xᵢⱼ) / Σₖ exp(Xₖⱼ) (a vector's softmax for a vector, each column of a
 * matrix a sample, as torch.softmax(dim=0)); evaluated with each column's maximum subtracted, so no exp overflows.
 * Its Jacobian for a vector is diag(s) − s sᵀ (rules/differentials.rules).
 */
public enum Softmax implements Op {
    OP;
    static final ScalarFunction EXP = Functions.builtin().get("exp").orElseThrow();

    @Override public String key() { return "softmax"; }
    @Override public int arity() { return 1; }
    @Override public Shape shape(ShapeArgs a) { return a.shape(0); }
    @Override public Notation notation(Format f, List<Expr> args) { return Notation.function(f == Format.LATEX ? "\\operatorname{softmax}" : "softmax"); }
    @Override public Matrix eval(List<Matrix> v) {
        Matrix x = v.get(0);
        Matrix out = new Matrix(x.rows, x.cols);
        for (int j = 0; j < x.cols; j++) {
            double m = Double.NEGATIVE_INFINITY, s = 0;
            for (int i = 0; i < x.rows; i++) m = Math.max(m, x.data[i * x.cols + j]);
            for (int i = 0; i < x.rows; i++) s += out.data[i * x.cols + j] = Math.exp(x.data[i * x.cols + j] - m);
            for (int i = 0; i < x.rows; i++) out.data[i * x.cols + j] /= s;
        }
        return out;
    }

    static final String JAVA = """
            /** softmax of each column of the r×c matrix a, its maximum subtracted so nothing overflows. */
            static void softmax(double[] out, int r, int c, double[] a, int ar, int ac) {
                for (int j = 0; j < c; j++) {
                    double m = Double.NEGATIVE_INFINITY, s = 0.0;
                    for (int i = 0; i < r; i++) m = Math.max(m, a[i * c + j]);
                    for (int i = 0; i < r; i++) s += out[i * c + j] = Math.exp(a[i * c + j] - m);
                    for (int i = 0; i < r; i++) out[i * c + j] /= s;
                }
            }""".indent(4).strip();

    @Override public io.tracediff.codegen.Template codegen(List<Expr> args) { return new io.tracediff.codegen.Template.Routine("softmax", JAVA); }

    /** torch.softmax(dim=0) (SoftmaxBackward0): columns are the samples. */
    @Override public io.tracediff.autograd.Tensor autograd(List<io.tracediff.autograd.Tensor> a, io.tracediff.eval.Sizes s) {
        return a.get(0).softmax(0);
    }

    @Override public <M, T> M entries(io.tracediff.expr.Apply self, List<M> x, io.tracediff.expr.EntryAlgebra<M, T> alg, io.tracediff.eval.Sizes sizes) {
        M e = alg.map(x.get(0), t -> alg.apply(EXP, t));
        int rows = alg.rows(e);
        return alg.build(rows, alg.cols(e), (i, j) -> {
            T sum = alg.get(e, 0, j);
            for (int k = 1; k < rows; k++) sum = alg.add(sum, alg.get(e, k, j));
            return alg.divide(alg.get(e, i, j), sum);
        });
    }
}

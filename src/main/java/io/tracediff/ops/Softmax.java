package io.tracediff.ops;

import io.tracediff.autograd.Tensor;
import io.tracediff.check.tensor.AutogradFacet;
import io.tracediff.codegen.template.CodegenFacet;
import io.tracediff.codegen.template.Template;
import io.tracediff.eval.EvalFacet;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Op;
import io.tracediff.print.notation.Format;
import io.tracediff.print.notation.Notation;
import io.tracediff.print.notation.NotationFacet;
import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;
import io.tracediff.shape.Sizes;
import io.tracediff.symja.entries.EntriesFacet;
import io.tracediff.symja.entries.EntryAlgebra;
import java.util.List;

/**
 * softmax(X), column by column: sᵢⱼ = exp(Xᵢⱼ) / Σₖ exp(Xₖⱼ) (a vector's softmax for a vector, each column of a
 * matrix a sample, as torch.softmax(dim=0)); evaluated with each column's maximum subtracted, so no exp overflows.
 * Its Jacobian for a vector is diag(s) − s sᵀ (rules/differentials.rules).
 */
public enum Softmax implements Op, NotationFacet, EvalFacet, AutogradFacet, EntriesFacet, CodegenFacet {
    OP;
    /** exp entry by entry: what the exact expansion applies to each entry. */
    static final ElementFn EXP = new ElementFn(Functions.builtin().get("exp").orElseThrow());

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

    /** The routine generated code calls; built when code is generated (String.indent runs streams, slow in a cold start). */
    static String java() {
        return """
            /** softmax of each column of the r×c matrix a, its maximum subtracted so nothing overflows. */
            static void softmax(double[] out, int r, int c, double[] a, int ar, int ac) {
                for (int j = 0; j < c; j++) {
                    double m = Double.NEGATIVE_INFINITY, s = 0.0;
                    for (int i = 0; i < r; i++) m = Math.max(m, a[i * c + j]);
                    for (int i = 0; i < r; i++) s += out[i * c + j] = Math.exp(a[i * c + j] - m);
                    for (int i = 0; i < r; i++) out[i * c + j] /= s;
                }
            }""".indent(4).strip();
    }

    @Override public Template codegen(List<Expr> args) { return new Template.Routine("softmax", java()); }

    /** torch.softmax(dim=0) (SoftmaxBackward0): columns are the samples. */
    @Override public Tensor autograd(List<Tensor> a, Sizes s) {
        return a.get(0).softmax(0);
    }

    @Override public <M, T> M entries(Apply self, List<M> x, EntryAlgebra<M, T> alg, Sizes sizes) {
        M e = alg.map(x.get(0), t -> alg.apply(EXP, t));
        int rows = alg.rows(e);
        return alg.build(rows, alg.cols(e), (i, j) -> {
            T sum = alg.get(e, 0, j);
            for (int k = 1; k < rows; k++) sum = alg.add(sum, alg.get(e, k, j));
            return alg.divide(alg.get(e, i, j), sum);
        });
    }
}

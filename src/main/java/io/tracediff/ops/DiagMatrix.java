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

/** diag(v): the diagonal matrix with the vector v on its diagonal. */
public enum DiagMatrix implements Op, NotationFacet, EvalFacet, AutogradFacet, EntriesFacet, CodegenFacet {
    OP;
    @Override public String key() { return "diag"; }
    @Override public int arity() { return 1; }
    @Override public Shape shape(ShapeArgs a) {
        Shape v = a.shape(0);
        if (!a.resolve(v.cols()).isOne()) throw a.mismatch("diag of a vector needs a column, but " + a.describe(0));
        return Shape.of(v.rows(), v.rows());
    }
    @Override public Notation notation(Format f, List<Expr> args) { return Notation.function(f == Format.LATEX ? "\\operatorname{diag}" : "diag"); }
    @Override public Matrix eval(List<Matrix> v) {
        Matrix x = v.get(0);
        Matrix d = new Matrix(x.rows, x.rows);
        for (int i = 0; i < x.rows; i++) d.data[i * x.rows + i] = x.data[i];
        return d;
    }
    @Override public Template codegen(List<Expr> args) { return new Template.Routine("diagMatrix", "static void diagMatrix(double[] out, int r, int c, double[] v, int vr, int vc) { java.util.Arrays.fill(out, 0.0); for (int i = 0; i < r; i++) out[i * c + i] = v[i]; }"); }

    /**
     * {P, d} when the product l·r is Pᵀ diag(d) P in either association (P a matrix that is not a column, d a column
     * of P's row count), else null: the symmetric Gram form of GLM Hessians and Gauss–Newton matrices, which
     * evaluators compute in half a product (Kernels.diagGram).
     */
    public static Expr[] gramOperands(Expr l, Expr r) {
        Expr p, d;
        if (l instanceof Apply pd && pd.op() == Mul.OP && pd.arg(0) instanceof Apply t && t.op() == Transpose.OP
                && pd.arg(1) instanceof Apply dm && dm.op() == OP) {
            p = t.arg(0);
            d = dm.arg(0);
            if (!p.equals(r)) return null;
        } else if (l instanceof Apply t && t.op() == Transpose.OP && r instanceof Apply dq && dq.op() == Mul.OP
                && dq.arg(0) instanceof Apply dm && dm.op() == OP) {
            p = t.arg(0);
            d = dm.arg(0);
            if (!p.equals(dq.arg(1))) return null;
        } else return null;
        return p.isScalar() || p.shape().cols().isOne() || d.isScalar() ? null : new Expr[] {p, d};
    }

    /** The same operation on the reverse-mode engine: every value a rows×cols tensor, scalars 1×1. */
    @Override public Tensor autograd(List<Tensor> a, Sizes s) {
        return Tensor.eye(a.get(0).size(0)).mul(a.get(0));
    }

    @Override public <M, T> M entries(Apply self, List<M> x, EntryAlgebra<M, T> alg, Sizes sizes) {
        return alg.build(alg.rows(x.get(0)), alg.rows(x.get(0)), (i, j) -> i == j ? alg.get(x.get(0), i, 0) : alg.zero());
    }
}

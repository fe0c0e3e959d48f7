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

    /** The same operation on the reverse-mode engine: every value a rows×cols tensor, scalars 1×1. */
    @Override public Tensor autograd(List<Tensor> a, Sizes s) {
        return Tensor.eye(a.get(0).size(0)).mul(a.get(0));
    }

    @Override public <M, T> M entries(Apply self, List<M> x, EntryAlgebra<M, T> alg, Sizes sizes) {
        return alg.build(alg.rows(x.get(0)), alg.rows(x.get(0)), (i, j) -> i == j ? alg.get(x.get(0), i, 0) : alg.zero());
    }
}

package io.tracediff.ops;

import io.tracediff.eval.Matrix;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Op;
import io.tracediff.print.notation.Format;
import io.tracediff.print.notation.Notation;
import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;
import java.util.List;

/** diag(v): the diagonal matrix with the vector v on its diagonal. */
public enum DiagMatrix implements Op {
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
    @Override public io.tracediff.codegen.template.Template codegen(List<Expr> args) { return new io.tracediff.codegen.template.Template.Routine("diagMatrix", "static void diagMatrix(double[] out, int r, int c, double[] v, int vr, int vc) { java.util.Arrays.fill(out, 0.0); for (int i = 0; i < r; i++) out[i * c + i] = v[i]; }"); }

    /** The same operation on the reverse-mode engine: every value a rows×cols tensor, scalars 1×1. */
    @Override public io.tracediff.autograd.Tensor autograd(List<io.tracediff.autograd.Tensor> a, io.tracediff.shape.Sizes s) {
        return io.tracediff.autograd.Tensor.eye(a.get(0).size(0)).mul(a.get(0));
    }

    @Override public <M, T> M entries(io.tracediff.expr.Apply self, List<M> x, io.tracediff.symja.entries.EntryAlgebra<M, T> alg, io.tracediff.shape.Sizes sizes) {
        return alg.build(alg.rows(x.get(0)), alg.rows(x.get(0)), (i, j) -> i == j ? alg.get(x.get(0), i, 0) : alg.zero());
    }
}

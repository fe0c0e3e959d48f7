package io.tracediff.ops;

import io.tracediff.eval.Matrix;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Op;
import io.tracediff.print.notation.Format;
import io.tracediff.print.notation.Notation;
import io.tracediff.shape.Dim;
import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;
import java.util.List;

/** vec(X): the columns of X stacked into one column (column-major). */
public enum Vec implements Op {
    OP;
    @Override public String key() { return "vec"; }
    @Override public int arity() { return 1; }
    @Override public Shape shape(ShapeArgs a) {
        Shape s = a.shape(0);
        return Shape.vector(Dim.times(a.resolve(s.rows()), a.resolve(s.cols())));
    }
    @Override public Notation notation(Format f, List<Expr> args) { return Notation.function(f == Format.LATEX ? "\\operatorname{vec}" : "vec"); }
    @Override public Matrix eval(List<Matrix> v) {
        Matrix x = v.get(0);
        double[] d = new double[x.rows * x.cols];
        for (int j = 0, k = 0; j < x.cols; j++)
            for (int i = 0; i < x.rows; i++) d[k++] = x.data[i * x.cols + j];
        return new Matrix(d.length, 1, d);
    }
    @Override public io.tracediff.codegen.template.Template codegen(List<Expr> args) { return new io.tracediff.codegen.template.Template.Routine("vec", "static void vec(double[] out, int r, int c, double[] a, int ar, int ac) { int k = 0; for (int j = 0; j < ac; j++) for (int i = 0; i < ar; i++) out[k++] = a[i * ac + j]; }"); }

    /** The same operation on the reverse-mode engine: every value a rows×cols tensor, scalars 1×1. */
    @Override public io.tracediff.autograd.Tensor autograd(List<io.tracediff.autograd.Tensor> a, io.tracediff.shape.Sizes s) {
        return a.get(0).t().reshape(a.get(0).numel(), 1);
    }

    @Override public <M, T> M entries(io.tracediff.expr.Apply self, List<M> x, io.tracediff.symja.entries.EntryAlgebra<M, T> alg, io.tracediff.shape.Sizes sizes) {
        M m = x.get(0);
        return alg.build(alg.rows(m) * alg.cols(m), 1, (k, j) -> alg.get(m, k % alg.rows(m), k / alg.rows(m)));
    }
}

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
import io.tracediff.shape.Dim;
import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;
import io.tracediff.shape.Sizes;
import io.tracediff.symja.entries.EntriesFacet;
import io.tracediff.symja.entries.EntryAlgebra;
import java.util.List;

/** vec(X): the columns of X stacked into one column (column-major). */
public enum Vec implements Op, NotationFacet, EvalFacet, AutogradFacet, EntriesFacet, CodegenFacet {
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
    @Override public Template codegen(List<Expr> args) { return new Template.Routine("vec", "static void vec(double[] out, int r, int c, double[] a, int ar, int ac) { int k = 0; for (int j = 0; j < ac; j++) for (int i = 0; i < ar; i++) out[k++] = a[i * ac + j]; }"); }

    /** The same operation on the reverse-mode engine: every value a rows×cols tensor, scalars 1×1. */
    @Override public Tensor autograd(List<Tensor> a, Sizes s) {
        return a.get(0).t().reshape(a.get(0).numel(), 1);
    }

    @Override public <M, T> M entries(Apply self, List<M> x, EntryAlgebra<M, T> alg, Sizes sizes) {
        M m = x.get(0);
        return alg.build(alg.rows(m) * alg.cols(m), 1, (k, j) -> alg.get(m, k % alg.rows(m), k / alg.rows(m)));
    }
}

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

/** diag(X): the vector of the diagonal of a square matrix. */
public enum DiagVector implements Op, NotationFacet, EvalFacet, AutogradFacet, EntriesFacet, CodegenFacet {
    OP;
    @Override public String key() { return "diag"; }
    @Override public int arity() { return 1; }
    @Override public Shape shape(ShapeArgs a) { a.square(0, "diag of a matrix"); return Shape.vector(a.shape(0).rows()); }
    @Override public Notation notation(Format f, List<Expr> args) { return Notation.function(f == Format.LATEX ? "\\operatorname{diag}" : "diag"); }
    @Override public Matrix eval(List<Matrix> v) {
        Matrix x = v.get(0);
        double[] d = new double[x.rows];
        for (int i = 0; i < x.rows; i++) d[i] = x.data[i * x.cols + i];
        return new Matrix(x.rows, 1, d);
    }
    @Override public Template codegen(List<Expr> args) { return new Template.Routine("diagVector", "static void diagVector(double[] out, int r, int c, double[] a, int ar, int ac) { for (int i = 0; i < r; i++) out[i] = a[i * ac + i]; }"); }

    /** The same operation on the reverse-mode engine: every value a rows×cols tensor, scalars 1×1. */
    @Override public Tensor autograd(List<Tensor> a, Sizes s) {
        return a.get(0).mul(Tensor.eye(a.get(0).size(0))).sum(1, true);
    }

    @Override public <M, T> M entries(Apply self, List<M> x, EntryAlgebra<M, T> alg, Sizes sizes) {
        return alg.build(alg.rows(x.get(0)), 1, (i, j) -> alg.get(x.get(0), i, i));
    }
}

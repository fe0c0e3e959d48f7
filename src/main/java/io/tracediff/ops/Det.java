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
import io.tracediff.kernel.LinAlg;
import io.tracediff.kernel.SingularMatrixException;
import io.tracediff.print.notation.Format;
import io.tracediff.print.notation.Notation;
import io.tracediff.print.notation.NotationFacet;
import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;
import io.tracediff.shape.Sizes;
import io.tracediff.symja.entries.EntriesFacet;
import io.tracediff.symja.entries.EntryAlgebra;
import java.util.List;

/** det(X) of a square matrix, by LU (0 for a singular matrix). */
public enum Det implements Op, NotationFacet, EvalFacet, AutogradFacet, EntriesFacet, CodegenFacet {
    OP;
    @Override public String key() { return "det"; }
    @Override public int arity() { return 1; }
    @Override public Shape shape(ShapeArgs a) { a.square(0, "det"); return Shape.SCALAR; }
    @Override public Notation notation(Format f, List<Expr> args) { return Notation.function(f == Format.LATEX ? "\\det" : "det"); }
    @Override public Matrix eval(List<Matrix> v) {
        Matrix x = v.get(0);
        try {
            return Matrix.scalar(LinAlg.lu(x.rows, x.data).det());
        } catch (SingularMatrixException e) {
            return Matrix.scalar(0);
        }
    }
    @Override public Template codegen(List<Expr> args) { return new Template.Routine("det", "static double det(double[] a, int r, int c) { return luDet(r, a); }"); }

    /** The same operation on the reverse-mode engine: every value a rows×cols tensor, scalars 1×1. */
    @Override public Tensor autograd(List<Tensor> a, Sizes s) {
        return a.get(0).det().reshape(1, 1);
    }

    @Override public <M, T> M entries(Apply self, List<M> x, EntryAlgebra<M, T> alg, Sizes sizes) {
        return alg.scalar(alg.det(x.get(0)));
    }
}

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
import io.tracediff.print.notation.Format;
import io.tracediff.print.notation.Notation;
import io.tracediff.print.notation.NotationFacet;
import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;
import io.tracediff.shape.Sizes;
import io.tracediff.symja.entries.EntriesFacet;
import io.tracediff.symja.entries.EntryAlgebra;
import java.util.List;

/** X⁻¹ of a square matrix, by LU. */
public enum Inv implements Op, NotationFacet, EvalFacet, AutogradFacet, EntriesFacet, CodegenFacet {
    OP;
    @Override public String key() { return "inv"; }
    @Override public int arity() { return 1; }
    @Override public Shape shape(ShapeArgs a) { a.square(0, "inv"); return a.shape(0); }
    @Override public Notation notation(Format f, List<Expr> args) {
        return switch (f) {
            case ASCII -> Notation.function("inv");
            case UNICODE -> Notation.postfix("⁻¹");
            case LATEX -> Notation.postfix("^{-1}");
        };
    }
    @Override public Matrix eval(List<Matrix> v) {
        Matrix x = v.get(0);
        return new Matrix(x.rows, x.cols, LinAlg.lu(x.rows, x.data).inverse());
    }
    @Override public Template codegen(List<Expr> args) { return new Template.Routine("inv", "static void inv(double[] out, int r, int c, double[] a, int ar, int ac) { luInverse(r, a, out); }"); }

    /** The same operation on the reverse-mode engine: every value a rows×cols tensor, scalars 1×1. */
    @Override public Tensor autograd(List<Tensor> a, Sizes s) {
        return a.get(0).inverse();
    }

    @Override public <M, T> M entries(Apply self, List<M> x, EntryAlgebra<M, T> alg, Sizes sizes) {
        return alg.inverse(x.get(0), self);
    }
}

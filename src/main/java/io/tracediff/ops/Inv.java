package io.tracediff.ops;

import io.tracediff.eval.Matrix;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Op;
import io.tracediff.kernel.LinAlg;
import io.tracediff.print.notation.Format;
import io.tracediff.print.notation.Notation;
import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;
import java.util.List;

/** X⁻¹ of a square matrix, by LU. */
public enum Inv implements Op {
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
    @Override public io.tracediff.codegen.template.Template codegen(List<Expr> args) { return new io.tracediff.codegen.template.Template.Routine("inv", "static void inv(double[] out, int r, int c, double[] a, int ar, int ac) { luInverse(r, a, out); }"); }

    /** The same operation on the reverse-mode engine: every value a rows×cols tensor, scalars 1×1. */
    @Override public io.tracediff.autograd.Tensor autograd(List<io.tracediff.autograd.Tensor> a, io.tracediff.shape.Sizes s) {
        return a.get(0).inverse();
    }

    @Override public <M, T> M entries(io.tracediff.expr.Apply self, List<M> x, io.tracediff.symja.entries.EntryAlgebra<M, T> alg, io.tracediff.shape.Sizes sizes) {
        return alg.inverse(x.get(0), self);
    }
}

package io.tracediff.ops;

import io.tracediff.eval.Matrix;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Op;
import io.tracediff.print.notation.Format;
import io.tracediff.print.notation.Notation;
import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;
import java.util.List;

/** ‖X‖₁: the sum of absolute values of all entries. */
public enum Norm1 implements Op {
    OP;
    @Override public String key() { return "norm1"; }
    @Override public int arity() { return 1; }
    @Override public Shape shape(ShapeArgs a) { return Shape.SCALAR; }
    @Override public Notation notation(Format f, List<Expr> args) {
        return switch (f) {
            case ASCII -> Notation.function("norm1");
            case UNICODE -> Notation.wrap("‖", "‖₁");
            case LATEX -> Notation.wrap("\\lVert ", " \\rVert_1");
        };
    }
    @Override public Matrix eval(List<Matrix> v) {
        double s = 0;
        for (double x : v.get(0).data) s += Math.abs(x);
        return Matrix.scalar(s);
    }
    @Override public io.tracediff.codegen.template.Template codegen(List<Expr> args) { return new io.tracediff.codegen.template.Template.Reduction("0.0", "acc += Math.abs(x);", "acc"); }

    /** The same operation on the reverse-mode engine: every value a rows×cols tensor, scalars 1×1. */
    @Override public io.tracediff.autograd.Tensor autograd(List<io.tracediff.autograd.Tensor> a, io.tracediff.shape.Sizes s) {
        return a.get(0).abs().sum().reshape(1, 1);
    }

    @Override public <M, T> M entries(io.tracediff.expr.Apply self, List<M> x, io.tracediff.symja.entries.EntryAlgebra<M, T> alg, io.tracediff.shape.Sizes sizes) {
        return alg.scalar(alg.sum(x.get(0), false, alg::abs));
    }
}

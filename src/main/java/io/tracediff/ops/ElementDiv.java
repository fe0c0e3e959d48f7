package io.tracediff.ops;

import io.tracediff.eval.EntrywiseMap;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Op;
import io.tracediff.print.Format;
import io.tracediff.print.Notation;
import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;
import java.util.List;

/** A ⊘ B, elementwise division. */
public enum ElementDiv implements Op {
    OP;
    @Override public String key() { return "./"; }
    @Override public int arity() { return 2; }
    @Override public Shape shape(ShapeArgs a) { return Broadcast.shape(a); }
    @Override public Notation notation(Format f, List<Expr> args) {
        return switch (f) {
            case ASCII -> Notation.infix("./", Notation.HADAMARD);
            case UNICODE -> Notation.infix(" ⊘ ", Notation.HADAMARD);
            case LATEX -> Notation.infix(" \\oslash ", Notation.HADAMARD);
        };
    }
    @Override public Matrix eval(List<Matrix> v) { return EntrywiseMap.zip(v.get(0), v.get(1), (x, y) -> x / y); }
    @Override public io.tracediff.codegen.Template codegen(List<Expr> args) { return new io.tracediff.codegen.Template.Pointwise("(%1$s / %2$s)"); }

    /** The same operation on the reverse-mode engine: every value a rows×cols tensor, scalars 1×1. */
    @Override public io.tracediff.autograd.Tensor autograd(List<io.tracediff.autograd.Tensor> a, io.tracediff.eval.Sizes s) {
        return a.get(0).div(a.get(1));
    }

    @Override public <M, T> M entries(io.tracediff.expr.Apply self, List<M> x, io.tracediff.expr.EntryAlgebra<M, T> alg, io.tracediff.eval.Sizes sizes) {
        return alg.zip(sizes.size(self.shape().rows()), sizes.size(self.shape().cols()), x.get(0), x.get(1), alg::divide);
    }
}

package io.tracediff.ops;

import io.tracediff.eval.Matrix;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Op;
import io.tracediff.print.notation.Format;
import io.tracediff.print.notation.Notation;
import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;
import java.util.List;

/** Aᵀ; written {@code A'} in the input. (X⁻¹)ᵀ prints as X⁻ᵀ. */
public enum Transpose implements Op {
    OP;
    @Override public String key() { return "'"; }
    @Override public int arity() { return 1; }
    @Override public Shape shape(ShapeArgs a) { return a.shape(0).transposed(); }
    @Override public Notation notation(Format f, List<Expr> args) {
        boolean ofInverse = args.get(0) instanceof Apply ap && ap.op() == Inv.OP;
        return switch (f) {
            case ASCII -> Notation.postfix("'");
            case UNICODE -> Notation.postfix(ofInverse ? "⁻ᵀ" : "ᵀ");
            case LATEX -> Notation.postfix(ofInverse ? "^{-\\top}" : "^\\top");
        };
    }
    @Override public Matrix eval(List<Matrix> v) { return v.get(0).transpose(); }
    @Override public io.tracediff.codegen.template.Template codegen(List<Expr> args) { return new io.tracediff.codegen.template.Template.Transposed(); }

    /** The same operation on the reverse-mode engine: every value a rows×cols tensor, scalars 1×1. */
    @Override public io.tracediff.autograd.Tensor autograd(List<io.tracediff.autograd.Tensor> a, io.tracediff.shape.Sizes s) {
        return a.get(0).t();
    }

    @Override public <M, T> M entries(io.tracediff.expr.Apply self, List<M> x, io.tracediff.symja.entries.EntryAlgebra<M, T> alg, io.tracediff.shape.Sizes sizes) {
        return alg.build(alg.cols(x.get(0)), alg.rows(x.get(0)), (i, j) -> alg.get(x.get(0), j, i));
    }
}

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

/** A .^ p, elementwise power (also the scalar power x^p). */
public enum ElementPow implements Op {
    OP;
    @Override public String key() { return ".^"; }
    @Override public int arity() { return 2; }
    @Override public Shape shape(ShapeArgs a) { return Broadcast.shape(a); }
    @Override public Notation notation(Format f, List<Expr> args) {
        if (f == Format.ASCII) return Notation.infixRight(args.get(0).isScalar() ? "^" : ".^", Notation.POWER);
        if (f == Format.LATEX && !args.get(0).isScalar()) return Notation.infixRight("^{\\circ ", Notation.POWER);
        // On a square matrix X∘² is the entrywise square and X² the matrix power; x² of a vector can only be entrywise.
        if (f == Format.UNICODE && !args.get(0).isScalar() && args.get(0).shape().isSquare()) return Notation.infixRight("^∘", Notation.POWER);
        return Notation.infixRight("^", Notation.POWER);
    }
    @Override public Matrix eval(List<Matrix> v) { return EntrywiseMap.zip(v.get(0), v.get(1), ElementPow::pow); }

    /** Integer powers by multiplication: exact for negative bases and cheap for squares. */
    static double pow(double x, double p) {
        if (p == 2) return x * x;
        if (p == 1) return x;
        return Math.pow(x, p);
    }
    @Override public io.tracediff.codegen.Template codegen(List<Expr> args) { return new io.tracediff.codegen.Template.Pointwise("pow(%1$s, %2$s)"); }

    /** The same operation on the reverse-mode engine: every value a rows×cols tensor, scalars 1×1. */
    @Override public io.tracediff.autograd.Tensor autograd(List<io.tracediff.autograd.Tensor> a, io.tracediff.eval.Sizes s) {
        return a.get(0).pow(a.get(1));
    }

    @Override public <M, T> M entries(io.tracediff.expr.Apply self, List<M> x, io.tracediff.expr.EntryAlgebra<M, T> alg, io.tracediff.eval.Sizes sizes) {
        return alg.zip(sizes.size(self.shape().rows()), sizes.size(self.shape().cols()), x.get(0), x.get(1), alg::power);
    }
}

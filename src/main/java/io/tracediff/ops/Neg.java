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

/** −A. In the input language it binds tighter than * (so -A*B is (−A)B); on paper it binds looser. */
public enum Neg implements Op {
    OP;
    @Override public String key() { return "neg"; }
    @Override public int arity() { return 1; }
    @Override public Shape shape(ShapeArgs a) { return a.shape(0); }
    @Override public Notation notation(Format f, List<Expr> args) {
        return Notation.prefix(f == Format.UNICODE ? "−" : "-", Notation.NEG);
    }
    @Override public Matrix eval(List<Matrix> v) { return EntrywiseMap.map(v.get(0), x -> -x); }
    @Override public io.tracediff.codegen.Template codegen(List<Expr> args) { return new io.tracediff.codegen.Template.Pointwise("(-%1$s)"); }

    /** The same operation on the reverse-mode engine: every value a rows×cols tensor, scalars 1×1. */
    @Override public io.tracediff.autograd.Tensor autograd(List<io.tracediff.autograd.Tensor> a, io.tracediff.eval.Sizes s) {
        return a.get(0).neg();
    }

    @Override public <M, T> M entries(io.tracediff.expr.Apply self, List<M> x, io.tracediff.expr.EntryAlgebra<M, T> alg, io.tracediff.eval.Sizes sizes) {
        return alg.map(x.get(0), alg::negate);
    }
}

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

/** f(X) applied entry by entry, for one {@link ScalarFunction}. */
public record ElementFn(ScalarFunction fn) implements Op {
    @Override public String key() { return fn.name(); }
    @Override public int arity() { return 1; }
    @Override public Shape shape(ShapeArgs a) { return a.shape(0); }
    @Override public Notation notation(Format f, List<Expr> args) { return Notation.function(f == Format.LATEX ? fn.latex() : f == Format.UNICODE ? fn.unicode() : fn.name()); }
    @Override public Matrix eval(List<Matrix> v) { return EntrywiseMap.map(v.get(0), fn.value()); }
    @Override public String javaTemplate() { return fn.javaTemplate(); }
    @Override public io.tracediff.codegen.Template codegen(List<Expr> args) { return new io.tracediff.codegen.Template.Pointwise(fn.javaTemplate().replace("%s", "%1$s")); }

    /** The function's own autograd twin (see {@link ScalarFunction#autograd()}). */
    @Override public io.tracediff.autograd.Tensor autograd(List<io.tracediff.autograd.Tensor> a, io.tracediff.eval.Sizes s) {
        if (fn.autograd() == null)
            throw new UnsupportedOperationException("the elementwise function '" + fn.name() + "' has no counterpart on the autograd engine");
        io.tracediff.autograd.Tensor x = a.get(0), y = fn.autograd().apply(x);
        // Entrywise: the result has the operand's shape even when the body is a constant (five(x) = 5).
        return y.numel() == x.numel() ? y : x.mul(0.0).add(y);
    }

    @Override public <M, T> M entries(io.tracediff.expr.Apply self, List<M> x, io.tracediff.expr.EntryAlgebra<M, T> alg, io.tracediff.eval.Sizes sizes) {
        return alg.map(x.get(0), u -> alg.apply(fn, u));
    }
}

package io.tracediff.ops;

import io.tracediff.autograd.Tensor;
import io.tracediff.check.tensor.AutogradFacet;
import io.tracediff.codegen.template.CodegenFacet;
import io.tracediff.codegen.template.Template;
import io.tracediff.eval.EvalFacet;
import io.tracediff.eval.EntrywiseMap;
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

/** f(X) applied entry by entry, for one {@link ScalarFunction}. */
public record ElementFn(ScalarFunction fn) implements Op, NotationFacet, EvalFacet, AutogradFacet, EntriesFacet, CodegenFacet {
    @Override public String key() { return fn.name(); }

    // Written out: a record's generated equals and hashCode are bootstrapped through method handles, slow in a cold start.
    @Override public boolean equals(Object o) { return o == this || o instanceof ElementFn e && fn.equals(e.fn); }
    @Override public int hashCode() { return fn.hashCode(); }
    @Override public int arity() { return 1; }
    @Override public Shape shape(ShapeArgs a) { return a.shape(0); }
    @Override public Notation notation(Format f, List<Expr> args) {
        // exp(A) of a square matrix reads on paper as the matrix exponential: entrywise, it is marked as X∘² is, exp∘(A).
        boolean square = f != Format.ASCII && !args.get(0).isScalar() && args.get(0).shape().isSquare();
        if (f == Format.ASCII) return Notation.function(fn.name());
        if (f == Format.UNICODE) return Notation.function(fn.unicode() + (square ? "∘" : ""));
        if (!square) return Notation.function(fn.latex());
        return Notation.function((fn.latex().equals("\\sqrt") ? "\\operatorname{sqrt}" : fn.latex()) + "^{\\circ}");
    }
    @Override public Matrix eval(List<Matrix> v) { return EntrywiseMap.map(v.get(0), fn.value()); }
    @Override public Template codegen(List<Expr> args) { return new Template.Pointwise(fn.javaTemplate().replace("%s", "%1$s")); }

    /** The function's own autograd twin (see {@link ScalarFunction#autograd()}). */
    @Override public Tensor autograd(List<Tensor> a, Sizes s) {
        if (fn.autograd() == null)
            throw new UnsupportedOperationException("the elementwise function '" + fn.name() + "' has no counterpart on the autograd engine");
        Tensor x = a.get(0), y = fn.autograd().apply(x);
        // Entrywise: the result has the operand's shape even when the body is a constant (five(x) = 5).
        return y.numel() == x.numel() ? y : x.mul(0.0).add(y);
    }

    @Override public <M, T> M entries(Apply self, List<M> x, EntryAlgebra<M, T> alg, Sizes sizes) {
        return alg.map(x.get(0), u -> alg.apply(this, u));
    }
}

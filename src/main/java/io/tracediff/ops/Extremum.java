package io.tracediff.ops;

import io.tracediff.eval.Matrix;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Op;
import io.tracediff.print.Format;
import io.tracediff.print.Notation;
import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;
import java.util.List;

/**
 * max(X) and min(X): the largest and the smallest entry, a scalar (NaN if any entry is NaN). Differentiable
 * where that entry is unique, with gradient {@link ExtremumIndicator} (1 at the entry, 0 elsewhere); at a tie
 * the indicator refuses to evaluate, so no closed form is ever checked or shown with a wrong number.
 */
public enum Extremum implements Op {
    MAX("max"), MIN("min");

    private final String key;

    Extremum(String key) { this.key = key; }

    @Override public String key() { return key; }
    @Override public int arity() { return 1; }
    @Override public Shape shape(ShapeArgs a) { return Shape.SCALAR; }
    @Override public Notation notation(Format f, List<Expr> args) { return Notation.function(f == Format.LATEX ? "\\" + key : key); }
    @Override public Matrix eval(List<Matrix> v) { return Matrix.scalar(v.get(0).data[at(v.get(0).data, this == MAX)]); }

    /** The index of the first largest (or smallest) entry, or of the first NaN. */
    static int at(double[] x, boolean largest) {
        int best = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i])) return i;
            if (largest ? x[i] > x[best] : x[i] < x[best]) best = i;
        }
        return best;
    }

    @Override public io.tracediff.codegen.Template codegen(List<Expr> args) {
        // Math.max and Math.min propagate NaN, as the interpreter; −1/0 is −∞ in the templates' arithmetic-only alphabet
        return new io.tracediff.codegen.Template.Reduction(this == MAX ? "(-1.0 / 0.0)" : "(1.0 / 0.0)", "acc = Math." + key + "(acc, x);", "acc");
    }

    /** torch.max() / torch.min() over all entries (MaxBackward1, MinBackward1: ties share the gradient evenly), as a 1×1 tensor. */
    @Override public io.tracediff.autograd.Tensor autograd(List<io.tracediff.autograd.Tensor> a, io.tracediff.eval.Sizes s) {
        return (this == MAX ? a.get(0).max() : a.get(0).min()).reshape(1, 1);
    }
}

package io.tracediff.ops;

import io.tracediff.autograd.Tensor;
import io.tracediff.check.tensor.AutogradFacet;
import io.tracediff.codegen.template.CodegenFacet;
import io.tracediff.codegen.template.Template;
import io.tracediff.eval.EvalFacet;
import io.tracediff.eval.Matrix;
import io.tracediff.print.notation.NotationFacet;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Op;
import io.tracediff.print.notation.Format;
import io.tracediff.print.notation.Notation;
import io.tracediff.shape.Dim;
import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;
import io.tracediff.shape.Sizes;
import java.util.List;

/** zeros(m, n), the zero matrix; also what a constant's differential is. */
public record Zeros(Dim rows, Dim cols) implements Op, NotationFacet, EvalFacet, AutogradFacet, CodegenFacet {
    @Override public String key() { return "zeros"; }
    @Override public int arity() { return 0; }
    // Written out: a record's generated equals/hashCode bootstrap method handles on first use (start-up).
    @Override public boolean equals(Object o) { return o instanceof Zeros z && z.rows.equals(rows) && z.cols.equals(cols); }
    @Override public int hashCode() { return 31 * rows.hashCode() + cols.hashCode(); }
    @Override public Shape shape(ShapeArgs a) { return Shape.of(rows, cols); }
    @Override public Notation notation(Format f, List<Expr> args) {
        return f == Format.ASCII ? Notation.atom("zeros(" + rows.ascii() + ", " + cols.ascii() + ")") : Notation.atom("0");
    }
    @Override public Matrix eval(List<Matrix> v) { return eval(v, Sizes.FIXED_ONLY); }
    @Override public Matrix eval(List<Matrix> v, Sizes s) { return new Matrix(s.size(rows), s.size(cols)); }
    @Override public Template codegen(List<Expr> args) { return new Template.Pointwise("0.0"); }

    /** The same operation on the reverse-mode engine: every value a rows×cols tensor, scalars 1×1. */
    @Override public Tensor autograd(List<Tensor> a, Sizes s) {
        return Tensor.zeros(s.size(rows), s.size(cols));
    }
}

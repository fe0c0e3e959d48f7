package io.tracediff.ops;

import io.tracediff.autograd.Tensor;
import io.tracediff.check.tensor.AutogradFacet;
import io.tracediff.codegen.template.CodegenFacet;
import io.tracediff.codegen.template.Template;
import io.tracediff.eval.EvalFacet;
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

/** ‖X‖₁: the sum of absolute values of all entries. */
public enum Norm1 implements Op, NotationFacet, EvalFacet, AutogradFacet, EntriesFacet, CodegenFacet {
    OP;
    @Override public String key() { return "norm1"; }
    @Override public int arity() { return 1; }
    @Override public Shape shape(ShapeArgs a) { return Shape.SCALAR; }
    @Override public Notation notation(Format f, List<Expr> args) {
        // ‖X‖₁ of a matrix reads as the induced norm (the largest column sum): the sum over all entries is of vec(X)
        boolean matrix = !args.get(0).shape().rows().isOne() && !args.get(0).shape().cols().isOne();
        return switch (f) {
            case ASCII -> Notation.function("norm1");
            case UNICODE -> matrix ? Notation.wrap("‖vec(", ")‖₁") : Notation.wrap("‖", "‖₁");
            case LATEX -> matrix ? Notation.wrap("\\lVert \\operatorname{vec}(", ") \\rVert_1") : Notation.wrap("\\lVert ", " \\rVert_1");
        };
    }
    @Override public Matrix eval(List<Matrix> v) {
        double s = 0;
        for (double x : v.get(0).data) s += Math.abs(x);
        return Matrix.scalar(s);
    }
    @Override public Template codegen(List<Expr> args) { return new Template.Reduction("0.0", "acc += Math.abs(x);", "acc"); }

    /** The same operation on the reverse-mode engine: every value a rows×cols tensor, scalars 1×1. */
    @Override public Tensor autograd(List<Tensor> a, Sizes s) {
        return a.get(0).abs().sum().reshape(1, 1);
    }

    @Override public <M, T> M entries(Apply self, List<M> x, EntryAlgebra<M, T> alg, Sizes sizes) {
        return alg.scalar(alg.sum(x.get(0), false, alg::abs));
    }
}

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

/** ‖X‖: Euclidean norm of a vector, Frobenius norm of a matrix ({@code norm_fro} is the same operator). */
public enum Norm2 implements Op, NotationFacet, EvalFacet, AutogradFacet, EntriesFacet, CodegenFacet {
    OP;
    @Override public String key() { return "norm2"; }
    @Override public int arity() { return 1; }
    @Override public Shape shape(ShapeArgs a) { return Shape.SCALAR; }
    @Override public Notation notation(Format f, List<Expr> args) {
        // ‖X‖ of a matrix reads as the spectral norm on paper: the Frobenius norm is marked, as the Cookbook writes it
        boolean matrix = !args.get(0).shape().rows().isOne() && !args.get(0).shape().cols().isOne();
        return switch (f) {
            case ASCII -> Notation.function("norm2");
            case UNICODE -> Notation.wrap("‖", matrix ? "‖_F" : "‖");
            case LATEX -> Notation.wrap("\\lVert ", matrix ? " \\rVert_F" : " \\rVert");
        };
    }
    @Override public Matrix eval(List<Matrix> v) {
        double scale = v.get(0).maxAbs();
        if (scale == 0) return Matrix.scalar(0);
        double s = 0;
        for (double x : v.get(0).data) s += (x / scale) * (x / scale);
        return Matrix.scalar(scale * Math.sqrt(s));
    }
    @Override public Template codegen(List<Expr> args) { return new Template.Reduction("0.0", "acc += x * x;", "Math.sqrt(acc)"); }

    /** The same operation on the reverse-mode engine: every value a rows×cols tensor, scalars 1×1. */
    @Override public Tensor autograd(List<Tensor> a, Sizes s) {
        return a.get(0).norm().reshape(1, 1);
    }

    @Override public <M, T> M entries(Apply self, List<M> x, EntryAlgebra<M, T> alg, Sizes sizes) {
        return alg.scalar(alg.sqrt(alg.sum(x.get(0), false, t -> alg.multiply(t, t))));
    }
}

package io.tracediff.ops.added;

import io.tracediff.autograd.Tensor;
import io.tracediff.codegen.template.Template;
import io.tracediff.eval.Matrix;
import io.tracediff.shape.Sizes;
import io.tracediff.algebra.Alg;
import io.tracediff.expr.Apply;
import io.tracediff.symja.entries.EntryAlgebra;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Op;
import io.tracediff.kernel.LinAlg;
import io.tracediff.print.notation.Format;
import io.tracediff.print.notation.Notation;
import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;
import io.tracediff.print.notation.NotationFacet;
import io.tracediff.eval.EvalFacet;
import io.tracediff.check.tensor.AutogradFacet;
import io.tracediff.symja.entries.EntriesFacet;
import io.tracediff.codegen.template.CodegenFacet;
import java.util.List;

/** A \ B = A⁻¹ B, MATLAB's left division: an infix operator added from outside the engine, binding as * does. */
public enum LeftDivision implements Op, NotationFacet, EvalFacet, AutogradFacet, EntriesFacet, CodegenFacet {
    OP;
    @Override public String key() { return "\\"; }
    @Override public int arity() { return 2; }
    @Override public Shape shape(ShapeArgs a) {
        a.square(0, "\\");
        Shape l = a.shape(0), r = a.shape(1);
        if (!a.equal(l.cols(), r.rows())) throw a.mismatch(a.describe(0) + " but " + a.describe(1));
        return Shape.of(l.rows(), r.cols());
    }
    @Override public Notation notation(Format f, List<Expr> args) {
        return Notation.infix(f == Format.LATEX ? " \\backslash " : f == Format.UNICODE ? " \\ " : " \\ ", Notation.PRODUCT);
    }
    @Override public Matrix eval(List<Matrix> v) {
        Matrix a = v.get(0), b = v.get(1), inverse = new Matrix(a.rows, a.cols, LinAlg.lu(a.rows, a.data).inverse()), out = new Matrix(a.rows, b.cols);
        for (int i = 0; i < a.rows; i++)
            for (int k = 0; k < a.cols; k++)
                for (int j = 0; j < b.cols; j++) out.data[i * b.cols + j] += inverse.data[i * a.cols + k] * b.data[k * b.cols + j];
        return out;
    }
    @Override public Tensor autograd(List<Tensor> a, Sizes s) { return a.get(0).inverse().matmul(a.get(1)); }
    @Override public <M, T> M entries(Apply self, List<M> x, EntryAlgebra<M, T> alg, Sizes sizes) {
        return alg.product(alg.inverse(x.get(0), self), x.get(1));
    }
    /** Generated code computes inv(A) * B with the engine's own routines. */
    @Override public Template codegen(List<Expr> args) { return new Template.Expand(x -> Alg.mul(Alg.apply(io.tracediff.ops.Inv.OP, x.get(0)), x.get(1))); }
}

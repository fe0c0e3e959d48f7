package io.tracediff.ops;

import io.tracediff.eval.EntrywiseMap;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.Op;
import io.tracediff.kernel.Kernels;
import io.tracediff.print.Format;
import io.tracediff.print.Notation;
import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;
import java.util.List;

/** A*B: the matrix product, or scaling when either side is a scalar (1×1). Written by juxtaposition on paper. */
public enum Mul implements Op {
    OP;
    @Override public String key() { return "*"; }
    @Override public int arity() { return 2; }

    @Override public Shape shape(ShapeArgs a) {
        if (a.isScalar(0)) return a.shape(1);
        if (a.isScalar(1)) return a.shape(0);
        Shape l = a.shape(0), r = a.shape(1);
        if (!a.equal(l.cols(), r.rows())) throw a.mismatch(a.describe(0) + " but " + a.describe(1));
        return Shape.of(l.rows(), r.cols());
    }

    @Override public Notation notation(Format f, List<Expr> args) {
        if (f == Format.ASCII) return Notation.infix("*", Notation.PRODUCT);
        boolean numbers = args.get(1) instanceof Num || args.get(0) instanceof Num && startsWithDigit(args.get(1));
        if (numbers) return Notation.infix(f == Format.UNICODE ? "·" : " \\cdot ", Notation.PRODUCT);
        return Notation.infix(" ", Notation.PRODUCT);
    }

    private static boolean startsWithDigit(Expr e) {
        while (!e.args().isEmpty() && e instanceof io.tracediff.expr.Apply ap && ap.op() == OP) e = e.args().get(0);
        return e instanceof Num;
    }

    @Override public Matrix eval(List<Matrix> v) {
        Matrix a = v.get(0), b = v.get(1);
        if (a.isScalar() || b.isScalar()) return EntrywiseMap.zip(a, b, (x, y) -> x * y);
        return new Matrix(a.rows, b.cols, Kernels.matmul(false, false, a.rows, b.cols, a.cols, a.data, b.data));
    }
    @Override public io.tracediff.codegen.Template codegen(List<Expr> args) { return args.get(0).isScalar() || args.get(1).isScalar() ? new io.tracediff.codegen.Template.Pointwise("(%1$s * %2$s)") : new io.tracediff.codegen.Template.Product(); }

    /** The same operation on the reverse-mode engine: every value a rows×cols tensor, scalars 1×1. */
    @Override public io.tracediff.autograd.Tensor autograd(List<io.tracediff.autograd.Tensor> a, io.tracediff.eval.Sizes s) {
        return a.get(0).numel() == 1 || a.get(1).numel() == 1 ? a.get(0).mul(a.get(1)) : a.get(0).mm(a.get(1));
    }

    @Override public <M, T> M entries(io.tracediff.expr.Apply self, List<M> x, io.tracediff.expr.EntryAlgebra<M, T> alg, io.tracediff.eval.Sizes sizes) {
        return alg.isScalar(x.get(0)) || alg.isScalar(x.get(1))
                ? alg.zip(sizes.size(self.shape().rows()), sizes.size(self.shape().cols()), x.get(0), x.get(1), alg::multiply)
                : alg.product(x.get(0), x.get(1));
    }
}

package io.tracediff.ops;

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

/** X^k for a square matrix X and a non-negative integer constant k. */
public enum MatrixPow implements Op {
    OP;
    @Override public String key() { return "^"; }
    @Override public int arity() { return 2; }
    @Override public Shape shape(ShapeArgs a) {
        a.square(0, "matrix power ^");
        if (!a.isScalar(1)) throw a.mismatch("the exponent must be a scalar, but " + a.describe(1));
        return a.shape(0);
    }
    /** Only integer constant exponents are matrix powers; the builder checks this. */
    public static boolean validExponent(Expr e) { return e instanceof Num n && n.isInteger() && n.value() >= 0; }

    @Override public Notation notation(Format f, List<Expr> args) { return Notation.infixRight("^", Notation.POWER); }

    @Override public Matrix eval(List<Matrix> v) {
        Matrix x = v.get(0);
        int k = (int) v.get(1).scalarValue();
        Matrix r = Matrix.identity(x.rows);
        for (int i = 0; i < k; i++) r = new Matrix(x.rows, x.rows, Kernels.matmul(false, false, x.rows, x.rows, x.rows, r.data, x.data));
        return r;
    }
    @Override public io.tracediff.codegen.Template codegen(List<Expr> args) { return new io.tracediff.codegen.Template.Expand(MatrixPow::repeated); }

    /** X^k as the product X·X·…·X (k ≥ 0 constant), which the generator then plans like any product. */
    static Expr repeated(List<Expr> args) {
        int k = (int) ((Num) args.get(1)).value();
        Expr x = args.get(0), r = k == 0 ? io.tracediff.expr.Apply.of(new Eye(x.shape().rows())) : x;
        for (int i = 1; i < k; i++) r = io.tracediff.expr.Apply.of(Mul.OP, r, x);
        return r;
    }

    /** The same operation on the reverse-mode engine: every value a rows×cols tensor, scalars 1×1. */
    @Override public io.tracediff.autograd.Tensor autograd(List<io.tracediff.autograd.Tensor> a, io.tracediff.eval.Sizes s) {
        int k = (int) a.get(1).item();
        io.tracediff.autograd.Tensor out = io.tracediff.autograd.Tensor.eye(a.get(0).size(0));
        for (int i = 0; i < k; i++) out = out.mm(a.get(0));
        return out;
    }

    @Override public <M, T> M entries(io.tracediff.expr.Apply self, List<M> x, io.tracediff.expr.EntryAlgebra<M, T> alg, io.tracediff.eval.Sizes sizes) {
        if (!(self.arg(1) instanceof io.tracediff.expr.Num k) || !k.isInteger() || k.value() < 0)
            throw new UnsupportedOperationException("a matrix power expands only with a whole-number exponent");
        M p = alg.identity(alg.rows(x.get(0)));
        for (int i = 0; i < (int) k.value(); i++) p = alg.product(p, x.get(0));
        return p;
    }
}

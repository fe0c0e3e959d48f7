package io.tracediff.ops;

import io.tracediff.autograd.Tensor;
import io.tracediff.check.tensor.AutogradFacet;
import io.tracediff.codegen.template.CodegenFacet;
import io.tracediff.codegen.template.Template;
import io.tracediff.eval.EvalFacet;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.Op;
import io.tracediff.kernel.Kernels;
import io.tracediff.print.notation.Format;
import io.tracediff.print.notation.Notation;
import io.tracediff.print.notation.NotationFacet;
import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;
import io.tracediff.shape.Sizes;
import io.tracediff.symja.entries.EntriesFacet;
import io.tracediff.symja.entries.EntryAlgebra;
import java.util.List;

/** X^k for a square matrix X and a non-negative integer constant k. */
public enum MatrixPow implements Op, NotationFacet, EvalFacet, AutogradFacet, EntriesFacet, CodegenFacet {
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

    /** X^k by square-and-multiply: about 2 log2(k) products, whatever k (a long: exponents pass 2^31). */
    @Override public Matrix eval(List<Matrix> v) {
        Matrix x = v.get(0);
        int n = x.rows;
        java.util.function.BinaryOperator<Matrix> times = (p, q) -> new Matrix(n, n, Kernels.matmul(false, false, n, n, n, p.data, q.data));
        return power(x, exponent(v.get(1).scalarValue()), Matrix.identity(n), times);
    }

    /** The whole-number exponent as a long (the typer admits 0 ≤ k < 10^15). */
    public static long exponent(double k) {
        if (!(k >= 0 && k == Math.rint(k) && k < 1e15)) throw new IllegalArgumentException("matrix power exponent " + k + " is not a whole number ≥ 0");
        return (long) k;
    }

    /** x^k by repeated squaring in any algebra: the bits of k from the lowest, squares shared. */
    public static <M> M power(M x, long k, M identity, java.util.function.BinaryOperator<M> times) {
        M result = null, square = x;
        while (k > 0) {
            if ((k & 1) == 1) result = result == null ? square : times.apply(result, square);
            k >>= 1;
            if (k > 0) square = times.apply(square, square);
        }
        return result == null ? identity : result;
    }

    @Override public Template codegen(List<Expr> args) { return new Template.Expand(MatrixPow::repeated); }

    /** X^k as products of shared squares (X², X⁴ = X² X², …), which the generator computes once each and plans like any product. */
    static Expr repeated(List<Expr> args) {
        Expr x = args.get(0);
        return power(x, exponent(((Num) args.get(1)).value()), Apply.of(new Eye(x.shape().rows())),
                (p, q) -> Apply.of(Mul.OP, p, q));
    }

    /** The same operation on the reverse-mode engine (square-and-multiply; backward flows through each product once). */
    @Override public Tensor autograd(List<Tensor> a, Sizes s) {
        Tensor x = a.get(0);
        return power(x, exponent(a.get(1).item()), Tensor.eye(x.size(0)), Tensor::mm);
    }

    /** Symbolic entries (--exact): the polynomial degree grows with k, so k is bounded by the expansion limit. */
    @Override public <M, T> M entries(Apply self, List<M> x, EntryAlgebra<M, T> alg, Sizes sizes) {
        if (!(self.arg(1) instanceof io.tracediff.expr.Num k) || !k.isInteger() || k.value() < 0)
            throw new UnsupportedOperationException("a matrix power expands only with a whole-number exponent");
        long e = exponent(k.value());
        io.tracediff.limits.Limit.POWER_TERMS.check(e, "--exact would expand the entries of a matrix power with exponent " + e);
        return power(x.get(0), e, alg.identity(alg.rows(x.get(0))), alg::product);
    }
}

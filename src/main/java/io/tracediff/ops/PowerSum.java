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
import java.util.function.BinaryOperator;

/**
 * powsum(X, M, k) = Σ_{i=0}^{k−1} X^i M X^(k−1−i) for square X and M and a whole number k ≥ 1: the
 * differential of X^k in the direction M, kept as one term so that X^k is differentiated for any k.
 * Its value takes O(log k) products: with S(k) = powsum(X, M, k) and P(k) = X^k,
 * S(2k) = S(k) P(k) + P(k) S(k) and S(k+1) = S(k) X + P(k) M.
 */
public enum PowerSum implements Op, NotationFacet, EvalFacet, AutogradFacet, EntriesFacet, CodegenFacet {
    OP;
    @Override public String key() { return "powsum"; }

    /** A powsum in {@code e}, by the one post-order walk (derived trees are deep), or null. */
    public static Apply find(Expr e) {
        Apply[] found = new Apply[1];
        io.tracediff.expr.PostOrder.fold(e, new java.util.IdentityHashMap<Expr, Boolean>(), (x, args) -> {
            if (found[0] == null && x instanceof Apply a && a.op() == OP) found[0] = a;
            return Boolean.TRUE;
        });
        return found[0];
    }

    /**
     * Why a Jacobian or a Hessian stops at {@code powsum}, and the way past: X^k beyond the expansion limit keeps its
     * differential as one term, which no vec or differential rule takes apart; expanded, it has k terms.
     */
    public static String pastTheExpansionLimit(Apply powsum, String what) {
        long k = MatrixPow.exponent(((Num) powsum.arg(2)).value());
        return what + ": a matrix power X^" + k + " is past the expansion limit of " + io.tracediff.limits.Limit.POWER_TERMS.value()
                + " terms, so its differential stays one term, powsum(X, M, " + k + ") = Σ Xⁱ M X^(" + k + "−1−i), which "
                + "this derivation cannot take apart; expand it with TRACEDIFF_JAVA_OPTS=-D"
                + io.tracediff.limits.Limit.POWER_TERMS.property() + "=" + k;
    }
    @Override public int arity() { return 3; }
    @Override public Shape shape(ShapeArgs a) {
        a.square(0, "powsum");
        a.sameShape(0, 1);
        if (!a.isScalar(2)) throw a.mismatch("the exponent of powsum must be a scalar, but " + a.describe(2));
        return a.shape(0);
    }
    @Override public Notation notation(Format f, List<Expr> args) {
        return Notation.function(f == Format.LATEX ? "\\operatorname{powsum}" : "powsum");
    }

    /** The pair (X^k, powsum(X, M, k)) by the doubling steps, in any algebra with a product and a sum. */
    static <M> M sum(M x, M m, long k, M zero, BinaryOperator<M> times, BinaryOperator<M> plus) {
        if (k <= 0) return zero;
        M p = x, s = m;   // k = 1 so far: X^1 and X^0 M X^0
        for (int bit = 62 - Long.numberOfLeadingZeros(k); bit >= 0; bit--) {
            s = plus.apply(times.apply(s, p), times.apply(p, s));
            p = times.apply(p, p);
            if ((k >> bit & 1) == 1) {
                s = plus.apply(times.apply(s, x), times.apply(p, m));
                p = times.apply(p, x);
            }
        }
        return s;
    }

    @Override public Matrix eval(List<Matrix> v) {
        Matrix x = v.get(0);
        int n = x.rows;
        BinaryOperator<Matrix> times = (a, b) -> new Matrix(n, n, Kernels.matmul(false, false, n, n, n, a.data, b.data));
        BinaryOperator<Matrix> plus = (a, b) -> {
            Matrix c = new Matrix(n, n);
            for (int i = 0; i < c.data.length; i++) c.data[i] = a.data[i] + b.data[i];
            return c;
        };
        return sum(x, v.get(1), MatrixPow.exponent(v.get(2).scalarValue()), new Matrix(n, n), times, plus);
    }

    @Override public Template codegen(List<Expr> args) {
        return new Template.Expand(a -> sum(a.get(0), a.get(1), MatrixPow.exponent(((Num) a.get(2)).value()),
                Apply.of(new Zeros(a.get(0).shape().rows(), a.get(0).shape().cols())),
                (p, q) -> Apply.of(Mul.OP, p, q), (p, q) -> Apply.of(Add.OP, p, q)));
    }

    @Override public Tensor autograd(List<Tensor> a, Sizes s) {
        Tensor x = a.get(0);
        return sum(x, a.get(1), MatrixPow.exponent(a.get(2).item()), Tensor.zeros(x.size(0), x.size(1)),
                Tensor::mm, Tensor::add);
    }

    /** Symbolic entries (--exact): bounded like X^k's, since the degree grows with k. */
    @Override public <M, T> M entries(Apply self, List<M> x, EntryAlgebra<M, T> alg, Sizes sizes) {
        if (!(self.arg(2) instanceof Num k) || !k.isInteger() || k.value() < 1)
            throw new UnsupportedOperationException("powsum expands only with a whole-number exponent");
        long e = MatrixPow.exponent(k.value());
        io.tracediff.limits.Limit.POWER_TERMS.check(e, "--exact would expand the entries of powsum with exponent " + e);
        int n = alg.rows(x.get(0));
        return sum(x.get(0), x.get(1), e, alg.build(n, n, (i, j) -> alg.zero()), alg::product,
                (p, q) -> alg.zip(n, n, p, q, alg::add));
    }
}

package io.tracediff.jacobian;

import io.tracediff.expr.Alg;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.PostOrder;
import io.tracediff.ops.Commutation;
import io.tracediff.ops.Eye;
import io.tracediff.ops.Kron;
import io.tracediff.ops.Mul;
import io.tracediff.ops.Ones;
import io.tracediff.shape.Dim;
import java.util.HashMap;
import java.util.List;

/**
 * Identities of ⊗ and K that depend on the sizes of constructors, which rule patterns cannot see (a constructor
 * pattern matches any size): 1 ⊗ A = A, a ⊗ A = a A, I_m ⊗ I_n = I_mn, K(1, n) = K(m, 1) = I, the 1×1 𝟏 = 1, and
 * (A ⊗ B) K(q, n) = K(m, p) (B ⊗ A) for A m×n, B p×q (Magnus &amp; Neudecker 3.7), the commutation written first.
 * The mixed product and vec(A)ᵀ (B ⊗ C) = vec(Cᵀ A B)ᵀ are rule lines with side conditions in vec.rules.
 */
final class KroneckerIdentities {
    private KroneckerIdentities() {}

    /** Each distinct subexpression once, operands first: shared subtrees would otherwise be walked once per path. */
    static Expr tidy(Expr e) { return PostOrder.fold(e, new HashMap<>(), KroneckerIdentities::tidyNode); }

    /** e with its operands already tidied ({@code args}). */
    private static Expr tidyNode(Expr e, List<Expr> args) {
        if (!(e instanceof Apply a)) return e;
        if (a.op() instanceof Ones && a.shape().isScalar()) return Num.ONE;
        if (a.op() instanceof Commutation k) return k.m().isOne() || k.n().isOne() ? Alg.apply(new Eye(Dim.times(k.m(), k.n()))) : e;
        boolean changed = false;
        for (int i = 0; i < args.size(); i++) changed |= args.get(i) != a.args().get(i);
        if (a.op() == Kron.OP) {
            Expr l = args.get(0), r = args.get(1);
            if (l.isScalar()) return isEyeOfOne(l) ? r : Alg.mul(l, r);
            if (r.isScalar()) return isEyeOfOne(r) ? l : Alg.mul(r, l);
            if (l instanceof Apply x && x.op() instanceof Eye ex && r instanceof Apply y && y.op() instanceof Eye ey)
                return Alg.apply(new Eye(Dim.times(ex.n(), ey.n())));
        }
        if (a.op() == Mul.OP && args.get(0) instanceof Apply l && l.op() == Kron.OP && args.get(1) instanceof Apply r
                && r.op() instanceof Commutation k) {
            Expr ka = l.arg(0), kb = l.arg(1);
            if (k.m().equals(kb.shape().cols()) && k.n().equals(ka.shape().cols()))
                return Alg.mul(Alg.apply(new Commutation(ka.shape().rows(), kb.shape().rows())), Alg.apply(Kron.OP, kb, ka));
        }
        return changed ? Alg.apply(a.op(), args) : e;
    }

    private static boolean isEyeOfOne(Expr e) { return e instanceof Apply a && a.op() instanceof Eye i && i.n().isOne(); }
}

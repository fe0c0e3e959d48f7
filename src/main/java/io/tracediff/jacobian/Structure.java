package io.tracediff.jacobian;

import io.tracediff.expr.Alg;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.ops.Commutation;
import io.tracediff.ops.Eye;
import io.tracediff.ops.Kron;
import io.tracediff.ops.Mul;
import io.tracediff.ops.Ones;
import io.tracediff.ops.Transpose;
import io.tracediff.ops.Vec;
import io.tracediff.expr.Num;
import io.tracediff.shape.Dim;
import java.util.ArrayList;
import java.util.List;

/**
 * Identities of ⊗ and K that depend on sizes, which rule patterns cannot see (a constructor pattern
 * matches any size): 1 ⊗ A = A, a ⊗ A = a A, I_m ⊗ I_n = I_mn, K(1, n) = K(m, 1) = I, the 1×1 𝟏 = 1, and
 * (A ⊗ B) K(q, n) = K(m, p) (B ⊗ A) for A m×n, B p×q (Magnus &amp; Neudecker 3.7), the commutation written first,
 * the mixed product (A ⊗ B)(C ⊗ D) = AC ⊗ BD where AC and BD exist (Magnus &amp; Neudecker 2.2), also at the
 * end of a product chain, and vec(A)ᵀ (B ⊗ C) = vec(Cᵀ A B)ᵀ where Cᵀ A B exists.
 */
final class Structure {
    private Structure() {}

    static Expr tidy(Expr e) { return tidy(e, new java.util.HashMap<>()); }

    /** Each distinct subexpression once: shared subtrees would otherwise be walked once per path. */
    private static Expr tidy(Expr e, java.util.Map<Expr, Expr> done) {
        Expr known = done.get(e);
        if (known != null) return known;
        Expr out = tidyNode(e, done);
        done.put(e, out);
        return out;
    }

    private static Expr tidyNode(Expr e, java.util.Map<Expr, Expr> done) {
        if (!(e instanceof Apply a)) return e;
        if (a.op() instanceof Ones && a.shape().isScalar()) return Num.ONE;
        if (a.op() instanceof Commutation k) return k.m().isOne() || k.n().isOne() ? Alg.apply(new Eye(Dim.times(k.m(), k.n()))) : e;
        List<Expr> args = new ArrayList<>(a.args().size());
        boolean changed = false;
        for (Expr x : a.args()) { Expr t = tidy(x, done); changed |= t != x; args.add(t); }
        if (a.op() == Kron.OP) {
            Expr l = args.get(0), r = args.get(1);
            if (l.isScalar()) return isEyeOfOne(l) ? r : Alg.mul(l, r);
            if (r.isScalar()) return isEyeOfOne(r) ? l : Alg.mul(r, l);
            if (l instanceof Apply x && x.op() instanceof Eye ex && r instanceof Apply y && y.op() instanceof Eye ey)
                return Alg.apply(new Eye(Dim.times(ex.n(), ey.n())));
        }
        if (a.op() == Mul.OP && args.get(1) instanceof Apply r && r.op() == Kron.OP) {
            // vec(A)ᵀ (B ⊗ C) = vec(Cᵀ A B)ᵀ (Magnus & Neudecker Thm 2.2 transposed), where Cᵀ A B exists.
            if (args.get(0) instanceof Apply t && t.op() == Transpose.OP && t.arg(0) instanceof Apply v && v.op() == Vec.OP) {
                Expr m = v.arg(0), b = r.arg(0), c = r.arg(1);
                if (!b.isScalar() && !c.isScalar() && m.shape().rows().equals(c.shape().rows()) && m.shape().cols().equals(b.shape().rows()))
                    return Alg.transpose(Alg.apply(Vec.OP, Alg.mul(Alg.mul(Alg.transpose(c), m), b)));
            }
            if (args.get(0) instanceof Apply l && l.op() == Kron.OP && mixed(l, r) != null) return tidy(mixed(l, r), done);
            if (args.get(0) instanceof Apply c && c.op() == Mul.OP && c.arg(1) instanceof Apply l && l.op() == Kron.OP && mixed(l, r) != null)
                return tidy(Alg.mul(c.arg(0), mixed(l, r)), done);
        }
        if (a.op() == Mul.OP && args.get(0) instanceof Apply l && l.op() == Kron.OP && args.get(1) instanceof Apply r
                && r.op() instanceof Commutation k) {
            Expr ka = l.arg(0), kb = l.arg(1);
            if (k.m().equals(kb.shape().cols()) && k.n().equals(ka.shape().cols()))
                return Alg.mul(Alg.apply(new Commutation(ka.shape().rows(), kb.shape().rows())), Alg.apply(Kron.OP, kb, ka));
        }
        return changed ? Alg.apply(a.op(), args) : e;
    }

    /** AC ⊗ BD for (A ⊗ B)(C ⊗ D), or null when AC or BD does not exist. */
    private static Expr mixed(Apply l, Apply r) {
        Expr a = l.arg(0), b = l.arg(1), c = r.arg(0), d = r.arg(1);
        boolean ac = a.isScalar() || c.isScalar() || a.shape().cols().equals(c.shape().rows());
        boolean bd = b.isScalar() || d.isScalar() || b.shape().cols().equals(d.shape().rows());
        return ac && bd ? Alg.apply(Kron.OP, Alg.mul(a, c), Alg.mul(b, d)) : null;
    }

    private static boolean isEyeOfOne(Expr e) { return e instanceof Apply a && a.op() instanceof Eye i && i.n().isOne(); }
}

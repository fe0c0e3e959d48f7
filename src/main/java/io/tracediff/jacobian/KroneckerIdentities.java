package io.tracediff.jacobian;

import io.tracediff.algebra.Alg;
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
 * (A ⊗ B) K(n, q) = K(m, p) (B ⊗ A) for A m×n, B p×q (Magnus &amp; Neudecker Theorem 3.9), the commutation written first,
 * K(m, n) K(n, m) = I and the mixed product along a whole product chain.
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
        if (a.op() == Mul.OP && !args.get(0).isScalar() && !args.get(1).isScalar()) {
            Expr chain = chain(args);
            if (chain != null) return chain;
        }
        return changed ? Alg.apply(a.op(), args) : e;
    }

    /**
     * A product chain with its neighbouring factors reduced until none is: (A ⊗ B) K moves K to the left,
     * K(m, n) K(n, m) = I (K's inverse is its transpose) and (A ⊗ B)(C ⊗ D) = AC ⊗ BD where the products exist.
     * So the (V, V) block of ‖X − U Vᵀ‖², 2 (Uᵀ ⊗ I) K (I ⊗ U) K, is 2 (Uᵀ U ⊗ I). Null when nothing changed.
     */
    private static Expr chain(List<Expr> operands) {
        List<Expr> fs = new java.util.ArrayList<>();
        for (Expr x : operands) fs.addAll(Alg.productFactors(x));
        if (fs.size() > 64) return null;
        Expr whole = Alg.apply(Mul.OP, operands);
        // K goes first next to a product of square matrices, as Magnus & Neudecker write −K (X⁻ᵀ ⊗ X⁻¹); otherwise it
        // stays where the derivation put it ((Bᵀ ⊗ A) K, as they write vec(A Xᵀ B)) unless moving it cancels factors.
        List<Expr> kept = reducedAll(fs, false, true);
        List<Expr> moved = reducedAll(fs, true, false);
        List<Expr> out = moved.size() < kept.size() ? moved : kept;
        if (out.equals(fs)) return null;
        if (out.isEmpty()) return eye(whole);
        return Alg.chain(io.tracediff.ops.Mul.OP, out);
    }

    private static List<Expr> reducedAll(List<Expr> factors, boolean moveCommutations, boolean squareOnly) {
        List<Expr> fs = new java.util.ArrayList<>(factors);
        for (boolean again = true; again; ) {
            again = false;
            for (int i = 0; i + 1 < fs.size(); i++) {
                List<Expr> pair = reduced(fs.get(i), fs.get(i + 1), moveCommutations, squareOnly);
                if (pair == null) continue;
                fs.remove(i + 1);
                fs.remove(i);
                fs.addAll(i, pair);
                again = true;
                break;
            }
        }
        return fs;
    }

    /** The neighbours l r rewritten (an empty list for I), or null when no identity applies to them. */
    private static List<Expr> reduced(Expr l, Expr r, boolean moveCommutations, boolean squareOnly) {
        if (l instanceof Apply x && x.op() == Kron.OP && r instanceof Apply y && y.op() instanceof Commutation k
                && (moveCommutations || squareOnly && x.arg(0).shape().isSquare() && x.arg(1).shape().isSquare())) {
            Expr ka = x.arg(0), kb = x.arg(1);
            // Magnus & Neudecker Theorem 3.9, K(p, m) (A ⊗ B) K(n, q) = B ⊗ A, so (A ⊗ B) K(n, q) = K(m, p) (B ⊗ A).
            if (k.m().equals(ka.shape().cols()) && k.n().equals(kb.shape().cols()))
                return List.of(Alg.apply(new Commutation(ka.shape().rows(), kb.shape().rows())), Alg.apply(Kron.OP, kb, ka));
        }
        if (l instanceof Apply x && x.op() instanceof Commutation k1 && r instanceof Apply y && y.op() instanceof Commutation k2
                && k1.m().equals(k2.n()) && k1.n().equals(k2.m()))
            return l.shape().equals(r.shape()) && isIdentityPair(k1, k2) ? List.of() : null;
        if (l instanceof Apply x && x.op() == Kron.OP && r instanceof Apply y && y.op() == Kron.OP
                && x.arg(0).shape().cols().equals(y.arg(0).shape().rows()) && x.arg(1).shape().cols().equals(y.arg(1).shape().rows()))
            return List.of(Alg.apply(Kron.OP, Alg.mul(x.arg(0), y.arg(0)), Alg.mul(x.arg(1), y.arg(1))));
        return null;
    }

    /** K(m, n) K(n, m) = I: a commutation matrix's inverse is its transpose, K(n, m). */
    private static boolean isIdentityPair(Commutation a, Commutation b) { return a.m().equals(b.n()) && a.n().equals(b.m()); }

    private static Expr eye(Expr square) { return Alg.apply(new Eye(square.shape().rows())); }

    private static boolean isEyeOfOne(Expr e) { return e instanceof Apply a && a.op() instanceof Eye i && i.n().isOne(); }
}

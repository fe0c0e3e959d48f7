package io.tracediff.expr;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.api.Problem;
import io.tracediff.ops.Add;
import io.tracediff.ops.Hadamard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Equality of trees that rules grew: bounded by the shared graph, not by the tree written out or the stack. */
class ApplyEqualsTest {
    private static final Expr X = Problem.of("x", "x: vector(n)").expr(), Y = Problem.of("y", "y: vector(n)").expr();

    /**
     * a = a' + b', b = b' + a' at each of 60 levels: a and b are equal trees of 2⁶⁰ leaves sharing no node at one
     * level, so each pair (a, b), (b, a) is a new comparison and plain recursion compares 2⁶⁰ of them.
     */
    @Test @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)   // a generous bound: the comparison takes milliseconds; without the fix it never ends
    void equalTreesThatShareHalvesCompareOncePerPair() {
        Expr a = Apply.of(Hadamard.OP, X, X), b = Apply.of(Hadamard.OP, X, X);
        for (int i = 0; i < 60; i++) {
            Expr na = Apply.of(Add.OP, a, b), nb = Apply.of(Add.OP, b, a);
            a = na;
            b = nb;
        }
        assertNotSame(a, b);
        assertTrue(a.equals(b));
        assertFalse(Apply.of(Add.OP, a, X).equals(Apply.of(Add.OP, b, Y)));
    }

    /** Two chains 200,000 deep, built apart: compared without recursion, so no stack overflows. */
    @Test @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void deepEqualChainsCompareWithoutRecursion() {
        Expr a = X, b = X;
        for (int i = 0; i < 200_000; i++) {
            a = Apply.of(Add.OP, a, X);
            b = Apply.of(Add.OP, b, X);
        }
        assertTrue(a.equals(b));
        assertFalse(Apply.of(Add.OP, a, X).equals(Apply.of(Add.OP, b, Y)));
    }

    /**
     * Leaves with equal hashes ("Aa" and "BB" hash alike) at the bottom of equal-hash trees: every hash check passes, so
     * the comparison must reach the leaves, by recursion (shallow) and by the shared-graph walk (past its steps).
     */
    @Test @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void treesThatDifferOnlyInLeavesOfEqualHashAreUnequal() {
        Expr aa = Problem.of("Aa", "Aa: vector(n)").expr(), bb = Problem.of("BB", "BB: vector(n)").expr();
        org.junit.jupiter.api.Assertions.assertEquals(aa.hashCode(), bb.hashCode(), "the test needs leaves of equal hash");
        for (int depth : new int[] {5, 5_000}) {
            Expr a = aa, b = bb;
            for (int i = 0; i < depth; i++) {
                a = Apply.of(Add.OP, X, a);
                b = Apply.of(Add.OP, X, b);
            }
            org.junit.jupiter.api.Assertions.assertEquals(a.hashCode(), b.hashCode());
            assertFalse(a.equals(b), "depth " + depth);
            assertTrue(a.equals(Apply.of(Add.OP, X, ((Apply) a).arg(1))), "depth " + depth);
        }
    }
}

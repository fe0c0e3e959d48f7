package io.tracediff.algebra;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.api.Problem;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.ops.Neg;
import org.junit.jupiter.api.Test;

/** Alg.symmetric reads symmetry off the form: S⁻¹ v vᵀ S⁻¹ and A Aᵀ are, A B is not; deep trees take no stack. */
class SymmetricByFormTest {

    private static boolean symmetric(String expr) {
        return Alg.symmetric(Problem.of(expr, "S: symmetric(n); A: matrix(n, m); B: matrix(m, n); v: vector(n); C: matrix(n)").expr());
    }

    @Test void palindromicChainsOfTransposesAreSymmetric() {
        assertTrue(symmetric("inv(S)*v*v'*inv(S)"));
        assertTrue(symmetric("A*A'"));
        assertTrue(symmetric("A'*S*A"));
        assertTrue(symmetric("A'*C*S*C'*A"));
        assertFalse(symmetric("A'*C*S*C*A"));
        assertFalse(symmetric("A'*C'*S*C'*A"));
        assertTrue(symmetric("2*(A*A') + exp(S) - S^3"));
    }

    @Test void aMatrixPlusItsTransposeIsSymmetric() {
        assertTrue(symmetric("C + C'"));
        assertTrue(symmetric("(C + C')*S*(C + C')"));
        assertTrue(symmetric("C' + C"));
        assertFalse(symmetric("C - C'"));
        assertFalse(symmetric("C + C"));
    }

    /** The transpose of a long sum asks symmetric() of it once, not once per term and again inside (was exponential). */
    @Test void theTransposeOfALongSumIsBuiltAtOnce() {
        StringBuilder sum = new StringBuilder(), decls = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            sum.append(i == 0 ? "" : " + ").append("C").append(i);
            decls.append("C").append(i).append(": matrix(n); ");
        }
        Expr terms = Problem.of(sum.toString(), decls.toString()).expr();
        Expr t = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> Alg.transpose(terms));
        assertTrue(t instanceof Apply a && a.arg(0) == terms, "the sum's transpose, not the sum: " + t);
        assertFalse(Alg.symmetric(terms));
    }

    @Test void otherProductsAreNot() {
        assertFalse(symmetric("A*B"));
        assertFalse(symmetric("C*C"));
        assertFalse(symmetric("inv(S)*v*v'"));
        assertFalse(symmetric("A*A' + C"));
    }

    @Test void aTreeTwoHundredThousandDeepIsReadWithoutRecursion() {
        Expr e = Problem.of("S", "S: symmetric(n)").expr();
        for (int i = 0; i < 200_000; i++) e = Apply.of(Neg.OP, e);
        assertTrue(Alg.symmetric(e));
        Expr c = Problem.of("C", "C: matrix(n)").expr();
        for (int i = 0; i < 200_000; i++) c = Apply.of(Neg.OP, c);
        assertFalse(Alg.symmetric(c));
    }
}

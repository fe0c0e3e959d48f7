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
        assertTrue(symmetric("2*(A*A') + exp(S) - S^3"));
    }

    @Test void aMatrixPlusItsTransposeIsSymmetric() {
        assertTrue(symmetric("C + C'"));
        assertTrue(symmetric("(C + C')*S*(C + C')"));
        assertFalse(symmetric("C - C'"));
        assertFalse(symmetric("C + C"));
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

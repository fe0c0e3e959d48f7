package io.tracediff.parse;

import static io.tracediff.expr.Sexp.typed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tracediff.expr.Var;
import io.tracediff.expr.VarKind;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Types from declarations and matrixcalculus.org defaults; dimensions solved by unification. */
class ShapeInferenceTest {

    /** "x: n×1 vector, A: n×n matrix" for each variable, in order of appearance. */
    private static String vars(String src, String decls) {
        return typed(src, decls).variables().values().stream()
                .map(v -> v.name() + ": " + v.shape() + " " + v.kind().word()).collect(Collectors.joining(", "));
    }

    private static String shape(String src, String decls) { return typed(src, decls).expr().shape().toString(); }

    @Test void defaultsByFirstLetter() {
        assertEquals("a: 1×1 scalar, x: n_x×1 vector, X: m_X×n_X matrix, gamma: 1×1 scalar, W1: m_W1×n_W1 matrix",
                vars("a + x'*x + sum(X) + gamma + sum(W1)", ""));
    }

    @Test void productUnifiesInnerDimensions_Ax() {
        assertEquals("A: m_A×n_A matrix, x: n_A×1 vector", vars("A*x", ""));
        assertEquals("m_A×1", shape("A*x", ""));
    }

    @Test void quadraticFormMakesASquareAndIsScalar_xTAx() {
        assertEquals("x: n_A×1 vector, A: n_A×n_A matrix", vars("x'*A*x", ""));
        assertEquals("1×1", shape("x'*A*x", ""));
    }

    @Test void declarationsGiveTheirShapes() {
        assertEquals("X: n×m matrix, b: m×1 vector", vars("X*b", "X: matrix(n, m); b: vector(m)"));
        assertEquals("S: n×n symmetric, lam: 1×1 scalar", vars("tr(S) + lam", "S: symmetric(n); lam: scalar"));
        assertEquals("P: n×n spd", vars("logdet(P)", "P: spd(n)"));
        assertEquals("X: k×k matrix", vars("det(X)", "X: matrix(k)"));
    }

    @Test void undeclaredVariablesTakeDeclaredDimensions() {
        assertEquals("X: n×m matrix, y: m×1 vector", vars("X*y", "X: matrix(n, m)"));
        assertEquals("x: N×1 vector", vars("ones(N)'*x", ""));
    }

    @Test void traceForcesSquare() {
        assertEquals("X: m_X×m_X matrix", vars("tr(X)", ""));
    }

    @Test void scalarBroadcastsInSums_onePlusExp() {
        assertEquals("n_x×1", shape("1 + exp(x)", ""));
        assertEquals("n_x×1", shape("x - 2", ""));
        assertEquals("m×m", shape("lam*eye(m)", "lam: scalar"));
        assertEquals("n×n", shape("A + lam", "A: matrix(n, n); lam: scalar"));
    }

    @Test void oneByOneResultActsAsScalar() {
        assertEquals("m_A×n_A", shape("(x'*x)*A", ""));
        assertEquals("1×1", shape("norm2(r)^2", ""));
        assertEquals("(.^ (norm2 r) 2)", io.tracediff.expr.Sexp.parse("norm2(r)^2"));
        assertEquals("n×1", shape("(x'*A*x)*x + y", "A: matrix(n, n)"));
        assertEquals("n×1", shape("x/(x'*x)", "x: vector(n)"));
    }

    @Test void transposeAndOuterProduct() {
        assertEquals("1×n_x", shape("x'", ""));
        assertEquals("n_x×n_y", shape("x*y'", ""));
    }

    @Test void matrixFunctionsAndReductions() {
        assertEquals("1×1", shape("det(X) + logdet(X) + tr(inv(X)) + sum(X) + norm1(X) + norm2(X)", ""));
        assertEquals("n×n", shape("X^3", "X: matrix(n, n)"));
        assertEquals("n×n", shape("diag(v)", "v: vector(n)"));
        assertEquals("n×1", shape("diag(X)", "X: matrix(n, n)"));
        assertEquals("n·m×1", shape("vec(X)", "X: matrix(n, m)"));
    }

    @Test void elementwiseFunctionsKeepShape() {
        for (String f : new String[] {"exp", "log", "sin", "cos", "tan", "tanh", "sigmoid", "relu", "softplus", "sqrt", "abs", "sign",
                "arcsin", "arccos", "arctan"})
            assertEquals("n×m", shape(f + "(X)", "X: matrix(n, m)"), f);
    }

    @Test void symmetricDeclarationKindIsKept() {
        Var s = typed("S", "S: symmetric(n)").variables().get("S");
        assertEquals(VarKind.SYMMETRIC, s.kind());
    }

    @Test void fixedDimensionsAreNumbers() {
        assertEquals("3×2", shape("A*B", "A: matrix(3, 4); B: matrix(4, 2)"));
        assertEquals("3×1", shape("A*x", "A: matrix(3, 4)"));
    }
}

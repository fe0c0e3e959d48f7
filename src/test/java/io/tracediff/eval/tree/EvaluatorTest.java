package io.tracediff.eval.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tracediff.eval.Matrix;
import io.tracediff.eval.ValuesJson;
import io.tracediff.eval.VariableValues;
import io.tracediff.api.Problem;
import io.tracediff.expr.Sexp;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values computed by hand for small inputs. */
class EvaluatorTest {

    private static final Map<String, Matrix> VALUES = ValuesJson.parse("""
            {"x": [1, 2], "y": [3, -1], "A": [[2, 1], [0, 3]], "S": [[2, 1], [1, 2]],
             "X": [[1, 2, 3], [4, 5, 6]], "b": [1, 0, -1], "lam": 0.5, "c": 2, "n": 2, "m": 3}""", "test");
    private static final String DECLS = "x: vector(n); y: vector(n); A: matrix(n, n); S: symmetric(n); X: matrix(n, m); "
            + "b: vector(m); lam: scalar; c: scalar";

    private static Matrix eval(String src) {
        Problem r = Sexp.typed(src, DECLS);
        return Evaluator.eval(r.expr(), VariableValues.bind(r.variables(), VALUES));
    }

    private static double scalar(String src) { return eval(src).scalarValue(); }

    private static void assertMatrix(double[][] expected, Matrix m) {
        assertEquals(expected.length + "×" + expected[0].length, m.shapeString());
        for (int i = 0; i < expected.length; i++) assertArrayEquals(expected[i], m.toArray()[i], 1e-12, "row " + i);
    }

    @Test void quadraticForm_xTAx() {
        // [1 2] [[2 1] [0 3]] [1 2]ᵀ = [1 2]·[4 6] = 16
        assertEquals(16, scalar("x'*A*x"), 0);
    }

    @Test void innerAndOuterProducts() {
        assertEquals(1, scalar("x'*y"), 0);
        assertMatrix(new double[][] {{3, -1}, {6, -2}}, eval("x*y'"));
    }

    @Test void matrixVectorAndTranspose() {
        assertMatrix(new double[][] {{-2}, {-2}}, eval("X*b"));
        assertMatrix(new double[][] {{9}, {12}, {15}}, eval("X'*x"));
    }

    @Test void elementwiseOperatorsAndBroadcasting() {
        assertMatrix(new double[][] {{3}, {-2}}, eval("x.*y"));
        assertMatrix(new double[][] {{1 / 3.0}, {-2}}, eval("x./y"));
        assertMatrix(new double[][] {{2}, {8}}, eval("2*x.^2"));
        assertMatrix(new double[][] {{1 + Math.E}, {1 + Math.exp(2)}}, eval("1 + exp(x)"));
        assertMatrix(new double[][] {{-1}, {0}}, eval("x - 2"));
        assertMatrix(new double[][] {{0.5, 0}, {0, 0.5}}, eval("lam*eye(n)"));
        assertMatrix(new double[][] {{0.5}, {1}}, eval("x/c"));
    }

    @Test void oneByOneActsAsScalar() {
        // (xᵀx) A = 5 A
        assertMatrix(new double[][] {{10, 5}, {0, 15}}, eval("(x'*x)*A"));
        assertEquals(10, scalar("norm2(y)^2"), 1e-12);
    }

    @Test void matrixFunctions() {
        assertEquals(5, scalar("tr(A)"), 0);
        assertEquals(6, scalar("det(A)"), 1e-12);
        assertEquals(Math.log(3), scalar("logdet(S)"), 1e-12);
        assertMatrix(new double[][] {{0.5, -1 / 6.0}, {0, 1 / 3.0}}, eval("inv(A)"));
        assertMatrix(new double[][] {{1, 0}, {0, 1}}, eval("inv(A)*A"));
        assertMatrix(new double[][] {{4, 5}, {0, 9}}, eval("A^2"));
        assertMatrix(new double[][] {{1, 0}, {0, 1}}, eval("A^0"));
    }

    @Test void reductionsAndNorms() {
        assertEquals(21, scalar("sum(X)"), 0);
        assertEquals(4, scalar("norm1(y)"), 0);
        assertEquals(Math.sqrt(91), scalar("norm2(X)"), 1e-12);
        assertEquals(Math.sqrt(91), scalar("norm_fro(X)"), 1e-12);
    }

    @Test void constructorsAndDiag() {
        assertMatrix(new double[][] {{1, 0}, {0, 2}}, eval("diag(x)"));
        assertMatrix(new double[][] {{2}, {3}}, eval("diag(A)"));
        assertMatrix(new double[][] {{1, 1, 1}, {1, 1, 1}}, eval("ones(n, m)"));
        assertMatrix(new double[][] {{0, 0, 0}, {0, 0, 0}}, eval("zeros(n, m)"));
        assertEquals(3, scalar("ones(n)'*x"), 0);
        assertMatrix(new double[][] {{1}, {4}, {2}, {5}, {3}, {6}}, eval("vec(X)"));
    }

    @Test void elementwiseFunctions() {
        assertMatrix(new double[][] {{1 / (1 + Math.exp(-1))}, {1 / (1 + Math.exp(-2))}}, eval("sigmoid(x)"));
        assertMatrix(new double[][] {{3}, {0}}, eval("relu(y)"));
        assertMatrix(new double[][] {{1}, {-1}}, eval("sign(y)"));
        assertMatrix(new double[][] {{3}, {1}}, eval("abs(y)"));
        assertMatrix(new double[][] {{Math.log(1 + Math.exp(3))}, {Math.log(1 + Math.exp(-1))}}, eval("softplus(y)"));
        assertMatrix(new double[][] {{Math.tanh(1)}, {Math.tanh(2)}}, eval("tanh(x)"));
    }

    @Test void sharedSubtreesAreEvaluatedOnce() {
        assertEquals(2 * 16, scalar("x'*A*x + x'*A*x"), 0);
    }

    @Test void xMinusLogsumexpOfXIsTheLogSoftmaxWithoutCancellation() {
        // 10¹⁶ + (log of each weight): the plain difference rounds log 6 to 2 and the weights summed to 0.81
        var p = Sexp.typed("exp(X - logsumexp(X))", "X: matrix(n, m)");
        double big = 1e16;
        var v = Evaluator.eval(p.expr(), VariableValues.bind(p.variables(), Map.of("X", new Matrix(2, 3, new double[] {big, big, big, big, big, big}))));
        for (double w : v.data) assertEquals(1 / 6.0, w, 1e-16);
        // distinct entries: softmax over all six, shifted by the largest
        double[] x = {big, big + 2, big + 4, big - 2, big, big + 8};
        v = Evaluator.eval(p.expr(), VariableValues.bind(p.variables(), Map.of("X", new Matrix(3, 2, x))));
        double z = 0;
        for (double e : x) z += Math.exp(e - (big + 8));
        for (int i = 0; i < 6; i++) assertEquals(Math.exp(x[i] - (big + 8)) / z, v.data[i], 1e-15);
    }
}

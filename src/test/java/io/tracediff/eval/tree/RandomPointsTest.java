package io.tracediff.eval.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.eval.Matrix;
import io.tracediff.api.Problem;
import io.tracediff.expr.Var;
import io.tracediff.shape.Dim;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RandomPointsTest {

    @Test void sizesAreDistinctAndAtLeastTwoInEveryOrder() {
        List<Dim> dims = List.of(Dim.sym("m"), Dim.sym("n"), Dim.sym("p"), Dim.sym("q"));
        Random order = new Random(1);
        for (int attempt = 0; attempt < 9; attempt++) {
            Map<Dim, Integer> sizes = RandomPoints.distinctSizes(dims, attempt, order);
            assertEquals(dims.size(), new HashSet<>(sizes.values()).size(), "attempt " + attempt + ": " + sizes);
            assertTrue(sizes.values().stream().allMatch(s -> s >= 2), sizes.toString());
        }
        assertEquals(List.of(2, 3, 4, 5), List.copyOf(RandomPoints.distinctSizes(dims, 0, order).values()));
        assertEquals(List.of(5, 4, 3, 2), List.copyOf(RandomPoints.distinctSizes(dims, 1, order).values()));
    }

    @Test void valuesStayInTheirDeclaredDomains() {
        Problem t = Problem.of("logdet(S) + tr(A*B) + sum(log(x))", "S: spd(n); A: matrix(m, n); B: matrix(n, m); x: positive(p)");
        RandomPoints draw = new RandomPoints(7, 2);
        Map<String, Matrix> values = draw.values(t.variables().values());
        Matrix s = values.get("S");
        assertEquals(0, s.maxAbsDiff(s.transpose()), "S symmetric");
        assertTrue(LinAlgCheck.positiveDefinite(s), "S positive definite");
        for (double v : values.get("x").data) assertTrue(v > 0, "x positive");
        assertEquals(values.get("A").rows, values.get("B").cols, "A and B share m");
        assertFalse(values.get("A").rows == values.get("A").cols, "m and n differ");
    }

    @Test void directionsOfSymmetricVariablesAreSymmetric() {
        Var s = new Var("S", io.tracediff.shape.Shape.of(Dim.sym("n"), Dim.sym("n")), io.tracediff.expr.VarKind.SYMMETRIC);
        Matrix d = new RandomPoints(3, 4).direction(s);
        assertEquals(0, d.maxAbsDiff(d.transpose()));
        assertTrue(d.maxAbs() < 1 && d.maxAbs() > 0);
    }

    /** log(det(XᵀX)) is undefined where X is wide (XᵀX singular): such draws are redrawn, never returned. */
    @Test void sampledPointsAreWhereTheExpressionIsDefined() {
        Problem t = Problem.of("log(det(X'*X))", "X: matrix(m, n)");
        List<RandomPoints.Point> points = RandomPoints.sample(List.of(t.expr()), t.variables(), 3, 11);
        assertEquals(3, points.size());
        for (RandomPoints.Point p : points) {
            Matrix x = p.values().get("X");
            assertTrue(x.rows > x.cols, "X tall at a defined point, not " + x.shapeString());
            assertTrue(Double.isFinite(Evaluator.eval(t.expr(), p.bindings()).scalarValue()));
        }
    }

    /** Cholesky succeeds exactly when a symmetric matrix is positive definite. */
    private static final class LinAlgCheck {
        static boolean positiveDefinite(Matrix a) {
            int n = a.rows;
            double[] l = new double[n * n];
            for (int j = 0; j < n; j++) {
                double d = a.get(j, j);
                for (int k = 0; k < j; k++) d -= l[j * n + k] * l[j * n + k];
                if (!(d > 0)) return false;
                l[j * n + j] = Math.sqrt(d);
                for (int i = j + 1; i < n; i++) {
                    double v = a.get(i, j);
                    for (int k = 0; k < j; k++) v -= l[i * n + k] * l[j * n + k];
                    l[i * n + j] = v / l[j * n + j];
                }
            }
            return true;
        }
    }
}

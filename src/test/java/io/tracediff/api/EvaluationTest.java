package io.tracediff.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.eval.Matrix;
import io.tracediff.jacobian.Hessians;
import io.tracediff.core.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values read the one way (inline JSON or a file), and a problem and its derivatives evaluated there. */
class EvaluationTest {

    // X is 3×2, a has 3 entries, b 2: no size 1 or 2 hides a dropped factor.
    static final String AT = "{\"X\": [[0.1, 0.2], [0.3, -0.4], [0.5, 0.6]], \"a\": [1, -2, 3], \"b\": [0.7, -0.8]}";

    @Test
    void inlineJsonAndAFileAreReadAlike(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("values.json");
        Files.writeString(file, AT);
        Map<String, Matrix> inline = Values.read(AT), fromFile = Values.read(file.toString());
        assertEquals(inline.keySet(), fromFile.keySet());
        for (String name : inline.keySet()) assertArrayEquals(inline.get(name).data, fromFile.get(name).data);
        assertEquals(3, inline.get("X").rows);
        assertEquals(2, inline.get("X").cols);
    }

    @Test
    void namesTheProblemDoesNotUseAreListed() {
        Problem p = Problem.of("a'*exp(X*b)");
        assertEquals(List.of("c"), Values.unused(p, Values.read("{\"a\": [1, 2], \"c\": 1, \"n_a\": 2}")));
    }

    @Test
    void theGradientOfATransposeExpXbAtNumbersIsAOdotExpXbTimesBTransposed() {
        Problem p = Problem.of("a'*exp(X*b)");
        Map<String, Matrix> values = Values.read(AT);
        Evaluation.Numbers n = Evaluation.gradients(p, Derivations.gradient(p, p.wrt("X", "b")), values);
        double[][] x = values.get("X").toArray();
        double[] a = values.get("a").data, b = values.get("b").data;
        double f = 0;
        double[] e = new double[3];
        for (int i = 0; i < 3; i++) {
            e[i] = Math.exp(x[i][0] * b[0] + x[i][1] * b[1]);
            f += a[i] * e[i];
        }
        assertEquals(f, n.value().scalarValue(), 1e-12);
        Matrix gx = n.derivatives().get("X"), gb = n.derivatives().get("b");
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 2; j++) assertEquals(a[i] * e[i] * b[j], gx.get(i, j), 1e-12);
        for (int j = 0; j < 2; j++) {
            double expected = 0;
            for (int i = 0; i < 3; i++) expected += a[i] * e[i] * x[i][j];   // Xᵀ (a ⊙ exp(X b))
            assertEquals(expected, gb.get(j, 0), 1e-12);
        }
        assertEquals(f, Evaluation.of(p, values).scalarValue(), 1e-12);
    }

    @Test
    void theHessianOfXTransposeAXIsAPlusATransposed() {
        Problem p = Problem.of("x'*A*x");
        Map<String, Matrix> values = Values.read("{\"x\": [1, 2, 3], \"A\": [[1, 2, 0], [0, 3, 4], [5, 0, 6]]}");
        Hessians.Result r = Derivations.hessian(p, p.wrt("x"), Derivations.Options.DEFAULT);
        Evaluation.HessianValues h = Evaluation.hessian(p, r, p.wrt("x"), values);
        double[][] a = values.get("A").toArray();
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) assertEquals(a[i][j] + a[j][i], h.hessian().get(i, j), 1e-12);
        assertTrue(h.blocks().isEmpty());
    }

    @Test
    void aValueOutsideTheDomainIsRefusedByName() {
        Problem p = Problem.of("sum(log(x))");
        UserError e = assertThrows(UserError.class, () -> Evaluation.of(p, Values.read("{\"x\": [1, -2, 3]}")));
        assertEquals("sum(log(x)) is not defined at the given values (NaN)", e.getMessage());
        UserError g = assertThrows(UserError.class, () -> Evaluation.gradients(p, Derivations.gradient(p, p.wrt("x")), Values.read("{\"x\": [1, 0, 3]}")));
        assertTrue(g.getMessage().startsWith("f = sum(log(x)) is -Infinity"), g.getMessage());
        // eval refuses an infinity as grad --at does (it printed Infinity with exit 0)
        UserError i = assertThrows(UserError.class, () -> Evaluation.of(Problem.of("sum(exp(x))", "x: vector(n)"), Values.read("{\"x\": [1000, 3]}")));
        assertEquals("sum(exp(x)) is Infinity at the given values (past the largest double, 1.8e308, or a division by 0)", i.getMessage());
    }
}

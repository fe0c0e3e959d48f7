package io.tracediff.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.api.Problem;
import io.tracediff.eval.Matrix;
import io.tracediff.core.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gradient of max (min) is 1 at the unique extreme entry; at a tie it does not exist, and generated code
 * says so rather than return a subgradient as "the" gradient: Java throws, NumPy and PyTorch return NaN.
 */
class ExtremumTiesInGeneratedCodeTest {
    private static final Problem P = Problem.of("max(x) + min(X)", List.of("x: vector(n); X: matrix(m, n)"));
    private static final Map<String, Matrix> UNIQUE = Map.of("x", new Matrix(3, 1, new double[] {1, 3, 2}),
            "X", new Matrix(2, 3, new double[] {0.5, -1, 2, 4, 0, -0.5}));
    private static final Map<String, Matrix> TIED = Map.of("x", new Matrix(3, 1, new double[] {1, 3, 3}),
            "X", new Matrix(2, 3, new double[] {0.5, -1, 2, 4, -1, -0.5}));

    private static GeneratedCodeCorpus.Item item() {
        return GeneratedCodeCorpus.derived("max and min", io.tracediff.codegen.derive.Derivatives.Mode.GRADIENT, P, List.of("x", "X"), 1);
    }

    @Test void generatedJavaGivesTheIndicatorAndThrowsAtATie() {
        var it = item();
        CompiledFunction f = CompiledFunction.compile(it.inputs(), it.outputs());
        Map<String, Matrix> got = f.evaluate(UNIQUE);
        assertEquals(List.of(0.0, 1.0, 0.0), List.of(got.get("grad_x").data[0], got.get("grad_x").data[1], got.get("grad_x").data[2]));
        assertEquals(1.0, got.get("grad_X").data[1]);
        assertEquals(1.0, java.util.Arrays.stream(got.get("grad_X").data).sum());
        UserError e = assertThrows(UserError.class, () -> f.evaluate(TIED));
        assertTrue(e.getMessage().contains("is not differentiable here: its largest entry is attained 2 times"), e.getMessage());
    }

    @Test void generatedPythonGivesTheIndicatorAndNaNAtATie() throws Exception {
        var it = item();
        PythonTargetsEqualInterpreterTest.eachInstalledTarget(t -> {
            String src = PythonGenerator.module(t, it.inputs(), it.outputs(), it.matrices(), it.name());
            List<PythonRunner.Job> jobs = new ArrayList<>(List.of(new PythonRunner.Job(src, it.inputs(), UNIQUE), new PythonRunner.Job(src, it.inputs(), TIED)));
            var out = PythonRunner.run(t.language(), jobs);
            assertNull(out.get(0).error(), out.get(0).error());
            assertEquals(0.0, out.get(0).outputs().get("grad_x").data[0]);
            assertEquals(1.0, out.get(0).outputs().get("grad_x").data[1]);
            assertEquals(1.0, out.get(0).outputs().get("grad_X").data[1]);
            assertNull(out.get(1).error(), out.get(1).error());
            assertEquals(3.0 - 1.0, out.get(1).outputs().get("value").data[0], t.language() + ": the value is defined at a tie");
            for (String g : List.of("grad_x", "grad_X"))
                for (double v : out.get(1).outputs().get(g).data) assertTrue(Double.isNaN(v), t.language() + " " + g + " at a tie: " + v);
        });
    }
}

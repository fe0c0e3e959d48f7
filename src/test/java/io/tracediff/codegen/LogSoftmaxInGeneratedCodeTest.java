package io.tracediff.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.api.Problem;
import io.tracediff.eval.Matrix;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gradient of logsumexp over all entries of a matrix is exp(X − logsumexp(X)); every target computes X − logsumexp(X)
 * from X alone, (X − m) − log Σ exp(X − m), as the interpreter does. The plain difference cancels for large entries:
 * at 10¹⁶ log 6 rounds to 2 beside them, and the weights were 0.135 for 1/6 (PyTorch's own backward gives that too).
 */
class LogSoftmaxInGeneratedCodeTest {
    private static final Problem P = Problem.of("logsumexp(X)", List.of("X: matrix(m, n)"));
    private static final double BIG = 1e16;
    private static final Map<String, Matrix> LARGE = Map.of("X", new Matrix(2, 3, new double[] {BIG, BIG + 2, BIG + 4, BIG, BIG, BIG - 2}));

    private static GeneratedCodeCorpus.Item item() {
        return GeneratedCodeCorpus.derived("logsumexp", io.tracediff.codegen.derive.Derivatives.Mode.GRADIENT, P, List.of("X"), 1);
    }

    /** softmax over the six entries, shifted by the largest (BIG + 4): exact to rounding. */
    private static double[] weights() {
        double[] x = LARGE.get("X").data, w = new double[x.length];
        double z = 0;
        for (double e : x) z += Math.exp(e - (BIG + 4));
        for (int i = 0; i < x.length; i++) w[i] = Math.exp(x[i] - (BIG + 4)) / z;
        return w;
    }

    private static void assertWeights(double[] got, String who) {
        double[] w = weights();
        for (int i = 0; i < w.length; i++) assertEquals(w[i], got[i], 1e-15, who + " entry " + i);
    }

    @Test void generatedJavaWeighsLargeEntriesBySoftmax() {
        var it = item();
        assertWeights(CompiledFunction.compile(it.inputs(), it.outputs()).evaluate(LARGE).get("grad_X").data, "java");
    }

    @Test void generatedPythonWeighsLargeEntriesBySoftmax() throws Exception {
        var it = item();
        PythonTargetsEqualInterpreterTest.eachInstalledTarget(t -> {
            String src = PythonGenerator.module(t, it.inputs(), it.outputs(), it.matrices(), it.name());
            assertTrue(!src.contains("def _softmax("), "only the helpers a module calls:\n" + src);
            var out = PythonRunner.run(t.language(), List.of(new PythonRunner.Job(src, it.inputs(), LARGE)));
            assertNull(out.get(0).error(), out.get(0).error());
            assertWeights(out.get(0).outputs().get("grad_X").data, t.language());
        });
    }
}

package io.tracediff.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.eval.EvalFacet;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Op;
import io.tracediff.ops.ElementFn;
import io.tracediff.ops.Extremum;
import io.tracediff.ops.Functions;
import io.tracediff.ops.LogSumExp;
import io.tracediff.ops.Softmax;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * softmax(dim=0), logsumexp, erf, max() and min() on the Java engine and in the interpreter against PyTorch 1.13
 * (golden/functions_papers_use.txt, printed by functions_papers_use.py): values, gradients, grad_fn names.
 */
class FunctionsPapersUseGoldenTest {
    private static final double[][] X0 = {{0.3, -1.2, 2.0, 0.7}, {1.1, 0.4, -0.5, 2.2}, {-0.8, 1.7, 0.9, -0.1}};
    private static final double[][] W = {{0.5, -1.0, 2.0, 0.25}, {1.5, 0.75, -0.5, 1.0}, {-2.0, 0.1, 0.3, -0.6}};

    private static Map<String, String> golden() throws IOException {
        Map<String, String> out = new HashMap<>();
        for (String line : PyTorchGoldenTest.golden("functions_papers_use.txt").split("\n")) {
            int colon = line.indexOf(": ");
            out.put(line.substring(0, colon), line.substring(colon + 2));
        }
        return out;
    }

    private static double[] numbers(String s) {
        String[] f = s.trim().split(" ");
        double[] v = new double[f.length];
        for (int i = 0; i < f.length; i++) v[i] = Double.parseDouble(f[i]);
        return v;
    }

    private static void close(double[] want, double[] got, String what) {
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++)
            assertEquals(want[i], got[i], 1e-14 * Math.max(1, Math.abs(want[i])), what + " entry " + i);
    }

    /** f on the engine: grad_fn name, value, and the gradient of Σ W ⊙ f(X) (of f(X) itself when it is a scalar). */
    private static void engine(Map<String, String> g, String name, UnaryOperator<Tensor> f) {
        Tensor x = Tensor.tensor(X0).requiresGrad(true);
        Tensor y = f.apply(x);
        assertEquals(g.get(name + " grad_fn"), y.gradFn().name(), name);
        close(numbers(g.get(name + " value")), y.detach().toArray(), name + " value");
        (y.dim() == 2 ? y.mul(Tensor.tensor(W)).sum() : y).backward();
        close(numbers(g.get(name + " grad")), x.grad().toArray(), name + " grad");
    }

    /** The interpreter's kernel for op on X0 against PyTorch's value. */
    private static void interpreter(Map<String, String> g, String name, Op op) {
        Matrix x = new Matrix(3, 4);
        for (int i = 0; i < 3; i++) System.arraycopy(X0[i], 0, x.data, i * 4, 4);
        close(numbers(g.get(name + " value")), EvalFacet.of(op).eval(List.of(x)).data, name + " value in the interpreter");
    }

    @Test void softmaxColumnByColumnIsTorchSoftmaxDim0() throws IOException {
        var g = golden();
        engine(g, "softmax", x -> x.softmax(0));
        interpreter(g, "softmax", Softmax.OP);
        close(numbers(g.get("softmax large")), Softmax.OP.eval(List.of(new Matrix(3, 1, new double[] {1000, 999, 0}))).data, "softmax without overflow");
    }

    @Test void logsumexpOverAllEntriesIsTorchLogsumexpOfTheFlattenedTensor() throws IOException {
        var g = golden();
        engine(g, "logsumexp", x -> x.reshape(12).logsumexp(0, false));
        interpreter(g, "logsumexp", LogSumExp.OP);
        close(numbers(g.get("logsumexp large")), LogSumExp.OP.eval(List.of(new Matrix(3, 1, new double[] {1000, 1000.5, -1000}))).data,
                "logsumexp without overflow");
    }

    @Test void logsumexpBackwardAtLargeEntriesIsTheSoftmax() {
        // PyTorch's exp(x − logsumexp(x)) gives 0.135 at 10¹⁶ (log 6 rounds to 2 beside it) and 1 at 10³³; the weights sum to 1
        for (double big : new double[] {1e16, 1e33}) {
            Tensor x = Tensor.tensor(big, big, big, big, big, big).requiresGrad(true);
            x.logsumexp(0, false).backward();
            for (double w : x.grad().toArray()) assertEquals(1 / 6.0, w, 1e-16);
        }
        Tensor y = Tensor.tensor(1e16, 1e16 + 2, 1e16 + 4).requiresGrad(true);
        y.logsumexp(0, false).backward();
        double z = Math.exp(-4) + Math.exp(-2) + 1;
        assertArrayEquals(new double[] {Math.exp(-4) / z, Math.exp(-2) / z, 1 / z}, y.grad().toArray(), 1e-15);
    }

    @Test void erfIsTorchErf() throws IOException {
        var g = golden();
        engine(g, "erf", Tensor::erf);
        interpreter(g, "erf", new ElementFn(Functions.builtin().get("erf").orElseThrow()));
    }

    @Test void maxAndMinOverAllEntriesAreTorchsAndShareTiesEvenly() throws IOException {
        var g = golden();
        engine(g, "max", Tensor::max);
        engine(g, "min", Tensor::min);
        interpreter(g, "max", Extremum.MAX);
        interpreter(g, "min", Extremum.MIN);
        Tensor tie = Tensor.tensor(1, 3, 3, 0).requiresGrad(true);
        tie.max().backward();
        close(numbers(g.get("max tie grad")), tie.grad().toArray(), "max tie grad");
        Tensor low = Tensor.tensor(1, -2, 4, -2).requiresGrad(true);
        low.min().backward();
        close(numbers(g.get("min tie grad")), low.grad().toArray(), "min tie grad");
        assertTrue(g.containsKey("min grad_fn"));
    }
}

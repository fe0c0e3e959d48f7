package io.tracediff.autograd;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** gradcheck's acceptance region is PyTorch's float64 default |analytical − numerical| ≤ atol + rtol·|numerical|. */
class GradCheckTest {

    /** The identity with a deliberately wrong backward: the gradient is scaled by {@code factor} and shifted by {@code shift}. */
    private static Tensor identityWithSkewedGradient(Tensor x, double factor, double shift) {
        Tensor out = new Tensor(x.data.clone(), x.shape);
        if (!Graph.recording(x)) return out;
        return Graph.attach(out, "SkewedBackward", (n, g) -> Graph.grads(g.mul(factor).add(shift)), x);
    }

    private static Tensor input() { return Tensor.randn(new Random(1), 3).requiresGrad(true); }

    @Test
    void relativeErrorBelowRtolPlusAtolPasses() {
        // numerical derivative 1: accepted while |factor − 1| ≤ 1e-5 + 1e-3
        assertTrue(GradCheck.gradcheck(xs -> identityWithSkewedGradient(xs[0], 1 + 0.9e-3, 0), input()));
        assertTrue(GradCheck.gradcheck(xs -> identityWithSkewedGradient(xs[0], 1 - 0.9e-3, 0), input()));
    }

    @Test
    void relativeErrorAboveRtolPlusAtolFails() {
        assertThrows(IllegalStateException.class, () -> GradCheck.gradcheck(xs -> identityWithSkewedGradient(xs[0], 1 + 1.2e-3, 0), input()));
    }

    @Test
    void absoluteErrorIsMeasuredAgainstAtolWhereTheDerivativeIsZero() {
        // x·0 has derivative 0 and the skew adds a constant after it, so only atol = 1e-5 is left
        assertTrue(GradCheck.gradcheck(xs -> identityWithSkewedGradient(xs[0], 1, 0.9e-5).mul(0.0), input()));
        assertThrows(IllegalStateException.class, () -> GradCheck.gradcheck(xs -> identityWithSkewedGradient(xs[0], 1, 1.2e-5).mul(0.0), input()));
    }

    @Test
    void customTolerancesAreHonoured() {
        assertTrue(GradCheck.gradcheck(xs -> identityWithSkewedGradient(xs[0], 1.05, 0), 1e-6, 0, 0.1, input()));
    }

    @Test
    void parameterFormChecksTheTensorsTheLossClosesOver() {
        Tensor w = Tensor.randn(new Random(2), 2, 3).requiresGrad(true);
        Tensor x = Tensor.randn(new Random(3), 3);
        double[] before = w.toArray();
        assertTrue(GradCheck.gradcheckParameters(() -> w.matmul(x).tanh().sum(), List.of(w)));
        // value depends on w, but the recorded gradient is zero: must be caught
        assertThrows(IllegalStateException.class,
                () -> GradCheck.gradcheckParameters(() -> w.detach().matmul(x).tanh().sum().add(w.sum().mul(0.0)), List.of(w)));
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, w.toArray(), 0.0);
        org.junit.jupiter.api.Assertions.assertNull(w.grad());
    }
}

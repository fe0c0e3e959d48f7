package io.tracediff.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.autograd.GradCheck;
import io.tracediff.autograd.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Elman cell's recurrence, the unrolled RNN's shapes and gradients through time. */
class RNNTest {

    @Test
    void cellComputesTanhOfBothAffineMaps() {
        RNNCell cell = new RNNCell(2, 3, new Random(1));
        Tensor x = Tensor.tensor(new double[][] {{0.5, -1}});
        Tensor h = Tensor.tensor(new double[][] {{0.1, 0.2, -0.3}});
        Tensor next = cell.step(x, h);
        Tensor wIh = cell.parameters().get(0), wHh = cell.parameters().get(1), bIh = cell.parameters().get(2), bHh = cell.parameters().get(3);
        for (int j = 0; j < 3; j++) {
            double pre = bIh.get(j) + bHh.get(j);
            for (int i = 0; i < 2; i++) pre += x.get(0, i) * wIh.get(j, i);
            for (int k = 0; k < 3; k++) pre += h.get(0, k) * wHh.get(j, k);
            assertEquals(Math.tanh(pre), next.get(0, j), 1e-12);
        }
    }

    @Test
    void unrolledOutputsHaveTimeBatchHiddenShape() {
        RNN rnn = new RNN(1, 4, new Random(2));
        RNN.Output out = rnn.run(Tensor.randn(new Random(3), 6, 2, 1), null);
        assertArrayEquals(new int[] {6, 2, 4}, out.outputs().shape());
        assertArrayEquals(new int[] {2, 4}, out.hidden().shape());
        assertTrue(out.outputs().select(0, 5).allclose(out.hidden(), 0, 0));
    }

    @Test
    void gradientsThroughTimePassGradcheck() {
        RNN rnn = new RNN(2, 3, new Random(4));
        Tensor sequence = Tensor.randn(new Random(5), 5, 1, 2);
        assertTrue(GradCheck.gradcheckParameters(() -> rnn.run(sequence, null).hidden().sum(), rnn.parameters()));
    }

    /** Backpropagation through 10,000 steps of the module: an iterative backward, so no stack overflow. */
    @Test
    void tenThousandStepsBackpropagateThroughTime() {
        RNN rnn = new RNN(1, 4, new Random(6));
        int steps = 10_000;
        double[] wave = new double[steps];
        for (int t = 0; t < steps; t++) wave[t] = Math.sin(0.05 * t);
        RNN.Output out = rnn.run(Tensor.fromArray(wave, steps, 1, 1), null);
        out.outputs().pow(2).mean().backward();
        for (Tensor p : rnn.parameters()) {
            assertTrue(p.grad() != null);
            double norm = p.grad().norm().item();
            assertTrue(Double.isFinite(norm) && norm > 0, "gradient norm " + norm);
        }
    }
}

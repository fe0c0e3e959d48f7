package io.tracediff.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.autograd.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SGD (with momentum) and Adam: their update formulas step by step, and convergence on a quadratic. */
class OptimizerTest {

    /** f(w) = ½‖w − c‖², gradient w − c. */
    private static void quadraticGradient(Tensor w, Tensor c) {
        w.sub(c).pow(2).sum().mul(0.5).backward();
    }

    @Test
    void sgdStepIsMinusLearningRateTimesGradient() {
        Tensor w = Tensor.tensor(1, 2).requiresGrad(true);
        SGD sgd = new SGD(List.of(w), 0.1);
        quadraticGradient(w, Tensor.tensor(0, 0));
        sgd.step();
        assertArrayEquals(new double[] {0.9, 1.8}, w.toArray(), 1e-15);
        sgd.zeroGrad();
        assertNull(w.grad());
    }

    @Test
    void sgdMomentumAccumulatesAVelocity() {
        Tensor w = Tensor.tensor(1.0).requiresGrad(true);
        SGD sgd = new SGD(List.of(w), 0.1, 0.9);
        double expectedW = 1, velocity = 0;
        for (int step = 0; step < 3; step++) {
            sgd.zeroGrad();
            quadraticGradient(w, Tensor.tensor(0.0));
            velocity = step == 0 ? expectedW : 0.9 * velocity + expectedW;
            expectedW -= 0.1 * velocity;
            sgd.step();
            assertEquals(expectedW, w.item(), 1e-15);
        }
    }

    @Test
    void adamFirstStepMovesEachCoordinateByTheLearningRate() {
        Tensor w = Tensor.tensor(3, -5).requiresGrad(true);
        Adam adam = new Adam(List.of(w), 0.01);
        quadraticGradient(w, Tensor.tensor(0, 0));
        adam.step();     // bias-corrected m/√v = g/|g| on the first step
        assertArrayEquals(new double[] {3 - 0.01, -5 + 0.01}, w.toArray(), 1e-9);
    }

    @Test
    void bothConvergeOnAQuadratic() {
        Tensor c = Tensor.tensor(1, -2, 3);
        for (boolean useAdam : new boolean[] {false, true}) {
            Tensor w = Tensor.zeros(3).requiresGrad(true);
            Optimizer opt = useAdam ? new Adam(List.of(w), 0.1) : new SGD(List.of(w), 0.1, 0.5);
            for (int i = 0; i < 500; i++) {
                opt.zeroGrad();
                quadraticGradient(w, c);
                opt.step();
            }
            assertTrue(w.allclose(c, 0, 1e-3), (useAdam ? "Adam" : "SGD") + " ended at " + w);
        }
    }

    @Test
    void rejectsNonLeafParameters() {
        Tensor y = Tensor.ones(2).requiresGrad(true).mul(2);
        assertEquals("can't optimize a non-leaf Tensor",
                assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(y), 0.1)).getMessage());
    }
}

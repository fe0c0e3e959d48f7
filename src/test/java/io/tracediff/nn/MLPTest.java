package io.tracediff.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.autograd.GradCheck;
import io.tracediff.autograd.Losses;
import io.tracediff.autograd.Tensor;
import io.tracediff.optim.Adam;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Linear layers, Sequential and the MLP: shapes, PyTorch's initialisation range, gradients and a fit. */
class MLPTest {

    @Test
    void linearComputesXTimesWeightTransposedPlusBias() {
        Linear layer = new Linear(3, 2, new Random(1));
        Tensor x = Tensor.tensor(new double[][] {{1, 2, 3}, {-1, 0, 1}});
        Tensor y = layer.forward(x);
        assertArrayEquals(new int[] {2, 2}, y.shape());
        for (int b = 0; b < 2; b++)
            for (int o = 0; o < 2; o++) {
                double expected = layer.bias().get(o);
                for (int i = 0; i < 3; i++) expected += x.get(b, i) * layer.weight().get(o, i);
                assertEquals(expected, y.get(b, o), 1e-12);
            }
        for (double w : layer.weight().toArray()) assertTrue(Math.abs(w) <= 1 / Math.sqrt(3));
        assertEquals(8, layer.parameterCount());
    }

    /** The seed's torch.nn.Sequential(Linear(1000, 100), ReLU(), Linear(100, 10)), printed as PyTorch prints it. */
    @Test
    void sequentialPrintsLikePyTorch() {
        Random random = new Random(6);
        Sequential model = new Sequential(new Linear(1000, 100, random), Activation.RELU, new Linear(100, 10, false, random));
        assertEquals("Sequential(\n"
                + "  (0): Linear(in_features=1000, out_features=100, bias=True)\n"
                + "  (1): ReLU()\n"
                + "  (2): Linear(in_features=100, out_features=10, bias=False)\n"
                + ")", model.toString());
        assertEquals(1000 * 100 + 100 + 100 * 10, model.parameterCount());
        assertArrayEquals(new int[] {3, 10}, model.forward(Tensor.randn(random, 3, 1000)).shape());
    }

    @Test
    void mlpGradientsPassGradcheck() {
        MLP mlp = new MLP(new Random(2), 3, 4, 2);
        Tensor x = Tensor.randn(new Random(3), 5, 3);
        // the loss closes over the module, so its own parameters are perturbed (a gradcheck over copies would compare 0 with 0)
        assertTrue(GradCheck.gradcheckParameters(() -> mlp.forward(x).pow(2).sum(), mlp.parameters()));
    }

    @Test
    void zeroGradClearsEveryParameter() {
        MLP mlp = new MLP(Activation.RELU, new Random(4), 2, 3, 1);
        mlp.forward(Tensor.ones(1, 2)).sum().backward();
        for (Tensor p : mlp.parameters()) assertTrue(p.grad() != null);
        mlp.zeroGrad();
        for (Tensor p : mlp.parameters()) assertNull(p.grad());
        assertEquals(3, mlp.layers().size());   // Linear, ReLU, Linear: no activation after the last layer
    }

    @Test
    void adamFitsAQuadraticSurface() {
        Random random = new Random(5);
        MLP mlp = new MLP(random, 2, 16, 1);
        Tensor x = Tensor.rand(random, 64, 2).mul(2).sub(1);
        Tensor y = x.pow(2).sum(1, true);
        Adam adam = new Adam(mlp.parameters(), 0.02);
        double first = Losses.mseLoss(mlp.forward(x), y).item(), last = first;
        for (int step = 0; step < 300; step++) {
            adam.zeroGrad();
            Tensor loss = Losses.mseLoss(mlp.forward(x), y);
            loss.backward();
            adam.step();
            last = loss.item();
        }
        assertTrue(last < first / 10, "loss went from " + first + " to " + last);
    }
}

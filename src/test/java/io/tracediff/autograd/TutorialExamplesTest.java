package io.tracediff.autograd;

import static io.tracediff.autograd.TensorAssertions.assertClose;
import static io.tracediff.autograd.TensorAssertions.assertValues;
import static io.tracediff.autograd.TensorAssertions.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The PyTorch tutorial examples of the seed documents, with the values they print. */
class TutorialExamplesTest {

    @Test
    void backwardWithOnesGradientAccumulatesAcrossCallsUntilZeroed() {
        Tensor inp = Tensor.eye(4, 5).requiresGrad(true);
        Tensor out = inp.add(1).pow(2).t();
        assertArrayEquals5x4(out);
        double[] first = {4, 2, 2, 2, 2, 2, 4, 2, 2, 2, 2, 2, 4, 2, 2, 2, 2, 2, 4, 2};
        out.backward(Tensor.onesLike(out), true, false);
        assertValues(inp.grad(), shape(4, 5), first);
        out.backward(Tensor.onesLike(out), true, false);
        double[] doubled = first.clone();
        for (int i = 0; i < doubled.length; i++) doubled[i] *= 2;
        assertValues(inp.grad(), shape(4, 5), doubled);
        inp.zeroGrad();
        out.backward(Tensor.onesLike(out), true, false);
        assertValues(inp.grad(), shape(4, 5), first);
    }

    private static void assertArrayEquals5x4(Tensor out) {
        assertValues(out.detach(), shape(5, 4), 4, 1, 1, 1, 1, 4, 1, 1, 1, 1, 4, 1, 1, 1, 1, 4, 1, 1, 1, 1);
    }

    @Test
    void gradientOfTwiceXTransposeXIsFourX() {
        Tensor x = Tensor.arange(4.0);
        assertValues(x, shape(4), 0, 1, 2, 3);
        x.requiresGrad(true);
        assertNull(x.grad());
        Tensor y = x.dot(x).mul(2);
        assertEquals(28.0, y.item());
        assertEquals("tensor(28., grad_fn=<MulBackward0>)", y.toString());
        y.backward();
        assertValues(x.grad(), shape(4), 0, 4, 8, 12);
        assertClose(x.mul(4), x.grad(), 0);
    }

    @Test
    void gradientOfSumIsOnesAndOfSumOfSquaresIsTwoX() {
        Tensor x = Tensor.arange(4.0).requiresGrad(true);
        x.dot(x).mul(2).backward();
        x.zeroGrad();
        x.sum().backward();
        assertValues(x.grad(), shape(4), 1, 1, 1, 1);
        x.zeroGrad();
        Tensor y = x.mul(x);
        y.sum().backward();
        assertValues(x.grad(), shape(4), 0, 2, 4, 6);
    }

    @Test
    void detachedValueIsAConstantForTheGradient() {
        Tensor x = Tensor.arange(4.0).requiresGrad(true);
        Tensor y = x.mul(x);
        Tensor u = y.detach();
        Tensor z = u.mul(x);
        z.sum().backward();
        assertFalse(u.requiresGrad());
        assertClose(u, x.grad(), 0);
        x.zeroGrad();
        y.sum().backward();
        assertClose(x.mul(2), x.grad(), 0);
    }

    /** The seed's f: doubles until the norm reaches 1000, then branches on the sign; piecewise linear, so f(a) = k·a. */
    private static Tensor doubleUntilLarge(Tensor a) {
        Tensor b = a.mul(2);
        while (b.norm().item() < 1000) b = b.mul(2);
        return b.sum().item() > 0 ? b : b.mul(100);
    }

    @Test
    void controlFlowGradientEqualsOutputOverInput() {
        Tensor.manualSeed(0);
        for (int trial = 0; trial < 5; trial++) {
            Tensor a = Tensor.randn().requiresGrad(true);
            Tensor d = doubleUntilLarge(a);
            d.backward();
            assertEquals(d.item() / a.item(), a.grad().item(), 1e-9 * Math.abs(d.item() / a.item()));
        }
    }

    @Test
    void vectorJacobianProductThroughALoop() {
        Tensor x = Tensor.randn(new Random(3), 3).requiresGrad(true);
        Tensor y = x.mul(2);
        int doublings = 1;
        while (y.norm().item() < 1000) { y = y.mul(2); doublings++; }
        Tensor v = Tensor.tensor(0.1, 1.0, 0.0001);
        y.backward(v);
        assertClose(v.mul(Math.pow(2, doublings)), x.grad(), 1e-12);
    }

    @Test
    void scalarGraphXSquaredPlusY() {
        Tensor x = Tensor.scalar(1.0).requiresGrad(true);
        Tensor y = Tensor.scalar(2.0).requiresGrad(true);
        Tensor z = x.pow(2).add(y);
        z.backward();
        assertEquals(3.0, z.item());
        assertEquals("AddBackward0", z.gradFn().name());
        assertEquals(2.0, x.grad().item());
        assertEquals(1.0, y.grad().item());
    }

    @Test
    void affineScalarGraph() {
        Tensor x = Tensor.tensor(1).requiresGrad(true);
        Tensor w = Tensor.tensor(2).requiresGrad(true);
        Tensor b = Tensor.tensor(3).requiresGrad(true);
        w.mul(x).add(b).backward();
        assertValues(x.grad(), shape(1), 2);
        assertValues(w.grad(), shape(1), 1);
        assertValues(b.grad(), shape(1), 1);
    }

    @Test
    void meanOfThreeTimesSquareOfXPlusTwo() {
        Tensor x = Tensor.ones(2, 2).requiresGrad(true);
        Tensor out = x.add(2).mul(x.add(2)).mul(3).mean();
        assertEquals(27.0, out.item());
        out.backward();
        assertValues(x.grad(), shape(2, 2), 4.5, 4.5, 4.5, 4.5);
    }

    @Test
    void matrixProductWithAWeightingGradient() {
        Tensor leaf = Tensor.tensor(2, 1).requiresGrad(true);
        Tensor x = leaf.view(1, 2).retainGrad();
        Tensor y = Tensor.tensor(new double[][] {{1, 2}, {3, 4}}).requiresGrad(true);
        Tensor z = x.mm(y);
        assertValues(z.detach(), shape(1, 2), 5, 8);
        assertEquals("tensor([[5., 8.]], grad_fn=<MmBackward0>)", z.toString());
        z.backward(Tensor.tensor(new double[][] {{1, 0}}), true, false);
        assertValues(x.grad(), shape(1, 2), 1, 3);
        assertValues(leaf.grad(), shape(2), 1, 3);
        assertValues(y.grad(), shape(2, 2), 2, 0, 1, 0);
    }

    @Test
    void nonScalarBackwardNeedsAGradient() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        Tensor z = x.add(2);
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, z::backward);
        assertEquals("grad can be implicitly created only for scalar outputs", e.getMessage());
        z.sum().backward();
        assertValues(x.grad(), shape(2), 1, 1);
        x.zeroGrad();
        z.backward(Tensor.onesLike(z));
        assertValues(x.grad(), shape(2), 1, 1);
    }

    @Test
    @SuppressWarnings("try")      // the guards act by existing, their variables are unused
    void noGradStopsRecording() {
        Tensor x = Tensor.randn(new Random(1), 3).requiresGrad(true);
        assertTrue(x.requiresGrad());
        assertTrue(x.pow(2).requiresGrad());
        try (var g = Autograd.noGrad()) {
            assertFalse(x.pow(2).requiresGrad());
            try (var on = Autograd.enableGrad()) {
                assertTrue(x.pow(2).requiresGrad());
            }
            assertFalse(x.pow(2).requiresGrad());
        }
        assertTrue(x.pow(2).requiresGrad());
    }

    /**
     * The seed's two-layer network y_pred = clamp(x·w1, min=0)·w2 with loss Σ(y_pred − y)²: autograd's gradients equal
     * the hand-written backward (2(y_pred − y), h1ᵀ·…, masked where the ReLU was off), and the seed's training loop
     * {@code w.data -= lr·w.grad; w.grad.zero_()} lowers the loss every epoch.
     */
    @Test
    void twoLayerReluNetworkMatchesTheHandWrittenBackwardAndTrains() {
        Random random = new Random(12);
        int batch = 20, in = 50, hidden = 30, out = 5;
        Tensor x = Tensor.randn(random, batch, in), y = Tensor.randn(random, batch, out);
        Tensor w1 = Tensor.randn(random, in, hidden).requiresGrad(true), w2 = Tensor.randn(random, hidden, out).requiresGrad(true);

        Tensor h1 = x.mm(w1).clamp(0, Double.POSITIVE_INFINITY);
        Tensor yPred = h1.mm(w2);
        yPred.sub(y).pow(2).sum().backward();
        Tensor gradYPred = yPred.sub(y).mul(2).detach();
        Tensor gradW2 = h1.detach().t().mm(gradYPred);
        Tensor gradH = gradYPred.mm(w2.detach().t()).mul(x.mm(w1.detach()).gt(0));
        Tensor gradW1 = x.t().mm(gradH);
        assertClose(gradW2, w2.grad(), 1e-9);
        assertClose(gradW1, w1.grad(), 1e-9);

        double learningRate = 1e-5, previous = Double.POSITIVE_INFINITY;
        for (int epoch = 0; epoch < 20; epoch++) {
            w1.zeroGrad();
            w2.zeroGrad();
            Tensor loss = x.mm(w1).clamp(0, Double.POSITIVE_INFINITY).mm(w2).sub(y).pow(2).sum();
            assertTrue(loss.item() < previous, "epoch " + epoch + ": loss " + loss.item() + " after " + previous);
            previous = loss.item();
            loss.backward();
            for (Tensor w : new Tensor[] {w1, w2}) {
                double[] value = w.data(), grad = w.grad().data();
                for (int i = 0; i < value.length; i++) value[i] -= learningRate * grad[i];
            }
        }
    }

    /**
     * MatrixFlow's comparison with PyTorch: a 2-5-1 ReLU net on sin(x₀) + cos(x₁), biases added as ones·B, loss the 1×1
     * matrix (y − out)ᵀ(y − out). Gradients equal the closed form and the broadcast-bias formulation's.
     */
    @Test
    void matrixFlowNetworkGradientsMatchTheClosedForm() {
        Random random = new Random(21);
        Tensor x = Tensor.rand(random, 100, 2).mul(6.28).sub(3.14);
        Tensor y = x.col(0).sin().add(x.col(1).cos()).reshape(100, 1);
        Tensor ones = Tensor.ones(100, 1);
        Tensor[] p = {Tensor.rand(random, 2, 5).mul(2).sub(1), Tensor.rand(random, 5, 1).mul(2).sub(1),
                      Tensor.rand(random, 1, 5).mul(2).sub(1), Tensor.rand(random, 1, 1).mul(2).sub(1)};
        Tensor w1 = p[0].requiresGrad(true), w2 = p[1].requiresGrad(true), b1 = p[2].requiresGrad(true), b2 = p[3].requiresGrad(true);

        Tensor pre = x.mm(w1).add(ones.mm(b1));
        Tensor hid = pre.relu();
        Tensor out = hid.mm(w2).add(ones.mm(b2));
        Tensor loss = y.sub(out).t().mm(y.sub(out));
        assertEquals(1, loss.numel());
        loss.backward();                                     // a 1×1 result needs no explicit gradient

        Tensor dOut = y.sub(out).mul(-2).detach();
        Tensor dHid = dOut.mm(w2.detach().t()).mul(pre.detach().gt(0));
        assertClose(hid.detach().t().mm(dOut), w2.grad(), 1e-9);
        assertClose(ones.t().mm(dOut), b2.grad(), 1e-9);
        assertClose(x.t().mm(dHid), w1.grad(), 1e-9);
        assertClose(ones.t().mm(dHid), b1.grad(), 1e-9);

        Tensor[] viaOnes = {w1.grad(), w2.grad(), b1.grad(), b2.grad()};
        for (Tensor t : p) t.setGrad(null);
        Tensor broadcast = x.mm(w1).add(b1).relu().mm(w2).add(b2);
        Losses.mseLoss(broadcast, y).mul(100).backward();    // the same sum of squares
        for (int i = 0; i < p.length; i++) assertClose(viaOnes[i], p[i].grad(), 1e-9);
    }

    @Test
    void binaryCrossEntropyWithLogitsOfALinearNeuron() {
        Random random = new Random(7);
        Tensor x = Tensor.ones(5);
        Tensor y = Tensor.zeros(3);
        Tensor w = Tensor.randn(random, 5, 3).requiresGrad(true);
        Tensor b = Tensor.randn(random, 3).requiresGrad(true);
        Tensor z = x.matmul(w).add(b);
        Tensor loss = Losses.binaryCrossEntropyWithLogits(z, y);
        loss.backward();
        double expectedLoss = 0;
        double[] dz = new double[3];
        for (int j = 0; j < 3; j++) {
            double zj = b.get(j);
            for (int i = 0; i < 5; i++) zj += w.get(i, j);
            expectedLoss += Math.log(1 + Math.exp(zj)) / 3;      // target 0: −log(1 − σ(z))
            dz[j] = 1 / (1 + Math.exp(-zj)) / 3;                  // (σ(z) − 0) / N
        }
        assertEquals(expectedLoss, loss.item(), 1e-12);
        double[] expectedW = new double[15];
        for (int i = 0; i < 5; i++) System.arraycopy(dz, 0, expectedW, i * 3, 3);
        assertClose(Tensor.fromArray(expectedW, 5, 3), w.grad(), 1e-12);
        assertClose(Tensor.tensor(dz), b.grad(), 1e-12);
    }
}

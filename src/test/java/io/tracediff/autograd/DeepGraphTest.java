package io.tracediff.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Very deep and heavily shared graphs: backward must be iterative (no stack overflow) and visit each node once.
 * The surefire JVM runs with -Xss4m; these graphs are deep enough to overflow any recursive walk regardless.
 */
class DeepGraphTest {

    private static void assertChainOfMultiplications(int length) {
        double factor = 1.0000001;
        Tensor x0 = Tensor.scalar(1).requiresGrad(true);
        Tensor x = x0;
        for (int i = 0; i < length; i++) x = x.mul(factor);
        x.backward();
        assertEquals(Math.pow(factor, length), x0.grad().item(), 1e-9);
        assertEquals(x.item(), x0.grad().item(), 1e-9);
    }

    @Test
    void chainOfHundredThousandNodes() { assertChainOfMultiplications(100_000); }

    @Test
    void chainOfAMillionNodes() { assertChainOfMultiplications(1_000_000); }

    @Test
    void droppingAMillionNodeChainIsHarmless() {
        Tensor x0 = Tensor.scalar(1).requiresGrad(true);
        Tensor x = x0;
        for (int i = 0; i < 1_000_000; i++) x = x.add(1e-6);
        x = null;                               // the whole chain becomes garbage at once
        System.gc();
        Tensor y = x0.mul(2);
        y.backward();
        assertEquals(2.0, x0.grad().item());
    }

    @Test
    void chainOfAMillionNodesThroughAutogradGrad() {
        Tensor x0 = Tensor.scalar(0.5).requiresGrad(true);
        Tensor x = x0;
        for (int i = 0; i < 1_000_000; i++) x = x.add(1e-6);
        Tensor y = x.pow(2);
        Tensor g = Autograd.grad(java.util.List.of(y), java.util.List.of(x0), null, true, false, false).get(0);
        assertEquals(2 * x.item(), g.item(), 1e-9);
    }

    /** y_{k+1} = y_k + y_k: 2^k paths to the input; a per-path walk would never finish, a topological one is linear. */
    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)    // a per-path walk spins, ignoring interrupts
    void sharedSubexpressionsAreNotRewalked() {
        Tensor x = Tensor.scalar(1).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 200; i++) y = y.add(y).mul(0.5);
        y.backward();
        assertEquals(1.0, x.grad().item(), 1e-12);
    }

    /** Identity whose backward counts its own invocations. */
    private static Tensor counted(Tensor x, int[] calls) {
        Tensor out = new Tensor(x.data, x.shape);
        return Graph.attach(out, "CountedBackward", (n, g) -> { calls[0]++; return Graph.grads(g); }, x);
    }

    /** A ladder of diamonds: each rung's node feeds both sides of the next, so there are 2^rungs paths to the input. */
    private static Tensor ladder(Tensor x, int rungs, int[] calls) {
        Tensor y = x;
        for (int i = 0; i < rungs; i++) {
            Tensor rung = counted(y, calls);
            y = rung.mul(0.5).add(rung.mul(0.5));
        }
        return y.sum();
    }

    @Test
    void eachNodeOfADiamondLadderRunsItsBackwardOnce() {
        int rungs = 12;                                     // small enough that a per-path walk fails the count, not a timeout
        int[] calls = {0};
        Tensor x = Tensor.tensor(1, 2).requiresGrad(true);
        ladder(x, rungs, calls).backward();
        assertEquals(rungs, calls[0]);                      // a per-path walk would make 2^12 − 1 calls
        TensorAssertions.assertValues(x.grad(), TensorAssertions.shape(2), 1, 1);

        calls[0] = 0;
        Tensor g = Autograd.grad(ladder(x, rungs, calls), x);
        assertEquals(rungs, calls[0]);
        TensorAssertions.assertValues(g, TensorAssertions.shape(2), 1, 1);

        calls[0] = 0;
        Tensor y = ladder(x, rungs, calls);
        Autograd.grad(y, x, true);
        Autograd.grad(y, x);                                // retained graph, walked a second time
        assertEquals(2 * rungs, calls[0]);
    }

    private static void assertRnnUnrolls(int steps) {
        java.util.Random random = new java.util.Random(1);
        Tensor wx = Tensor.randn(random, 8, 1).mul(0.5).requiresGrad(true);
        Tensor wh = Tensor.randn(random, 8, 8).mul(0.2).requiresGrad(true);
        Tensor h = Tensor.zeros(8, 1);
        Tensor loss = Tensor.scalar(0);
        for (int t = 0; t < steps; t++) {
            Tensor input = Tensor.scalar(Math.sin(0.01 * t)).reshape(1, 1);
            h = wx.mm(input).add(wh.mm(h)).tanh();
            if (t % 100 == 99) loss = loss.add(h.sum());
        }
        loss.backward();
        double norm = wh.grad().norm().item();
        assertEquals(false, Double.isNaN(norm));
        assertEquals(true, norm > 0);
    }

    @Test
    void rnnUnrolledTenThousandSteps() { assertRnnUnrolls(10_000); }

    @Test
    @Tag("slow")
    void rnnUnrolledHundredThousandSteps() { assertRnnUnrolls(100_000); }
}

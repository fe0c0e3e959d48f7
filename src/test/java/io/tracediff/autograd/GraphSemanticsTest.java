package io.tracediff.autograd;

import static io.tracediff.autograd.TensorAssertions.assertClose;
import static io.tracediff.autograd.TensorAssertions.assertValues;
import static io.tracediff.autograd.TensorAssertions.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Leaves, grad_fn, accumulation, retain_graph, retain_grad, autograd.grad and PyTorch's error messages. */
class GraphSemanticsTest {

    @Test
    void leavesAndResultsAreTellApart() {
        Tensor x = Tensor.rand(3).requiresGrad(true);
        Tensor y = x.pow(2);
        Tensor z = x.add(x);
        assertTrue(x.isLeaf());
        assertNull(x.gradFn());
        assertFalse(y.isLeaf());
        assertEquals("PowBackward0", y.gradFn().name());
        assertEquals("<AddBackward0>", z.gradFn().toString());
        assertEquals("AccumulateGrad", z.gradFn().nextFunctions().get(0).name());
        assertSame(z.gradFn().nextFunctions().get(0), z.gradFn().nextFunctions().get(1));
        Tensor constant = Tensor.rand(3);
        assertTrue(constant.isLeaf());
        assertFalse(constant.add(1).requiresGrad());
        assertNull(x.mul(constant).gradFn().nextFunctions().get(1));
    }

    @Test
    void sharedSubexpressionGradientsAreSummed() {
        Tensor x = Tensor.scalar(3).requiresGrad(true);
        Tensor s = x.mul(x);                 // used twice below
        Tensor y = s.mul(s).add(s);          // x⁴ + x²
        y.backward();
        assertEquals(4 * 27 + 2 * 3, x.grad().item(), 0);
    }

    @Test
    void secondBackwardThroughAFreedGraphFails() {
        Tensor x = Tensor.rand(3).requiresGrad(true);
        Tensor y = x.exp().sum();
        y.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertEquals("Trying to backward through the graph a second time (or directly access saved tensors after they have "
                + "already been freed). Saved intermediate values of the graph are freed when you call .backward() or "
                + "autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you "
                + "need to access saved tensors after calling backward.", e.getMessage());
    }

    /** Builds x ↦ Σ exp(x)² and returns a weak reference to the intermediate exp(x), which only the graph holds. */
    private static java.lang.ref.WeakReference<Tensor> squareOfExp(Tensor x, Tensor[] loss) {
        Tensor h = x.exp();
        loss[0] = h.mul(h).sum();
        return new java.lang.ref.WeakReference<>(h);
    }

    private static boolean collected(java.lang.ref.WeakReference<?> ref) throws InterruptedException {
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        return ref.get() == null;
    }

    @Test
    void savedTensorsAreReleasedByBackwardWithoutRetainGraph() throws InterruptedException {
        Tensor x = Tensor.tensor(1, 2).requiresGrad(true);
        Tensor[] loss = new Tensor[1];
        java.lang.ref.WeakReference<Tensor> saved = squareOfExp(x, loss);
        loss[0].backward(null, true, false);
        assertFalse(collected(saved), "retain_graph keeps the saved intermediate alive");
        loss[0].backward();
        assertTrue(collected(saved), "the saved intermediate outlived a backward without retain_graph");
        assertClose(x.mul(2).exp().mul(4), x.grad(), 1e-12);   // two passes of 2·exp(2x)
    }

    @Test
    void retainGraphAllowsRepeatedBackward() {
        Tensor x = Tensor.tensor(1, 2).requiresGrad(true);
        Tensor y = x.exp().sum();
        y.backward(null, true, false);
        y.backward(null, true, false);
        assertClose(x.exp().mul(2), x.grad(), 1e-12);
    }

    @Test
    void graphsThatSaveNothingCanBeWalkedAgain() {
        Tensor x = Tensor.tensor(1, 2).requiresGrad(true);
        Tensor y = x.add(1).sum();
        y.backward();
        y.backward();
        assertValues(x.grad(), shape(2), 2, 2);
    }

    @Test
    void retainGradKeepsNonLeafGradients() {
        Tensor x = Tensor.tensor(1, 2, 3).requiresGrad(true);
        Tensor h = x.mul(2);
        Tensor hidden = x.mul(3);
        h.retainGrad();
        h.mul(h).add(hidden).sum().backward();
        assertTrue(h.retainsGrad());
        assertValues(h.grad(), shape(3), 4, 8, 12);
        assertNull(hidden.grad());
        assertValues(x.grad(), shape(3), 8 + 3, 16 + 3, 24 + 3);
    }

    @Test
    void autogradGradLeavesDotGradUntouched() {
        Tensor x = Tensor.tensor(1, 2).requiresGrad(true);
        Tensor w = Tensor.tensor(3, 4).requiresGrad(true);
        Tensor y = x.mul(w).sum();
        List<Tensor> g = Autograd.grad(List.of(y), List.of(x, w), null, false, false, false);
        assertValues(g.get(0), shape(2), 3, 4);
        assertValues(g.get(1), shape(2), 1, 2);
        assertNull(x.grad());
        assertNull(w.grad());
    }

    @Test
    void autogradGradOfANonLeafInput() {
        Tensor x = Tensor.tensor(1, 2).requiresGrad(true);
        Tensor h = x.exp();
        Tensor y = h.mul(h).sum();
        assertClose(h.mul(2), Autograd.grad(y, h), 1e-12);
    }

    @Test
    void unusedInputIsAnErrorUnlessAllowed() {
        Tensor x = Tensor.tensor(1, 2).requiresGrad(true);
        Tensor unused = Tensor.tensor(5).requiresGrad(true);
        Tensor y = x.sum();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Autograd.grad(List.of(y), List.of(x, unused), null, true, false, false));
        assertEquals("One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if "
                + "this is the desired behavior.", e.getMessage());
        List<Tensor> g = Autograd.grad(List.of(y), List.of(x, unused), null, false, false, true);
        assertValues(g.get(0), shape(2), 1, 1);
        assertNull(g.get(1));
    }

    @Test
    void backwardOfATensorWithoutHistoryFails() {
        Tensor x = Tensor.tensor(1, 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.sum().backward());
        assertEquals("element 0 of tensors does not require grad and does not have a grad_fn", e.getMessage());
        Tensor input = Tensor.tensor(1).requiresGrad(true);
        assertEquals("One of the differentiated Tensors does not require grad",
                assertThrows(IllegalStateException.class, () -> Autograd.grad(input.mul(2), x)).getMessage());
    }

    @Test
    void gradientShapeMustMatchOutput() {
        Tensor x = Tensor.rand(3).requiresGrad(true);
        Tensor y = x.mul(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> y.backward(Tensor.ones(2)));
        assertEquals("Mismatch in shape: grad_output[0] has a shape of torch.Size([2]) and output[0] has a shape of torch.Size([3]).",
                e.getMessage());
    }

    @Test
    void onlyLeavesCanChangeRequiresGrad() {
        Tensor y = Tensor.rand(2).requiresGrad(true).mul(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.requiresGrad(false));
        assertTrue(e.getMessage().startsWith("you can only change requires_grad flags of leaf variables."), e.getMessage());
    }

    @Test
    void shapeErrorsUsePyTorchWording() {
        assertEquals("The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1",
                assertThrows(IllegalArgumentException.class, () -> Tensor.ones(2, 3).add(Tensor.ones(4))).getMessage());
        assertEquals("mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)",
                assertThrows(IllegalArgumentException.class, () -> Tensor.ones(2, 3).mm(Tensor.ones(4, 5))).getMessage());
        assertEquals("shape '[4, 2]' is invalid for input of size 6",
                assertThrows(IllegalArgumentException.class, () -> Tensor.ones(2, 3).reshape(4, 2)).getMessage());
        assertEquals("a Tensor with 6 elements cannot be converted to Scalar",
                assertThrows(IllegalStateException.class, () -> Tensor.ones(2, 3).item()).getMessage());
        assertEquals("Dimension out of range (expected to be in range of [-2, 1], but got 2)",
                assertThrows(IndexOutOfBoundsException.class, () -> Tensor.ones(2, 3).sum(2)).getMessage());
        assertEquals("inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, but got 3 and 4 elements respectively",
                assertThrows(IllegalArgumentException.class, () -> Tensor.ones(3).dot(Tensor.ones(4))).getMessage());
        assertTrue(assertThrows(ArithmeticException.class, () -> Tensor.zeros(2, 2).inverse()).getMessage()
                .endsWith("the inversion could not be completed because the input matrix is singular."));
    }

    @Test
    void detachSharesValuesButNotHistory() {
        Tensor x = Tensor.tensor(1, 2).requiresGrad(true);
        Tensor y = x.mul(3);
        Tensor d = y.detach();
        assertTrue(d.isLeaf());
        assertFalse(d.requiresGrad());
        assertClose(y, d, 0);
    }

    @Test
    void leavesNeverShareAGradientTensor() {
        Tensor x = Tensor.tensor(1, 2).requiresGrad(true);
        Tensor y = Tensor.tensor(3, 4).requiresGrad(true);
        x.add(y).sum().backward(null, false, true);          // one gradient tensor flows to both leaves
        x.mul(2).sum().backward();                           // accumulates into x.grad only
        assertValues(x.grad(), shape(2), 3, 3);
        assertValues(y.grad(), shape(2), 1, 1);

        Tensor w = Tensor.tensor(1, 2).requiresGrad(true);
        Tensor seed = Tensor.tensor(5, 6);
        w.mul(1).backward(seed, false, true);
        w.mul(1).backward(seed);
        assertValues(seed, shape(2), 5, 6);                  // the caller's gradient is not accumulated into
        assertValues(w.grad(), shape(2), 10, 12);
    }

    @Test
    void createGraphGivesHigherDerivatives() {
        Tensor x = Tensor.tensor(2, -1).requiresGrad(true);
        Tensor y = x.pow(3).sum();
        Tensor dy = Autograd.grad(y, x, true);
        assertClose(x.pow(2).mul(3), dy, 1e-12);
        Tensor d2y = Autograd.grad(dy.sum(), x, true);
        assertValues(d2y, shape(2), 12, -6);                  // 6x
        Tensor d3y = Autograd.grad(d2y.sum(), x);
        assertValues(d3y, shape(2), 6, 6);
    }

    @Test
    void backwardWithCreateGraphStoresADifferentiableGrad() {
        Tensor x = Tensor.scalar(1.5).requiresGrad(true);
        x.pow(3).backward(null, false, true);
        Tensor firstGrad = x.grad();
        assertTrue(firstGrad.requiresGrad());
        x.setGrad(null);
        firstGrad.backward();
        assertEquals(6 * 1.5, x.grad().item(), 1e-12);
    }

    @Test
    void hessianVectorProductByDoubleBackward() {
        Tensor a = Tensor.fromArray(new double[] {2, 1, 0, 1, 3, 1, 0, 1, 4}, 3, 3);
        Tensor x = Tensor.tensor(1, -1, 2).requiresGrad(true);
        Tensor v = Tensor.tensor(0.5, 1, -1);
        Tensor f = x.dot(a.matmul(x)).mul(0.5);               // ½ xᵀAx, Hessian A (symmetric)
        Tensor g = Autograd.grad(f, x, true);
        Tensor hv = Autograd.grad(g.dot(v), x);
        assertClose(a.matmul(v), hv, 1e-12);
    }

    @Test
    void toStringLooksLikePyTorch() {
        assertEquals("tensor([[1., 0.],\n        [0., 1.]])", Tensor.eye(2).toString());
        assertEquals("tensor([0.5000, 1.0000], requires_grad=True)", Tensor.tensor(0.5, 1).requiresGrad(true).toString());
    }
}

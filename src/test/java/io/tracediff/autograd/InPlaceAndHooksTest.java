package io.tracediff.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** In-place operations and their version counters, tensor hooks and the non-leaf .grad warning, with PyTorch 1.13's messages. */
class InPlaceAndHooksTest {
    private static final String HINT = " Hint: enable anomaly detection to find the operation that failed to compute its gradient, "
            + "with torch.autograd.set_detect_anomaly(True).";

    @Test
    void overwritingASavedOutputMakesBackwardFailNamingItsNode() {
        Tensor x = Tensor.tensor(0.1, 0.2, 0.3, 0.4).requiresGrad(true);
        Tensor y = x.exp();
        y.add_(1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertEquals("one of the variables needed for gradient computation has been modified by an inplace operation: "
                + "[torch.FloatTensor [4]], which is output 0 of ExpBackward0, is at version 1; expected version 0 instead." + HINT, e.getMessage());
    }

    @Test
    void overwritingASavedConstantMakesBackwardFail() {
        Tensor x = Tensor.tensor(0.1, 0.2, 0.3, 0.4).requiresGrad(true);
        Tensor w = Tensor.tensor(1, 2, 3, 4);
        Tensor y = x.mul(w);
        w.mul_(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertEquals("one of the variables needed for gradient computation has been modified by an inplace operation: "
                + "[torch.FloatTensor [4]] is at version 1; expected version 0 instead." + HINT, e.getMessage());
    }

    @Test
    void aDetachedViewSharesTheVersionCounter() {
        Tensor x = Tensor.tensor(0.5, 1.5).requiresGrad(true);
        Tensor y = x.exp();
        Tensor shared = y.detach();
        shared.zero_();
        assertEquals(1, y.version());
        assertThrows(IllegalStateException.class, () -> y.sum().backward());
    }

    @Test
    void zeroingASavedNonLeafNamesTheInPlaceNode() {
        Tensor x = Tensor.tensor(0.1, 0.2, 0.3, 0.4).requiresGrad(true);
        Tensor y = x.mul(2);
        Tensor z = y.mul(y);
        y.zero_();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> z.sum().backward());
        assertTrue(e.getMessage().contains("[torch.FloatTensor [4]], which is output 0 of ZeroBackward0, is at version 1;"), e.getMessage());
    }

    @Test
    void inPlaceOnALeafThatRequiresGradIsRefusedUnlessGradIsOff() {
        Tensor x = Tensor.tensor(1, 2, 3).requiresGrad(true);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.add_(1));
        assertEquals("a leaf Variable that requires grad is being used in an in-place operation.", e.getMessage());
        try (GradMode off = Autograd.noGrad()) {
            x.sub_(0.5);
        }
        TensorAssertions.assertValues(x, new int[] {3}, 0.5, 1.5, 2.5);
        assertEquals(1, x.version());
        assertTrue(x.isLeaf() && x.requiresGrad());
    }

    @Test
    void inPlaceOnANonLeafRebasesItsHistory() {
        Tensor x = Tensor.tensor(1, 2, 3, 4).requiresGrad(true);
        Tensor y = x.mul(2);
        Node before = y.gradFn();
        assertSame(y, y.mul_(3));
        assertEquals("MulBackward0", y.gradFn().name());
        assertSame(before, y.gradFn().nextFunctions().get(0));
        y.sum().backward();
        TensorAssertions.assertValues(x.grad(), new int[] {4}, 6, 6, 6, 6);
    }

    @Test
    void inPlaceWithAnOperandThatRequiresGradMakesAConstantDifferentiable() {
        Tensor w = Tensor.tensor(2, 3).requiresGrad(true);
        Tensor c = Tensor.tensor(5, 7);
        c.mul_(w);
        assertTrue(c.requiresGrad());
        c.sum().backward();
        TensorAssertions.assertValues(w.grad(), new int[] {2}, 5, 7);
    }

    @Test
    void inPlaceThatWouldNeedAViewRebaseIsRefused() {
        Tensor x = Tensor.tensor(1, 2, 3, 4).requiresGrad(true);
        Tensor y = x.mul(2);
        Tensor v = y.view(2, 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> v.mul_(3));
        assertTrue(e.getMessage().startsWith("in-place operation on a tensor that shares its storage with a view"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> y.mul_(3));
    }

    @Test
    void inPlaceOnWhatPyTorchWouldAliasIsRefused() {
        Tensor x = Tensor.tensor(new double[][] {{1, 2}, {3, 4}});
        for (Tensor copy : List.of(x.t(), x.narrow(1, 0, 1), x.select(0, 1), x.row(0).expand(3, 2), x.t().reshape(2, 2))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> copy.mul_(2));
            assertTrue(e.getMessage().startsWith("in-place operation on the result of t()/transpose/narrow/select/expand"), e.getMessage());
        }
        Tensor contiguousCopy = x.t().reshape(4);         // PyTorch copies here too, so writing to it is fine
        contiguousCopy.mul_(2);
        TensorAssertions.assertValues(x, new int[] {2, 2}, 1, 2, 3, 4);
    }

    @Test
    void inPlaceKeepsTheShapeOrFails() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.ones(3).add_(Tensor.ones(2, 3)));
        assertEquals("output with shape [3] doesn't match the broadcast shape [2, 3]", e.getMessage());
    }

    @Test
    void zeroOfAGradientResetsAccumulation() {
        Tensor x = Tensor.tensor(1, 2, 3).requiresGrad(true);
        x.mul(x).sum().backward();
        x.grad().zero_();
        TensorAssertions.assertValues(x.grad(), new int[] {3}, 0, 0, 0);
        x.sum().backward();
        TensorAssertions.assertValues(x.grad(), new int[] {3}, 1, 1, 1);
    }

    @Test
    void aLeafHookReplacesTheGradientBeforeAccumulation() {
        Tensor x = Tensor.ones(3).requiresGrad(true);
        Tensor.RemovableHandle h = x.registerHook(g -> g.mul(10));
        x.mul(x).sum().backward();
        assertEquals("tensor([20., 20., 20.])", x.grad().toString());
        h.remove();
        x.grad().zero_();
        x.mul(x).sum().backward();
        assertEquals("tensor([2., 2., 2.])", x.grad().toString());
    }

    @Test
    void aNonLeafHookSeesTheSummedGradientAndChangesWhatFlowsOn() {
        Tensor x = Tensor.tensor(1, 2).requiresGrad(true);
        Tensor y = x.mul(3);
        List<String> seen = new ArrayList<>();
        y.registerHook(g -> { seen.add(g.toString()); return null; });
        y.registerHook(g -> g.mul(Tensor.tensor(0, 1)));
        y.add(y.mul(2)).sum().backward();          // dL/dy = 1 + 2 = 3, masked to (0, 3)
        assertEquals(List.of("tensor([3., 3.])"), seen);
        TensorAssertions.assertValues(x.grad(), new int[] {2}, 0, 9);
    }

    @Test
    void retainGradKeepsTheGradientWhereItWasCalledAmongTheHooks() {
        // PyTorch 1.13 printed tensor([1., 1.]) tensor([6., 6.]) for the first order, tensor([2., 2.]) tensor([6., 6.]) for the second
        Tensor x = Tensor.ones(2).requiresGrad(true);
        Tensor y = x.mul(3);
        y.retainGrad();
        y.registerHook(g -> g.mul(2));
        y.sum().backward();
        assertEquals("tensor([1., 1.]) tensor([6., 6.])", y.grad() + " " + x.grad());
        Tensor x2 = Tensor.ones(2).requiresGrad(true);
        Tensor y2 = x2.mul(3);
        y2.registerHook(g -> g.mul(2));
        y2.retainGrad();
        y2.retainGrad();
        y2.sum().backward();
        assertEquals("tensor([2., 2.]) tensor([6., 6.])", y2.grad() + " " + x2.grad());
    }

    @Test
    void hooksAreRefusedWithoutGradAndMayNotChangeTheShape() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Tensor.ones(2).registerHook(g -> g));
        assertEquals("cannot register a hook on a tensor that doesn't require gradient", e.getMessage());
        Tensor x = Tensor.ones(4).requiresGrad(true);
        Tensor y = x.exp();
        y.registerHook(g -> g.narrow(0, 0, 2));
        e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertEquals("hook has changed the size of value", e.getMessage());
    }

    @Test
    void readingTheGradOfANonLeafWarnsOnce() {
        List<String> warnings = new ArrayList<>();
        Autograd.setWarningHandler(warnings::add);
        try {
            Tensor x = Tensor.ones(2).requiresGrad(true);
            Tensor y = x.mul(2);
            y.sum().backward();
            assertNull(y.grad());
            assertNull(y.grad());
            assertEquals(1, warnings.size());
            assertTrue(warnings.get(0).startsWith("The .grad attribute of a Tensor that is not a leaf Tensor is being accessed."));
            Tensor z = x.mul(3);
            z.retainGrad();
            z.sum().backward();
            assertEquals("tensor([1., 1.])", z.grad().toString());
            x.grad();
            assertEquals(1, warnings.size());
        } finally {
            Autograd.setWarningHandler(m -> System.err.println("UserWarning: " + m));
        }
    }

    @Test
    void comparisonsBroadcastAndGiveBooleansThatCannotRequireGrad() {
        Tensor a = Tensor.tensor(1, 2, 3);
        Tensor col = Tensor.tensor(new double[][] {{2}, {3}});
        assertEquals("tensor([[ True, False, False],\n        [ True,  True, False]])", a.lt(col).toString());
        assertEquals("tensor([[False,  True,  True],\n        [False, False,  True]])", a.ge(col).toString());
        assertEquals("tensor([False,  True, False])", a.eq(2).toString());
        assertEquals("tensor([ True, False,  True])", a.ne(2).toString());
        assertEquals("tensor([ True,  True, False])", a.le(2).toString());
        assertEquals("tensor(False)", a.gt(0).all().ne(1).toString());
        assertEquals("tensor(False)", a.gt(5).any().toString());
        assertTrue(a.equal(Tensor.tensor(1, 2, 3)) && !a.equal(Tensor.tensor(1, 2)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.eq(2).requiresGrad(true));
        assertEquals("only Tensors of floating point dtype can require gradients", e.getMessage());
    }

    @Test
    void booleanArithmeticFollowsPyTorchsPromotionOrRefuses() {
        Tensor b = Tensor.tensor(1, 0, 2).gt(0.5);
        assertEquals("torch.bool", b.dtype());
        assertEquals("torch.int64", b.sum().dtype());
        assertEquals("torch.float32", b.mul(0.5).dtype());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.sub(b));
        assertEquals("Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.neg());
        e = assertThrows(IllegalArgumentException.class, () -> b.mean());
        assertEquals("mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Bool", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.add_(1));
        assertEquals("result type Long can't be cast to the desired output type Bool", e.getMessage());
        assertEquals("tensor([1., 0., 1.])", b.toFloat().toString());
        assertEquals("tensor([ True, False,  True])", b.mul_(b).toString());
    }
}

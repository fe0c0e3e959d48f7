package io.tracediff.autograd;

import static io.tracediff.autograd.TensorAssertions.assertValues;
import static io.tracediff.autograd.TensorAssertions.shape;

import java.util.List;
import org.junit.jupiter.api.Test;

/** NumPy broadcasting in the forward pass and the matching sums in the backward pass; factories and slicing values. */
class BroadcastingTest {

    @Test
    void rowPlusColumnBroadcastsToAGridAndGradientsSumBack() {
        Tensor column = Tensor.tensor(new double[][] {{0}, {10}}).requiresGrad(true);
        Tensor row = Tensor.tensor(1, 2, 3).requiresGrad(true);
        Tensor grid = column.add(row);
        assertValues(grid.detach(), shape(2, 3), 1, 2, 3, 11, 12, 13);
        grid.mul(grid).sum().backward();
        assertValues(column.grad(), shape(2, 1), 2 * (1 + 2 + 3), 2 * (11 + 12 + 13));
        assertValues(row.grad(), shape(3), 2 * (1 + 11), 2 * (2 + 12), 2 * (3 + 13));
    }

    @Test
    void zeroDimScalarTimesMatrix() {
        Tensor s = Tensor.scalar(2).requiresGrad(true);
        Tensor m = Tensor.tensor(new double[][] {{1, 2}, {3, 4}});
        s.mul(m).sum().backward();
        assertValues(s.grad(), shape(), 10);
    }

    @Test
    void reductionsAlongDimensions() {
        Tensor x = Tensor.arange(6).reshape(2, 3);
        assertValues(x.sum(0), shape(3), 3, 5, 7);
        assertValues(x.sum(1, true), shape(2, 1), 3, 12);
        assertValues(x.mean(-1), shape(2), 1, 4);
        Tensor.MaxResult max = x.max(0);
        assertValues(max.values(), shape(3), 3, 4, 5);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {1, 1, 1}, max.indices());
        assertValues(x.logsumexp(1, false), shape(2), Math.log(1 + Math.E + Math.exp(2)), 5 + Math.log(Math.exp(-2) + Math.exp(-1) + 1));
    }

    @Test
    void maxGradientsAtTies() {
        Tensor x = Tensor.tensor(new double[][] {{3, 1, 3}, {2, 5, 5}}).requiresGrad(true);
        x.max().backward();                                  // all-reduce: PyTorch shares the gradient among tied maxima
        assertValues(x.grad(), shape(2, 3), 0, 0, 0, 0, 0.5, 0.5);
        x.setGrad(null);
        Tensor.MaxResult rows = x.max(1);                    // along a dim: to the first maximal index, the one returned
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {0, 1}, rows.indices());
        rows.values().sum().backward();
        assertValues(x.grad(), shape(2, 3), 1, 0, 0, 0, 1, 0);
        assertValues(Tensor.tensor(1, Double.NaN, 7).max(), shape(), Double.NaN);
    }

    @Test
    void meanOfNothingIsNaN() {
        assertValues(Tensor.zeros(0).mean(), shape(), Double.NaN);
        assertValues(Tensor.zeros(2, 0).sum(1), shape(2), 0, 0);
    }

    @Test
    void slicingCatAndStack() {
        Tensor x = Tensor.arange(12).reshape(3, 4);
        assertValues(x.row(1), shape(4), 4, 5, 6, 7);
        assertValues(x.col(2), shape(3), 2, 6, 10);
        assertValues(x.slice(1, 1, -1), shape(3, 2), 1, 2, 5, 6, 9, 10);
        assertValues(x.narrow(0, 2, 1), shape(1, 4), 8, 9, 10, 11);
        assertValues(x.t().row(0), shape(3), 0, 4, 8);
        assertValues(Tensor.cat(List.of(x.row(0), x.row(2)), 0), shape(8), 0, 1, 2, 3, 8, 9, 10, 11);
        assertValues(Tensor.stack(List.of(x.col(0), x.col(3)), 1), shape(3, 2), 0, 3, 4, 7, 8, 11);
        assertValues(x.reshape(2, -1).transpose(0, 1).sum(1), shape(6), 6, 8, 10, 12, 14, 16);
    }

    @Test
    void factories() {
        assertValues(Tensor.eye(2, 3), shape(2, 3), 1, 0, 0, 0, 1, 0);
        assertValues(Tensor.arange(1, 2, 0.25), shape(4), 1, 1.25, 1.5, 1.75);
        assertValues(Tensor.zerosLike(Tensor.ones(2, 2)), shape(2, 2), 0, 0, 0, 0);
        assertValues(Tensor.full(7, 2), shape(2), 7, 7);
        Tensor.manualSeed(42);
        Tensor a = Tensor.randn(3);
        Tensor.manualSeed(42);
        assertValues(Tensor.randn(3), shape(3), a.toArray());
    }

    @Test
    void linearAlgebraValues() {
        Tensor a = Tensor.tensor(new double[][] {{4, 7}, {2, 6}});
        assertValues(a.det(), shape(), 10);
        assertValues(a.logdet(), shape(), Math.log(10));
        assertValues(a.inverse(), shape(2, 2), 0.6, -0.7, -0.2, 0.4);
        assertValues(a.trace(), shape(), 10);
        assertValues(Tensor.tensor(new double[][] {{0, 1}, {1, 0}}).logdet(), shape(), Double.NaN);
        assertValues(a.softmax(1).sum(1), shape(2), 1, 1);
    }
}

package io.tracediff.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Assertions on tensor values and shapes shared by the autograd tests. */
final class TensorAssertions {
    private TensorAssertions() {}

    static void assertValues(Tensor actual, int[] shape, double... expected) {
        assertNotNull(actual, "tensor is null");
        assertArrayEquals(shape, actual.shape(), "shape of " + actual);
        assertArrayEquals(expected, actual.toArray(), 1e-9, () -> "values of " + actual);
    }

    static void assertClose(Tensor expected, Tensor actual, double tolerance) {
        assertNotNull(actual, "tensor is null");
        assertArrayEquals(expected.shape(), actual.shape(), "shape of " + actual);
        assertArrayEquals(expected.toArray(), actual.toArray(), tolerance, () -> "expected " + expected + " but got " + actual);
    }

    static int[] shape(int... dims) { return dims; }
}

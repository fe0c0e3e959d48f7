package io.tracediff.kernel;

import static io.tracediff.kernel.DgemmTest.assertArrayClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ElementwiseTest {
    @Test
    void loopsWriteIntoTheGivenBuffer() {
        double[] x = {1, 2, 3}, y = {4, 5, 6}, out = new double[3];
        assertSame(out, Elementwise.axpy(2, x, y, out));
        assertArrayClose(new double[] {6, 9, 12}, out, 0);
        assertArrayClose(new double[] {-1, -2, -3}, Elementwise.scale(-1, x, out), 0);
        assertArrayClose(new double[] {5, 7, 9}, Elementwise.add(x, y, out), 0);
        assertArrayClose(new double[] {-3, -3, -3}, Elementwise.subtract(x, y, out), 0);
        assertArrayClose(new double[] {4, 10, 18}, Elementwise.hadamard(x, y, out), 0);
        assertArrayClose(new double[] {12, 30, 54}, Elementwise.addHadamard(2, x, y, out), 0);
        assertEquals(32, Elementwise.dot(x, y), 0);
        double[] inPlace = {1, 2, 3};
        assertArrayClose(new double[] {5, 10, 15}, Elementwise.axpy(4, inPlace, inPlace, inPlace), 0);
        assertThrows(IllegalArgumentException.class, () -> Elementwise.add(x, new double[2], out));
    }
}

package io.tracediff.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tracediff.kernel.Tanh;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The scalar kernels behind the elementwise operations are the kernel package's (TanhTest measures their accuracy). */
class PointwiseTest {

    @Test
    void tanhIsTheKernelsToTheLastBit() {
        Random random = new Random(3);
        for (int i = 0; i < 100_000; i++) {
            double x = random.nextGaussian() * Math.pow(10, random.nextInt(8) - 5);
            assertEquals(Tanh.tanh(x), Pointwise.tanh(x), 0.0, "x = " + x);
        }
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Pointwise.tanh(-0.0)));
        double[] x = {-3, -0.2, 0, 0.25, 1.5, 30};
        double[] y = new Tensor(x, new int[] {2, 3}).tanh().data;
        for (int i = 0; i < x.length; i++) assertEquals(Tanh.tanh(x[i]), y[i], 0.0, "Tensor.tanh at " + x[i]);
    }
}

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

    /** sinh, log1p and expm1 of 10⁻²⁰ a are about 10⁻²⁰ a, as torch's: written from exp and log they were 0 (and their gradients). */
    @Test
    void smallArgumentsKeepTheirValueAndGradient() {
        for (String f : new String[] {"sinh", "log1p", "expm1", "tan"}) {
            Tensor a = Tensor.fromArray(new double[] {2e-20}, 1, 1).requiresGrad(true);
            Tensor y = switch (f) {
                case "sinh" -> a.sinh();
                case "log1p" -> a.log1p();
                case "expm1" -> a.expm1();
                default -> a.tan();
            };
            assertEquals(2e-20, y.toArray()[0], 1e-35, f);
            y.sum().backward();
            assertEquals(1.0, a.grad().toArray()[0], 1e-15, f);
        }
    }
}

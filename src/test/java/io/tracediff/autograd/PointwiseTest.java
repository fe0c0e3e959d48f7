package io.tracediff.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The scalar kernels behind the elementwise operations, against the JDK's reference functions. */
class PointwiseTest {

    private static double ulpsFromMathTanh(double x) {
        double expected = Math.tanh(x);
        return expected == 0 ? Math.abs(Pointwise.tanh(x)) / Double.MIN_VALUE : Math.abs(Pointwise.tanh(x) - expected) / Math.ulp(expected);
    }

    @Test
    void tanhIsWithinThreeUlpsOfMathTanh() {
        double worst = 0, at = 0;
        for (int i = -2_000_000; i <= 2_000_000; i++) {            // dense over [−25, 25], both sides of the 0.3 and 20 switches
            double x = i * 1.25e-5;
            double u = ulpsFromMathTanh(x);
            if (u > worst) { worst = u; at = x; }
        }
        Random random = new Random(3);
        for (int i = 0; i < 1_000_000; i++) {                       // magnitudes from 1e-300 to 1e3
            double x = random.nextGaussian() * Math.pow(10, random.nextInt(303) - 300);
            double u = ulpsFromMathTanh(x);
            if (u > worst) { worst = u; at = x; }
        }
        assertTrue(worst <= 3, "tanh is " + worst + " ulps off at " + at);
    }

    @Test
    void tanhSpecialValues() {
        assertEquals(0.0, Pointwise.tanh(0.0));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Pointwise.tanh(-0.0)));
        assertEquals(1.0, Pointwise.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Pointwise.tanh(Double.NEGATIVE_INFINITY));
        assertEquals(-1.0, Pointwise.tanh(-700));
        assertTrue(Double.isNaN(Pointwise.tanh(Double.NaN)));
        assertEquals(Double.MIN_VALUE, Pointwise.tanh(Double.MIN_VALUE));
        assertEquals(Math.tanh(0.3), Pointwise.tanh(0.3), 2 * Math.ulp(Math.tanh(0.3)));
    }
}

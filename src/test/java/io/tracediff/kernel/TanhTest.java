package io.tracediff.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The table-driven tanh against the JDK's fdlibm tanh and exp (each within 1 ulp of the true value). */
class TanhTest {

    private static double ulpsFromMathTanh(double x) {
        double expected = Math.tanh(x);
        return expected == 0 ? Math.abs(Tanh.tanh(x)) / Double.MIN_VALUE : Math.abs(Tanh.tanh(x) - expected) / Math.ulp(expected);
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
        for (double x : new double[] {0.3, Math.nextDown(0.3), 20, Math.nextUp(20.0), 0.5 * Math.log(2) * 64 / 64}) {
            double u = Math.max(ulpsFromMathTanh(x), ulpsFromMathTanh(-x));
            if (u > worst) { worst = u; at = x; }
        }
        assertTrue(worst <= 3, "tanh is " + worst + " ulps off at " + at);
    }

    /** Every table entry, both ends of every reduction interval, and the whole range, against StrictMath.exp. */
    @Test
    void theReducedExpIsWithinTwoUlps() {
        double worst = 0, at = 0;
        Random random = new Random(7);
        for (int i = 0; i < 2_000_000; i++) {
            double y = i < 1_000_000 ? 0.6 + 39.4 * random.nextDouble()
                    : (Math.floor(0.6 * 64 / Math.log(2)) + i % 3600 + (i % 2 == 0 ? 0.5 : 0.4999999)) * Math.log(2) / 64;
            if (y < 0.6 || y > 40) continue;
            double want = StrictMath.exp(y), u = Math.abs(Tanh.expOfAtMost40(y) - want) / Math.ulp(want);
            if (u > worst) { worst = u; at = y; }
        }
        assertTrue(worst <= 2, "exp is " + worst + " ulps off at " + at);
        assertTrue(Double.isNaN(Tanh.expOfAtMost40(Double.NaN)));
    }

    @Test
    void tanhSpecialValues() {
        assertEquals(0.0, Tanh.tanh(0.0));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Tanh.tanh(-0.0)));
        assertEquals(1.0, Tanh.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Tanh.tanh(Double.NEGATIVE_INFINITY));
        assertEquals(-1.0, Tanh.tanh(-700));
        assertTrue(Double.isNaN(Tanh.tanh(Double.NaN)));
        assertEquals(Double.MIN_VALUE, Tanh.tanh(Double.MIN_VALUE));
        for (double x = -20; x <= 20; x += 0.001) assertEquals(-Tanh.tanh(x), Tanh.tanh(-x), 0.0, "odd at " + x);
    }
}

package io.tracediff.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CentralDifferenceTest {

    @Test void slopeOfSineIsCosine() {
        for (double x : new double[] {-2.5, -0.3, 0, 0.7, 3.1})
            assertEquals(Math.cos(x), CentralDifference.slope(t -> Math.sin(x + t), 1e-5), 1e-9, "x = " + x);
    }

    /** Exact for a quadratic up to rounding: the h² term cancels, so the error is independent of h. */
    @Test void slopeOfAQuadraticIsExactWhateverTheStep() {
        for (double h : new double[] {1e-1, 1e-3, 1e-5})
            assertEquals(2 * 3.0 + 5, CentralDifference.slope(t -> (3 + t) * (3 + t) + 5 * (3 + t), h), 1e-8, "h = " + h);
    }

    @Test void gEvaluatedAtPlusHFirstThenMinusH() {
        List<Double> seen = new ArrayList<>();
        CentralDifference.slope(t -> { seen.add(t); return t; }, 0.25);
        assertEquals(List.of(0.25, -0.25), seen);
    }

    @Test void relativeStepGrowsWithLargeEntriesOnly() {
        assertEquals(1e-6, CentralDifference.step(1e-6, 0.3));
        assertEquals(1e-6, CentralDifference.step(1e-6, -1));
        assertEquals(4e-6, CentralDifference.step(1e-6, -4), 1e-20);
    }

    @Test void derivativeOfExpAtLargeXUsesTheRelativeStep() {
        assertEquals(Math.exp(12), CentralDifference.derivative(Math::exp, 12, 1e-6), 1e-6 * Math.exp(12));
        assertEquals(1 / 250.0, CentralDifference.derivative(Math::log, 250, 1e-6), 1e-10);
    }

    @Test void mixedSlopeOfAProductOfPowers() {
        // ∂²(x² y³)/∂x∂y = 6 x y² at (1.5, 2.5)
        double x = 1.5, y = 2.5;
        assertEquals(6 * x * y * y, CentralDifference.mixedSlope((s, t) -> Math.pow(x + s, 2) * Math.pow(y + t, 3), 1e-4, 2e-4), 1e-5);
    }

    /** F(x) = A x for a 3×2 A: the Jacobian is A itself, row-major. */
    @Test void jacobianOfALinearMapIsItsMatrix() {
        double[] a = {1, -2, 3.5, 4, -5, 6.25};
        double[] x = {0.3, -0.7};
        double[] j = CentralDifference.jacobian(2, k -> CentralDifference.step(1e-6, x[k]), (k, t) -> {
            double[] moved = x.clone();
            moved[k] += t;
            return new double[] {a[0] * moved[0] + a[1] * moved[1], a[2] * moved[0] + a[3] * moved[1], a[4] * moved[0] + a[5] * moved[1]};
        });
        assertArrayEquals(a, j, 1e-8);
    }

    @Test void slopesEntryByEntry() {
        double[] s = CentralDifference.slopes(t -> new double[] {Math.exp(1 + t), Math.sin(2 + 3 * t)}, 1e-5);
        assertArrayEquals(new double[] {Math.exp(1), 3 * Math.cos(2)}, s, 1e-8);
    }
}

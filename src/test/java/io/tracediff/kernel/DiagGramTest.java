package io.tracediff.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Aᵀ diag(v) A (the Hessian of a generalised linear model) through dsyrk on diag(√v) A when every weight is ≥ 0,
 * through one general product otherwise: equal to the sum written out, at distinct sizes on both sides of the
 * native threshold, with weights ≥ 0, of both signs, NaN and infinite; and both BLAS backends' dsyrk agree with Aᵀ A.
 */
class DiagGramTest {
    private static double[] random(Random r, int len) {
        double[] a = new double[len];
        for (int i = 0; i < len; i++) a[i] = 2 * r.nextDouble() - 1;
        return a;
    }

    /** Σₚ a_pi v_p a_pj, term by term. */
    private static double[] written(double alpha, double[] a, double[] v, int k, int n) {
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) s += a[p * n + i] * v[p] * a[p * n + j];
                out[i * n + j] = alpha * s;
            }
        return out;
    }

    private static void assertClose(double[] want, double[] have, String what) {
        double scale = 1;
        for (double w : want) if (Double.isFinite(w)) scale = Math.max(scale, Math.abs(w));
        for (int i = 0; i < want.length; i++) {
            if (Double.isNaN(want[i])) { assertTrue(Double.isNaN(have[i]), what + " entry " + i + ": " + have[i] + " for NaN"); continue; }
            assertEquals(want[i], have[i], 1e-12 * scale, what + " entry " + i);
        }
    }

    @Test void gramEqualsTheSumForEveryKindOfWeight() {
        Random r = new Random(7);
        for (int[] size : new int[][] {{7, 5}, {40, 30}, {3, 9}, {2, 3}}) {
            int k = size[0], n = size[1];
            double[] a = random(r, k * n);
            double[] nonnegative = new double[k], mixed = random(r, k), nan = new double[k], infinite = new double[k];
            for (int p = 0; p < k; p++) {
                nonnegative[p] = r.nextDouble();
                nan[p] = infinite[p] = r.nextDouble();
            }
            nonnegative[0] = 0;   // a zero weight is still ≥ 0: the dsyrk path
            nan[k - 1] = Double.NaN;
            infinite[k - 1] = Double.POSITIVE_INFINITY;
            for (double[] v : new double[][] {nonnegative, mixed, nan, infinite}) {
                double[] out = new double[n * n];
                Kernels.diagGram(1.5, a, v, k, n, out);
                assertClose(written(1.5, a, v, k, n), out, k + "×" + n);
            }
            double[] out = new double[n * n];
            Kernels.diagGram(1.0, a, nonnegative, k, n, out);
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) assertEquals(out[i * n + j], out[j * n + i], "symmetric by construction");
        }
    }

    /** Non-finite entries of A on the dsyrk path (weights ≥ 0) give the entries the written sum gives, in both triangles. */
    @Test void nonFiniteEntriesOfAShowAsTheSumShowsThem() {
        Random r = new Random(13);
        for (int[] size : new int[][] {{7, 5}, {40, 30}}) {
            int k = size[0], n = size[1];
            double[] a = random(r, k * n), v = new double[k];
            for (int p = 0; p < k; p++) v[p] = r.nextDouble();
            v[1] = 0;                                  // a zero weight against an infinite entry: 0·∞ is NaN in the sum
            a[1 * n + 2] = Double.POSITIVE_INFINITY;
            a[3 * n + 1] = Double.NaN;
            double[] out = new double[n * n];
            Kernels.diagGram(1.0, a, v, k, n, out);
            assertClose(written(1.0, a, v, k, n), out, k + "×" + n + " with ∞ and NaN in A");
        }
    }

    @Test void bothBackendsComputeTheUpperTriangleOfAtA() {
        Random r = new Random(11);
        double[] ones = new double[40];
        java.util.Arrays.fill(ones, 1);
        org.junit.jupiter.api.Assumptions.assumeTrue(OpenBlas.instance() != null,
                "OpenBLAS did not load here (" + OpenBlas.loadFailure() + "): only the Java fallback could be checked");
        for (Blas blas : new Blas[] {JavaBlas.INSTANCE, OpenBlas.instance()}) {
            for (int[] size : new int[][] {{40, 30}, {5, 4}}) {
                int k = size[0], n = size[1];
                double[] a = random(r, k * n), c = random(r, n * n), before = c.clone();
                blas.dsyrkUpper(n, k, 2.0, a, 0.5, c);
                double[] want = written(2.0, a, ones, k, n);
                for (int i = 0; i < n; i++)
                    for (int j = i; j < n; j++)
                        assertEquals(want[i * n + j] + 0.5 * before[i * n + j], c[i * n + j], 1e-12 * k, blas.name() + " " + k + "×" + n + " (" + i + ", " + j + ")");
            }
        }
    }
}

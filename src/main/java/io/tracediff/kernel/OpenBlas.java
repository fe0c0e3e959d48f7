package io.tracediff.kernel;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;

/**
 * Native dgemm and LU through the JavaCPP OpenBLAS presets. Operands are staged into reusable
 * thread-local off-heap buffers: the {@code double[]} overloads let JNI copy every whole array in
 * and out of a freshly allocated buffer on each call, which measured 38 against 48 GFLOP/s at
 * n = 1024 and twice the time at n = 64. Products too small to pay for the JNI crossing go to
 * {@link JavaBlas}.
 */
final class OpenBlas implements Blas {
    /** Below this many multiply-adds (m·n·k) the Java kernel is faster than staging plus the native call. */
    static final long NATIVE_MIN_WORK = 6 * 6 * 6;

    private static final OpenBlas INSTANCE;
    private static final Throwable FAILURE;
    private static final int THREADS = threadsFromEnv();

    static {
        OpenBlas instance = null;
        Throwable failure = null;
        try {
            Loader.load(openblas.class);
            openblas.blas_set_num_threads(THREADS);
            instance = new OpenBlas();
        } catch (Throwable t) {      // any linkage or native-library error means "use Java"
            failure = t;
        }
        INSTANCE = instance;
        FAILURE = failure;
    }

    private static final ThreadLocal<Staging> STAGING = ThreadLocal.withInitial(Staging::new);

    private OpenBlas() {}

    /** The loaded backend, or null when the native library failed to load (see {@link #loadFailure()}). */
    static OpenBlas instance() { return INSTANCE; }

    static Throwable loadFailure() { return FAILURE; }

    static int threads() { return THREADS; }

    @Override public String name() { return "openblas"; }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k,
                      double alpha, double[] a, int aOff, int lda,
                      double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        Gemm.check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if ((long) m * n * k < NATIVE_MIN_WORK || alpha == 0.0) {
            JavaBlas.INSTANCE.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        Staging s = STAGING.get();
        int rowsA = transA ? k : m, colsA = transA ? m : k;
        int rowsB = transB ? n : k, colsB = transB ? k : n;
        int ldaN = s.stageIn(0, a, aOff, lda, rowsA, colsA);
        int ldbN = s.stageIn(1, b, bOff, ldb, rowsB, colsB);
        DoublePointer pa = s.buf[0], pb = s.buf[1], pc = s.get(2, (long) m * n);
        if (beta != 0.0) copyRows(c, cOff, ldc, pc, m, n, true);
        openblas.cblas_dgemm(openblas.CblasRowMajor,
                transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans,
                m, n, k, alpha, pa, ldaN, pb, ldbN, beta, pc, n);
        copyRows(c, cOff, ldc, pc, m, n, false);
    }

    @Override
    public void dsyrkUpper(int n, int k, double alpha, double[] a, double beta, double[] c) {
        Gemm.check(true, false, n, n, k, a, 0, Math.max(1, n), a, 0, Math.max(1, n), c, 0, Math.max(1, n));  // Aᵀ A's operands
        if ((long) n * n * k < NATIVE_MIN_WORK || alpha == 0.0) {
            JavaBlas.INSTANCE.dsyrkUpper(n, k, alpha, a, beta, c);
            return;
        }
        Staging s = STAGING.get();
        s.stageIn(0, a, 0, n, k, n);
        DoublePointer pa = s.buf[0], pc = s.get(2, (long) n * n);
        if (beta != 0.0) copyRows(c, 0, n, pc, n, n, true);
        openblas.cblas_dsyrk(openblas.CblasRowMajor, openblas.CblasUpper, openblas.CblasTrans, n, k, alpha, pa, n, beta, pc, n);
        copyRows(c, 0, n, pc, n, n, false);
    }

    /** Moves C between the Java array (stride ldc) and the dense staging block; gaps in C are never touched. */
    private static void copyRows(double[] c, int cOff, int ldc, DoublePointer pc, int m, int n, boolean in) {
        if (ldc == n) {
            if (in) pc.position(0).put(c, cOff, m * n);
            else pc.position(0).get(c, cOff, m * n);
            return;
        }
        for (int r = 0; r < m; r++) {
            pc.position((long) r * n);
            if (in) pc.put(c, cOff + r * ldc, n);
            else pc.get(c, cOff + r * ldc, n);
        }
        pc.position(0);
    }

    /** LAPACKE_dgetrf on a row-major n×n matrix in place; returns LAPACK's info (greater than 0: exact zero pivot). */
    static int getrf(int n, double[] a, int[] ipiv) {
        return openblas.LAPACKE_dgetrf(openblas.LAPACK_ROW_MAJOR, n, n, a, n, ipiv);
    }

    /** Solves A·X = B in place in row-major b (n×nrhs) from getrf factors. */
    static int getrs(int n, int nrhs, double[] lu, int[] ipiv, double[] b) {
        return openblas.LAPACKE_dgetrs(openblas.LAPACK_ROW_MAJOR, (byte) 'N', n, nrhs, lu, n, ipiv, b, nrhs);
    }

    /** Overwrites getrf factors with A⁻¹. */
    static int getri(int n, double[] lu, int[] ipiv) {
        return openblas.LAPACKE_dgetri(openblas.LAPACK_ROW_MAJOR, n, lu, n, ipiv);
    }

    /** TRACEDIFF_THREADS, default 1: measurements and the callers' own parallelism assume one BLAS thread. */
    private static int threadsFromEnv() {
        String v = System.getenv("TRACEDIFF_THREADS");
        if (v == null || v.isBlank()) return 1;
        try {
            return Math.max(1, Integer.parseInt(v.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** Per-thread off-heap buffers for A, B and C, grown on demand and reused. */
    private static final class Staging {
        final DoublePointer[] buf = new DoublePointer[3];

        DoublePointer get(int which, long size) {
            DoublePointer p = buf[which];
            if (p != null && p.capacity() >= size) return p;
            if (p != null) p.deallocate();
            return buf[which] = new DoublePointer(Math.max(size, 1024));
        }

        /**
         * Copies a read-only rows×cols operand into buffer {@code which} and returns its stride there:
         * the whole span in one copy when the gaps between rows are small, else row by row, densely.
         */
        int stageIn(int which, double[] src, int off, int ld, int rows, int cols) {
            long span = (long) (rows - 1) * ld + cols;
            if (ld == cols || span <= 2L * rows * cols) {
                get(which, span).position(0).put(src, off, (int) span);
                return ld;
            }
            DoublePointer dst = get(which, (long) rows * cols);
            for (int r = 0; r < rows; r++) dst.position((long) r * cols).put(src, off + r * ld, cols);
            dst.position(0);
            return cols;
        }
    }
}

package io.tracediff.kernel;

import java.nio.DoubleBuffer;
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
    /**
     * Up to this many multiply-adds OpenBLAS takes its small-matrix kernels (SkylakeX and later), whose A·Bᵀ
     * (row-major) measured 1.2–2× slower than transposing B and calling its A·B: 64³ 8.5 µs against 1.5 + 5.6
     * (bench/results/codegen.md). Beyond it the two are within a few per cent and the transpose would only add.
     */
    static final long SMALL_KERNEL_MAX_WORK = 100 * 100 * 100;

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
        if (!transA && transB && (long) m * n * k <= SMALL_KERNEL_MAX_WORK) {
            DoublePointer pbT = s.get(3, (long) k * n);      // Bᵀ, k×n dense
            openblas.LAPACKE_dge_trans(openblas.LAPACK_ROW_MAJOR, n, k, pb, ldbN, pbT, n);
            pb = pbT;
            ldbN = n;
            transB = false;
        }
        if (beta != 0.0) copyRows(c, cOff, ldc, s, m, n, true);
        openblas.cblas_dgemm(openblas.CblasRowMajor,
                transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans,
                m, n, k, alpha, pa, ldaN, pb, ldbN, beta, pc, n);
        copyRows(c, cOff, ldc, s, m, n, false);
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
        if (beta != 0.0) copyRows(c, 0, n, s, n, n, true);
        openblas.cblas_dsyrk(openblas.CblasRowMajor, openblas.CblasUpper, openblas.CblasTrans, n, k, alpha, pa, n, beta, pc, n);
        copyRows(c, 0, n, s, n, n, false);
    }

    /** Moves C between the Java array (stride ldc) and the dense staging block 2; gaps in C are never touched. */
    private static void copyRows(double[] c, int cOff, int ldc, Staging s, int m, int n, boolean in) {
        if (ldc == n) {                                   // a dense C moves in one copy
            s.copy(2, 0, c, cOff, m * n, in);
            return;
        }
        for (int r = 0; r < m; r++) s.copy(2, (long) r * n, c, cOff + r * ldc, n, in);
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

    /**
     * Per-thread off-heap buffers for A, B, C and a transposed B, grown on demand and reused. Java copies through
     * a direct DoubleBuffer view where the buffer fits one (under 2 GB): an intrinsic copy, 0.55 µs for 32 KB where
     * DoublePointer's JNI put took 0.71.
     */
    private static final class Staging {
        final DoublePointer[] buf = new DoublePointer[4];
        final DoubleBuffer[] view = new DoubleBuffer[4];

        DoublePointer get(int which, long size) {
            DoublePointer p = buf[which];
            if (p != null && p.capacity() >= size) return p;
            if (p != null) p.deallocate();
            p = buf[which] = new DoublePointer(Math.max(size, 1024));
            view[which] = p.capacity() <= Integer.MAX_VALUE / Double.BYTES ? p.asBuffer() : null;
            return p;
        }

        /** Copies len entries between java[off…] and buffer {@code which} from entry {@code at}, in or out. */
        void copy(int which, long at, double[] java, int off, int len, boolean in) {
            DoubleBuffer v = view[which];
            if (v != null) {
                v.position((int) at);
                if (in) v.put(java, off, len);
                else v.get(java, off, len);
                return;
            }
            DoublePointer p = buf[which].position(at);
            if (in) p.put(java, off, len);
            else p.get(java, off, len);
            p.position(0);
        }

        /**
         * Copies a read-only rows×cols operand into buffer {@code which} and returns its stride there:
         * the whole span in one copy when the gaps between rows are small, else row by row, densely.
         */
        int stageIn(int which, double[] src, int off, int ld, int rows, int cols) {
            long span = (long) (rows - 1) * ld + cols;
            if (ld == cols || span <= 2L * rows * cols) {
                get(which, span);
                copy(which, 0, src, off, (int) span, true);
                return ld;
            }
            get(which, (long) rows * cols);
            for (int r = 0; r < rows; r++) copy(which, (long) r * cols, src, off + r * ld, cols, true);
            return cols;
        }
    }
}

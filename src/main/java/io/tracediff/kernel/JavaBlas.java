package io.tracediff.kernel;

import java.util.Arrays;

/**
 * Pure-Java dgemm, the fallback when OpenBLAS cannot load (about 8 GFLOP/s on one core here).
 * Cache-blocked i-k-j loops: the micro-kernel updates two rows of C from four rows of op(B) at
 * a time so the innermost j loop is contiguous and the JIT vectorises it. Transposed operands are
 * packed block by block into a thread-local buffer instead of being read with a stride; an
 * untransposed operand is read in place, so small products cost no packing at all.
 * C must not overlap A or B (as in BLAS).
 */
final class JavaBlas implements Blas {
    static final JavaBlas INSTANCE = new JavaBlas();

    /** Block sizes, measured on n = 256 and 1024: the op(B) block (KC×NC) stays in L2. */
    static final int MC = 64, KC = 256, NC = 512;
    /** Up to this many rows, A·Bᵀ is done as dot products of contiguous rows rather than by packing Bᵀ. */
    private static final int DOT_ROWS = 8;

    private static final ThreadLocal<double[][]> SCRATCH =
            ThreadLocal.withInitial(() -> new double[][] {new double[0], new double[0]});

    private JavaBlas() {}

    @Override public String name() { return "java"; }

    /** The whole product through dgemm: the Java fallback gains nothing from a triangle-only loop of its own. */
    @Override public void dsyrkUpper(int n, int k, double alpha, double[] a, double beta, double[] c) {
        dgemm(true, false, n, n, k, alpha, a, 0, Math.max(1, n), a, 0, Math.max(1, n), beta, c, 0, Math.max(1, n));
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k,
                      double alpha, double[] a, int aOff, int lda,
                      double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        Gemm.check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        scale(m, n, beta, c, cOff, ldc);
        if (m == 0 || n == 0 || k == 0 || alpha == 0.0) return;
        if (transB && !transA && m <= DOT_ROWS) {
            dots(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            return;
        }
        double[][] scratch = transA || transB ? SCRATCH.get() : null;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                double[] bp = b;
                int bpOff = bOff + pc * ldb + jc, ldbp = ldb;
                if (transB) {
                    bp = buffer(scratch, 1, kc * nc);
                    packTransposed(b, bOff + jc * ldb + pc, ldb, kc, nc, bp);
                    bpOff = 0;
                    ldbp = nc;
                }
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    double[] ap = a;
                    int apOff = aOff + ic * lda + pc, ldap = lda;
                    if (transA) {
                        ap = buffer(scratch, 0, mc * kc);
                        packTransposed(a, aOff + pc * lda + ic, lda, mc, kc, ap);
                        apOff = 0;
                        ldap = kc;
                    }
                    kernel(mc, nc, kc, alpha, ap, apOff, ldap, bp, bpOff, ldbp, c, cOff + ic * ldc + jc, ldc);
                }
            }
        }
    }

    /** C ← beta·C; beta = 0 overwrites so NaN/Inf already in C do not leak through (BLAS semantics). */
    private static void scale(int m, int n, double beta, double[] c, int cOff, int ldc) {
        if (beta == 1.0) return;
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (beta == 0.0) Arrays.fill(c, ci, ci + n, 0.0);
            else for (int j = 0; j < n; j++) c[ci + j] *= beta;
        }
    }

    /** C (m×n) += alpha · A (m×k) · B (k×n), all row-major with their own strides. */
    private static void kernel(int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                               double[] b, int bOff, int ldb, double[] c, int cOff, int ldc) {
        int i = 0;
        for (; i + 1 < m; i += 2) {
            int c0 = cOff + i * ldc, c1 = c0 + ldc, a0 = aOff + i * lda, a1 = a0 + lda;
            int p = 0;
            for (; p + 3 < k; p += 4) {
                double x0 = alpha * a[a0 + p], x1 = alpha * a[a0 + p + 1];
                double x2 = alpha * a[a0 + p + 2], x3 = alpha * a[a0 + p + 3];
                double y0 = alpha * a[a1 + p], y1 = alpha * a[a1 + p + 1];
                double y2 = alpha * a[a1 + p + 2], y3 = alpha * a[a1 + p + 3];
                int b0 = bOff + p * ldb, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
                for (int j = 0; j < n; j++) {
                    double v0 = b[b0 + j], v1 = b[b1 + j], v2 = b[b2 + j], v3 = b[b3 + j];
                    c[c0 + j] += x0 * v0 + x1 * v1 + x2 * v2 + x3 * v3;
                    c[c1 + j] += y0 * v0 + y1 * v1 + y2 * v2 + y3 * v3;
                }
            }
            for (; p < k; p++) {
                double x = alpha * a[a0 + p], y = alpha * a[a1 + p];
                int bp = bOff + p * ldb;
                for (int j = 0; j < n; j++) {
                    double v = b[bp + j];
                    c[c0 + j] += x * v;
                    c[c1 + j] += y * v;
                }
            }
        }
        if (i < m) {
            int c0 = cOff + i * ldc, a0 = aOff + i * lda;
            int p = 0;
            for (; p + 3 < k; p += 4) {
                double x0 = alpha * a[a0 + p], x1 = alpha * a[a0 + p + 1];
                double x2 = alpha * a[a0 + p + 2], x3 = alpha * a[a0 + p + 3];
                int b0 = bOff + p * ldb, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
                for (int j = 0; j < n; j++) c[c0 + j] += x0 * b[b0 + j] + x1 * b[b1 + j] + x2 * b[b2 + j] + x3 * b[b3 + j];
            }
            for (; p < k; p++) {
                double x = alpha * a[a0 + p];
                int bp = bOff + p * ldb;
                for (int j = 0; j < n; j++) c[c0 + j] += x * b[bp + j];
            }
        }
    }

    /** C (m×n) += alpha · A (m×k) · Bᵀ with B stored n×k: each entry is a dot product of two contiguous rows. */
    private static void dots(int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                             double[] b, int bOff, int ldb, double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * lda, ci = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * ldb;
                double s = 0;
                for (int p = 0; p < k; p++) s += a[ai + p] * b[bj + p];
                c[ci + j] += alpha * s;
            }
        }
    }

    /** dst (rows×cols, dense row-major) = transpose of the cols×rows block of src at off with stride ld. */
    private static void packTransposed(double[] src, int off, int ld, int rows, int cols, double[] dst) {
        for (int j = 0; j < cols; j++) {
            int s = off + j * ld;
            for (int i = 0; i < rows; i++) dst[i * cols + j] = src[s + i];
        }
    }

    private static double[] buffer(double[][] scratch, int which, int size) {
        if (scratch[which].length < size) scratch[which] = new double[size];
        return scratch[which];
    }
}

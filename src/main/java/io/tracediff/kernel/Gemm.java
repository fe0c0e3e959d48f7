package io.tracediff.kernel;

/** Argument checks shared by the dgemm backends: a bad stride must fail in Java, never crash native code. */
final class Gemm {
    private Gemm() {}

    static void check(boolean transA, boolean transB, int m, int n, int k,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) throw new IllegalArgumentException("negative dimension m=" + m + " n=" + n + " k=" + k);
        operand("A", a, aOff, lda, transA ? k : m, transA ? m : k);
        operand("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
        operand("C", c, cOff, ldc, m, n);
    }

    /** The stored matrix is rows×cols with row stride ld starting at off. */
    private static void operand(String name, double[] x, int off, int ld, int rows, int cols) {
        if (ld < Math.max(1, cols))
            throw new IllegalArgumentException("ld" + name.toLowerCase() + "=" + ld + " < " + cols + " columns of " + name);
        if (rows == 0 || cols == 0) return;
        long end = off + (long) (rows - 1) * ld + cols;
        if (off < 0 || end > x.length)
            throw new IndexOutOfBoundsException(name + " (" + rows + "×" + cols + ", offset " + off + ", ld " + ld
                    + ") needs " + end + " elements but the array has " + x.length);
    }
}

package io.tracediff.kernel;

/** Pure-Java dgemm: the fallback when OpenBLAS cannot load. */
final class JavaBlas implements Blas {
    static final JavaBlas INSTANCE = new JavaBlas();

    private JavaBlas() {}

    @Override public String name() { return "java"; }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k,
                      double alpha, double[] a, int aOff, int lda,
                      double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (beta == 0.0) java.util.Arrays.fill(c, ci, ci + n, 0.0);
            else if (beta != 1.0) for (int j = 0; j < n; j++) c[ci + j] *= beta;
            for (int p = 0; p < k; p++) {
                double aip = alpha * (transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]);
                if (aip == 0.0) continue;
                if (!transB) {
                    int bp = bOff + p * ldb;
                    for (int j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
                } else {
                    for (int j = 0; j < n; j++) c[ci + j] += aip * b[bOff + j * ldb + p];
                }
            }
        }
    }
}

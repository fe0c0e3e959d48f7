package io.tracediff.kernel;

/**
 * The one matrix-product kernel every part of tracediff calls (symbolic evaluator, compiled
 * gradients, autograd). Row-major storage; transposes are flags, never materialised copies.
 */
public interface Blas {

    /** Short name for reports: "openblas" or "java". */
    String name();

    /**
     * C = alpha · op(A) · op(B) + beta · C, row-major, where op(A) is m×k and op(B) is k×n.
     * lda/ldb/ldc are the row strides of the arrays as stored (before op).
     */
    void dgemm(boolean transA, boolean transB, int m, int n, int k,
               double alpha, double[] a, int aOffset, int lda,
               double[] b, int bOffset, int ldb,
               double beta, double[] c, int cOffset, int ldc);

    /**
     * The upper triangle of C (n×n, dense row-major) = alpha · Aᵀ · A + beta · C for A k×n (dense row-major): BLAS
     * dsyrk, half the flops of the general product. The strict lower triangle of C is unspecified afterwards.
     */
    void dsyrkUpper(int n, int k, double alpha, double[] a, double beta, double[] c);
}

package io.tracediff.kernel;

import java.util.Arrays;

/**
 * Dense square-matrix algebra over row-major arrays: LU with partial pivoting and what follows from it.
 * Small matrices use the Java LU; from {@link #LAPACK_MIN_N} on, LAPACK (getrf/getrs/getri) when the
 * native backend is in use. Both paths call a matrix singular at the same pivot tolerance: a pivot at the rounding level
 * of the products that made it ({@link #checkPivots}).
 */
public final class LinAlg {
    /** From this order on LAPACK beats the Java LU even with the JNI copies (measured crossover: n ≈ 24–32). */
    static final int LAPACK_MIN_N = 32;

    private LinAlg() {}

    /** LU factors of a row-major n×n matrix: P·A = L·U, L unit-lower and U upper packed in {@code lu}. */
    public record Lu(int n, double[] lu, int[] pivots, int sign) {
        public double det() {
            double d = sign;
            for (int i = 0; i < n; i++) d *= lu[i * n + i];
            return d;
        }

        /** log|det A|; the sign is {@link #detSign()}. */
        public double logAbsDet() {
            double s = 0;
            for (int i = 0; i < n; i++) s += Math.log(Math.abs(lu[i * n + i]));
            return s;
        }

        public int detSign() {
            int s = sign;
            for (int i = 0; i < n; i++) if (lu[i * n + i] < 0) s = -s;
            return s;
        }

        /** X with A·X = B for row-major B of n×nrhs. */
        public double[] solve(double[] b, int nrhs) {
            if (nrhs < 0 || b.length < (long) n * nrhs)
                throw new IllegalArgumentException("right-hand side needs " + n + "×" + nrhs + " values, has " + b.length);
            if (nrhs == 0) return new double[0];
            if (useLapack(n)) {
                double[] x = Arrays.copyOf(b, n * nrhs);
                lapackCheck("dgetrs", OpenBlas.getrs(n, nrhs, lu, interchanges(pivots), x));
                return x;
            }
            return solveJava(b, nrhs);
        }

        public double[] inverse() {
            if (useLapack(n)) {
                double[] inv = lu.clone();
                lapackCheck("dgetri", OpenBlas.getri(n, inv, interchanges(pivots)));
                return inv;
            }
            double[] id = new double[n * n];
            for (int i = 0; i < n; i++) id[i * n + i] = 1;
            return solveJava(id, n);
        }

        /** Forward then backward substitution in Java. */
        double[] solveJava(double[] b, int nrhs) {
            double[] x = new double[n * nrhs];
            for (int i = 0; i < n; i++) System.arraycopy(b, pivots[i] * nrhs, x, i * nrhs, nrhs);
            for (int i = 0; i < n; i++)            // forward: L y = P b
                for (int k = 0; k < i; k++) {
                    double l = lu[i * n + k];
                    if (l != 0) for (int j = 0; j < nrhs; j++) x[i * nrhs + j] -= l * x[k * nrhs + j];
                }
            for (int i = n - 1; i >= 0; i--) {     // backward: U x = y
                for (int k = i + 1; k < n; k++) {
                    double u = lu[i * n + k];
                    if (u != 0) for (int j = 0; j < nrhs; j++) x[i * nrhs + j] -= u * x[k * nrhs + j];
                }
                double d = lu[i * n + i];
                for (int j = 0; j < nrhs; j++) x[i * nrhs + j] /= d;
            }
            return x;
        }
    }

    /** Factorises a copy of {@code a}; throws {@link SingularMatrixException} when a pivot vanishes. */
    public static Lu lu(int n, double[] a) {
        checkSquare(n, a);
        return useLapack(n) ? luLapack(n, a) : luJava(n, a);
    }

    /** X with A·X = B (B row-major n×nrhs); throws {@link SingularMatrixException} for singular A. */
    public static double[] solve(int n, double[] a, double[] b, int nrhs) { return lu(n, a).solve(b, nrhs); }

    /** A⁻¹; throws {@link SingularMatrixException} for singular A. */
    public static double[] inverse(int n, double[] a) { return lu(n, a).inverse(); }

    /** det A, and 0 for a (numerically) singular matrix: a pivot at rounding level is 0 as far as the data can tell. */
    public static double det(int n, double[] a) {
        try {
            return lu(n, a).det();
        } catch (SingularMatrixException e) {
            return 0.0;
        }
    }

    static boolean useLapack(int n) { return n >= LAPACK_MIN_N && Kernels.nativeInUse(); }

    static Lu luJava(int n, double[] a) {
        double[] lu = Arrays.copyOf(a, n * n);
        int[] piv = new int[n];
        for (int i = 0; i < n; i++) piv[i] = i;
        int sign = 1;
        for (int k = 0; k < n; k++) {
            int p = k;
            double best = Math.abs(lu[k * n + k]);
            for (int i = k + 1; i < n; i++) {
                double v = Math.abs(lu[i * n + k]);
                if (v > best) { best = v; p = i; }
            }
            if (best == 0) throw singular(n, k, 0, 0);
            if (p != k) {
                for (int j = 0; j < n; j++) {
                    double t = lu[k * n + j]; lu[k * n + j] = lu[p * n + j]; lu[p * n + j] = t;
                }
                int t = piv[k]; piv[k] = piv[p]; piv[p] = t;
                sign = -sign;
            }
            double d = lu[k * n + k];
            for (int i = k + 1; i < n; i++) {
                double l = lu[i * n + k] / d;
                lu[i * n + k] = l;
                if (l != 0) for (int j = k + 1; j < n; j++) lu[i * n + j] -= l * lu[k * n + j];
            }
        }
        checkPivots(n, lu);
        return new Lu(n, lu, piv, sign);
    }

    /** LAPACK dgetrf; its row interchanges are turned into the permutation the {@link Lu} record carries. */
    static Lu luLapack(int n, double[] a) {
        double[] lu = Arrays.copyOf(a, n * n);
        int[] ipiv = new int[n];
        int info = OpenBlas.getrf(n, lu, ipiv);
        if (info < 0) lapackCheck("dgetrf", info);
        for (int k = 0; k < n; k++) if (lu[k * n + k] == 0) throw singular(n, k, 0, 0);
        checkPivots(n, lu);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        int sign = 1;
        for (int i = 0; i < n; i++) {
            int j = ipiv[i] - 1;
            if (j != i) {
                int t = perm[i]; perm[i] = perm[j]; perm[j] = t;
                sign = -sign;
            }
        }
        return new Lu(n, lu, perm, sign);
    }

    /** LAPACK's 1-based sequential row interchanges that rearrange the identity into {@code perm}. */
    static int[] interchanges(int[] perm) {
        int n = perm.length;
        int[] cur = new int[n], pos = new int[n], ipiv = new int[n];
        for (int i = 0; i < n; i++) cur[i] = pos[i] = i;
        for (int i = 0; i < n; i++) {
            int j = pos[perm[i]];           // j ≥ i: rows before i are already in place
            ipiv[i] = j + 1;
            int t = cur[i]; cur[i] = cur[j]; cur[j] = t;
            pos[cur[i]] = i;
            pos[cur[j]] = j;
        }
        return ipiv;
    }

    /**
     * Throws when a pivot is rounding noise: |uₖₖ| ≤ 4.5 n ε (|L| |U|)ₖₖ, the componentwise bound on LU's backward error
     * (Higham, Accuracy and Stability, Thm 9.3). An exactly singular matrix leaves such a pivot; an ill-conditioned one
     * need not (diag(10⁸, 10⁻⁸) has det 1, and no rounding at all), where a threshold on max|aᵢⱼ| called it singular.
     */
    private static void checkPivots(int n, double[] lu) {
        for (int k = 0; k < n; k++) {
            double made = 0;   // (|L| |U|)ₖₖ: the sizes of the terms whose sum is uₖₖ
            for (int i = 0; i < k; i++) made += Math.abs(lu[k * n + i]) * Math.abs(lu[i * n + k]);
            double pivot = Math.abs(lu[k * n + k]), tiny = (made + pivot) * n * 1e-15;
            if (pivot <= tiny) throw singular(n, k, lu[k * n + k], tiny);
        }
    }

    private static SingularMatrixException singular(int n, int k, double pivot, double tiny) {
        return new SingularMatrixException("matrix " + n + "×" + n + " is singular: pivot " + k + " is " + pivot
                + (pivot == 0 ? "" : " (rounding level " + tiny + ")"), pivot == 0);
    }

    private static void checkSquare(int n, double[] a) {
        if (n < 0 || a.length < (long) n * n)
            throw new IllegalArgumentException("need an " + n + "×" + n + " matrix, array has " + a.length + " values");
    }

    private static void lapackCheck(String routine, int info) {
        if (info < 0) throw new IllegalArgumentException("LAPACKE_" + routine + ": argument " + (-info) + " is invalid");
        if (info > 0) throw new SingularMatrixException("LAPACKE_" + routine + ": U(" + info + "," + info + ") is exactly zero");
    }
}

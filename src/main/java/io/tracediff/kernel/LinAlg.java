package io.tracediff.kernel;

/** Dense square-matrix algebra over row-major arrays: LU with partial pivoting and what follows from it. */
public final class LinAlg {
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

        public double[] inverse() {
            double[] id = new double[n * n];
            for (int i = 0; i < n; i++) id[i * n + i] = 1;
            return solve(id, n);
        }
    }

    /** Factorises a copy of {@code a}; throws {@link SingularMatrixException} when a pivot vanishes. */
    public static Lu lu(int n, double[] a) {
        double[] lu = a.clone();
        int[] piv = new int[n];
        for (int i = 0; i < n; i++) piv[i] = i;
        int sign = 1;
        double scale = 0;
        for (double v : a) scale = Math.max(scale, Math.abs(v));
        double tiny = scale * n * 1e-15;
        for (int k = 0; k < n; k++) {
            int p = k;
            double best = Math.abs(lu[k * n + k]);
            for (int i = k + 1; i < n; i++) {
                double v = Math.abs(lu[i * n + k]);
                if (v > best) { best = v; p = i; }
            }
            if (best <= tiny || best == 0) throw new SingularMatrixException("matrix is singular (pivot " + k + " is " + best + ")");
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
        return new Lu(n, lu, piv, sign);
    }
}

package io.tracediff.kernel;

/**
 * Fused elementwise loops over whole arrays, writing into a caller-supplied output so buffers can be
 * reused; {@code out} may be one of the inputs. Lengths must match.
 */
public final class Elementwise {
    private Elementwise() {}

    /** out = alpha·x + y. */
    public static double[] axpy(double alpha, double[] x, double[] y, double[] out) {
        int n = same(x, y, out);
        for (int i = 0; i < n; i++) out[i] = alpha * x[i] + y[i];
        return out;
    }

    /** out = alpha·x. */
    public static double[] scale(double alpha, double[] x, double[] out) {
        int n = same(x, x, out);
        for (int i = 0; i < n; i++) out[i] = alpha * x[i];
        return out;
    }

    /** out = x + y. */
    public static double[] add(double[] x, double[] y, double[] out) {
        int n = same(x, y, out);
        for (int i = 0; i < n; i++) out[i] = x[i] + y[i];
        return out;
    }

    /** out = x − y. */
    public static double[] subtract(double[] x, double[] y, double[] out) {
        int n = same(x, y, out);
        for (int i = 0; i < n; i++) out[i] = x[i] - y[i];
        return out;
    }

    /** out = x ∘ y (Hadamard product). */
    public static double[] hadamard(double[] x, double[] y, double[] out) {
        int n = same(x, y, out);
        for (int i = 0; i < n; i++) out[i] = x[i] * y[i];
        return out;
    }

    /** out = out + alpha·(x ∘ y): the accumulate step of an elementwise chain rule. */
    public static double[] addHadamard(double alpha, double[] x, double[] y, double[] out) {
        int n = same(x, y, out);
        for (int i = 0; i < n; i++) out[i] += alpha * x[i] * y[i];
        return out;
    }

    /** Σ x∘y, i.e. tr(XᵀY) for matrices stored alike. */
    public static double dot(double[] x, double[] y) {
        int n = same(x, y, x);
        double s = 0;
        for (int i = 0; i < n; i++) s += x[i] * y[i];
        return s;
    }

    private static int same(double[] x, double[] y, double[] out) {
        if (x.length != y.length || x.length != out.length)
            throw new IllegalArgumentException("length mismatch: " + x.length + ", " + y.length + ", " + out.length);
        return x.length;
    }
}

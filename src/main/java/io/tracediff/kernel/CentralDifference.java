package io.tracediff.kernel;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleFunction;
import java.util.function.DoubleUnaryOperator;

/**
 * Central differences, the one numerical derivative every check compares against: the slope of g at 0 is
 * (g(h) − g(−h)) / 2h, where g moves a point by t along a direction (one entry, or all variables at once).
 * It lives in the kernel because autograd (PyTorch's gradcheck twin) may import nothing else.
 */
public final class CentralDifference {
    private CentralDifference() {}

    /** The step for an entry of value x: {@code relative}, scaled up for |x| > 1 so the step stays above rounding. */
    public static double step(double relative, double x) { return relative * Math.max(1, Math.abs(x)); }

    /** (g(h) − g(−h)) / 2h, g(h) evaluated first. */
    public static double slope(DoubleUnaryOperator g, double h) {
        double up = g.applyAsDouble(h), down = g.applyAsDouble(-h);
        return (up - down) / (2 * h);
    }

    /** Entry by entry (g(h) − g(−h)) / 2h for a vector-valued g; g(h) is evaluated first and must return its own array. */
    public static double[] slopes(DoubleFunction<double[]> g, double h) {
        double[] up = g.apply(h), down = g.apply(-h);
        if (up.length != down.length) throw new IllegalArgumentException("g gives " + up.length + " values at +h but " + down.length + " at -h");
        double[] out = new double[up.length];
        for (int k = 0; k < out.length; k++) out[k] = (up[k] - down[k]) / (2 * h);
        return out;
    }

    /** f′(x) with a relative step: (f(x + h) − f(x − h)) / 2h for h = {@link #step}(relative, x). */
    public static double derivative(DoubleUnaryOperator f, double x, double relative) {
        return slope(t -> f.applyAsDouble(x + t), step(relative, x));
    }

    /**
     * The mixed second difference ∂²g/∂s∂t at (0, 0): (g(hs, ht) − g(hs, −ht) − g(−hs, ht) + g(−hs, −ht)) / 4 hs ht,
     * the central difference in s of the central difference in t.
     */
    public static double mixedSlope(DoubleBinaryOperator g, double hs, double ht) {
        double pp = g.applyAsDouble(hs, ht), pm = g.applyAsDouble(hs, -ht);
        double mp = g.applyAsDouble(-hs, ht), mm = g.applyAsDouble(-hs, -ht);
        return (pp - pm - mp + mm) / (4 * hs * ht);
    }

    /** The values of F with entry {@code entry} of its input moved by {@code offset}. */
    @FunctionalInterface
    public interface Moved {
        double[] at(int entry, double offset);
    }

    /** A step for each input entry. */
    @FunctionalInterface
    public interface Steps {
        double of(int entry);
    }

    /**
     * ∂F/∂x for F with {@code n} input entries, one central difference per entry: an m×n row-major array
     * (row k is output k), m taken from F's first values.
     */
    public static double[] jacobian(int n, Steps steps, Moved f) {
        double[] out = null;
        for (int j = 0; j < n; j++) {
            int entry = j;
            double[] column = slopes(t -> f.at(entry, t), steps.of(j));
            if (out == null) out = new double[column.length * n];
            for (int k = 0; k < column.length; k++) out[k * n + j] = column[k];
        }
        return out == null ? new double[0] : out;
    }
}

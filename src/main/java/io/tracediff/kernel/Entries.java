package io.tracediff.kernel;

import io.tracediff.limits.Limit;
import io.tracediff.limits.LimitExceeded;

/**
 * Sizes of dense arrays, computed in long arithmetic and checked against {@link Limit#MATRIX_ENTRIES}
 * before anything is allocated: a product of dimensions never wraps around to a small or negative int.
 */
public final class Entries {
    private Entries() {}

    /** rows·cols as an int, or a LimitExceeded naming the shape and its size in bytes. */
    public static int of(long rows, long cols) {
        return of(rows, cols, null);
    }

    /** The same, naming what would be built ({@code "ones(n, n)"}) in the message. */
    public static int of(long rows, long cols, String what) {
        if (rows < 0 || cols < 0) throw new IllegalArgumentException("negative size " + rows + "×" + cols);
        long n = product(rows, cols);
        if (n > Limit.MATRIX_ENTRIES.value())
            throw Limit.MATRIX_ENTRIES.exceeded((what == null ? "a " : what + " would be a ") + rows + "×" + cols + " matrix: "
                    + (n == Long.MAX_VALUE ? "more than 2^63" : Long.toString(n)) + " entries, " + bytes(n));
        return (int) n;
    }

    /** One dimension a·b (a Kronecker product's rows, a vec length): never wrapped, never more than a vector may hold. */
    public static int dimension(long a, long b) {
        long n = product(a, b);
        if (n > Limit.MATRIX_ENTRIES.value())
            throw Limit.MATRIX_ENTRIES.exceeded("a dimension " + a + "·" + b + " = " + (n == Long.MAX_VALUE ? "more than 2^63" : Long.toString(n)));
        return (int) n;
    }

    /** The number of entries of an array of this shape (any rank). */
    public static int ofShape(int... shape) {
        long n = 1;
        for (int s : shape) {
            if (s < 0) throw new IllegalArgumentException("negative dimension " + s);
            n = product(n, s);
        }
        if (n > Limit.MATRIX_ENTRIES.value())
            throw Limit.MATRIX_ENTRIES.exceeded("an array of shape " + java.util.Arrays.toString(shape) + " would have " + n + " entries, " + bytes(n));
        return (int) n;
    }

    /** a·b, saturating at Long.MAX_VALUE instead of wrapping (a, b ≥ 0). */
    public static long product(long a, long b) {
        long hi = Math.multiplyHigh(a, b), lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }

    /** "32 GiB" for 2^32 doubles. */
    public static String bytes(long entries) {
        if (entries > Long.MAX_VALUE / 8) return "more than 64 EiB";
        long b = entries * 8;
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int u = 0;
        double v = b;
        while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
        return (u == 0 ? Long.toString(b) : v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v)) + " " + units[u];
    }
}

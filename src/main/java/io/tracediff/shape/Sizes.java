package io.tracediff.shape;


/** Concrete sizes of symbolic dimensions, known once values are given. */
@FunctionalInterface
public interface Sizes {
    int size(Dim d);

    /** The size of a vec dimension a·b: no int wrap-around, and never more than a matrix may hold. */
    static int product(int a, int b, Dim what) {
        long n = io.tracediff.kernel.Entries.product(a, b);
        io.tracediff.limits.Limit.MATRIX_ENTRIES.check(n, "dimension " + what + " = " + a + "·" + b + " = " + n);
        return (int) n;
    }

    Sizes FIXED_ONLY = d -> {
        if (d instanceof Dim.Fixed f) return f.size();
        if (d instanceof Dim.Product p) return product(Sizes.FIXED_ONLY.size(p.left()), Sizes.FIXED_ONLY.size(p.right()), p);
        throw new IllegalStateException("size of dimension " + d + " is unknown");
    };
}

package io.tracediff.eval;

import io.tracediff.shape.Dim;
import java.util.function.ToIntFunction;

/** Concrete sizes of symbolic dimensions, known once values are given. */
@FunctionalInterface
public interface Sizes {
    int size(Dim d);

    /** The size of a vec dimension a·b: no int wrap-around, and never more than a matrix may hold. */
    static int product(int a, int b, Dim what) {
        long n = io.tracediff.limits.Entries.product(a, b);
        io.tracediff.limits.Limit.MATRIX_ENTRIES.check(n, "dimension " + what + " = " + a + "·" + b + " = " + n);
        return (int) n;
    }

    /**
     * The one way a dimension becomes a size: a fixed size as written, a product a·b as the (checked) product of
     * its factors' sizes, a named dimension as {@code named} gives it (looking it up, drawing it, or refusing).
     */
    static int resolve(Dim d, ToIntFunction<Dim.Sym> named) {
        if (d instanceof Dim.Fixed f) return f.size();
        if (d instanceof Dim.Product p) return product(resolve(p.left(), named), resolve(p.right(), named), p);
        return named.applyAsInt((Dim.Sym) d);
    }

    /** Sizes whose named dimensions {@code named} gives. */
    static Sizes of(ToIntFunction<Dim.Sym> named) { return d -> resolve(d, named); }

    /** Sizes of dimensions written as numbers (and their products) only. */
    Sizes FIXED_ONLY = of(s -> { throw new IllegalStateException("size of dimension " + s + " is unknown"); });
}

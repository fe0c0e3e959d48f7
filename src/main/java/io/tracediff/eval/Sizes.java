package io.tracediff.eval;

import io.tracediff.shape.Dim;

/** Concrete sizes of symbolic dimensions, known once values are given. */
@FunctionalInterface
public interface Sizes {
    int size(Dim d);

    Sizes FIXED_ONLY = d -> {
        if (d instanceof Dim.Fixed f) return f.size();
        if (d instanceof Dim.Product p) return Sizes.FIXED_ONLY.size(p.left()) * Sizes.FIXED_ONLY.size(p.right());
        throw new IllegalStateException("size of dimension " + d + " is unknown");
    };
}

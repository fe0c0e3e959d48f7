package io.tracediff.ops;

import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;

/** The shape rule of elementwise binary operators: equal shapes, or one side a scalar. */
final class Broadcast {
    private Broadcast() {}

    static Shape shape(ShapeArgs a) {
        if (a.isScalar(0)) return a.shape(1);
        if (a.isScalar(1)) return a.shape(0);
        a.sameShape(0, 1);
        return a.shape(0);
    }
}

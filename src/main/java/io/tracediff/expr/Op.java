package io.tracediff.expr;

import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;

/**
 * An operator's identity: the name it is written with, its arity and its shape rule. What each backend does
 * with it (notation, numeric kernel, generated code, autograd, exact entries) is that backend's facet, reached
 * through the backend's {@link Facets} registry; the operator classes in {@code ops} implement them side by side.
 * Differential and trace rules for it live in {@code rules/} and refer to it by {@link #key()}.
 */
public interface Op {

    /** The name in the input language and in rule files: "+", "*", "'", "exp", "tr", … */
    String key();

    /** Number of operands, or -1 when it varies. */
    int arity();

    /** Result shape from operand shapes; throws a {@link io.tracediff.shape.ShapeException} naming the operands. */
    Shape shape(ShapeArgs args);

    /** Whether op(a, b) = op(b, a): rule patterns then match either order of the operands. */
    default boolean commutative() { return false; }
}

package io.tracediff.shape;

/** Operands whose shapes do not fit their operator; the message names both (A*x: A is n×m but x is k×1). */
public final class ShapeException extends RuntimeException {
    public ShapeException(String message) { super(message); }
}

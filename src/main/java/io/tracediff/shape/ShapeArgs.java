package io.tracediff.shape;

import java.util.List;

/**
 * What an operator's shape rule sees: its operands' shapes and printable labels, and a way to
 * demand two dimensions be equal. While inferring, {@link #equal} unifies symbolic dimensions;
 * when a node is built it only checks.
 */
public interface ShapeArgs {

    int size();

    Shape shape(int i);

    /** The operand as the user wrote it, for messages. */
    String label(int i);

    /** The whole application as written, e.g. {@code A*x}. */
    String text();

    /** Requires {@code a = b}; returns false when they cannot be equal (the caller then reports). */
    boolean equal(Dim a, Dim b);

    /** The current representative of a dimension (after any unification so far). */
    Dim resolve(Dim d);

    default List<Shape> shapes() {
        List<Shape> out = new java.util.ArrayList<>(size());
        for (int i = 0; i < size(); i++) out.add(shape(i));
        return java.util.Collections.unmodifiableList(out);
    }

    default boolean isScalar(int i) {
        Shape s = shape(i);
        return resolve(s.rows()).isOne() && resolve(s.cols()).isOne();
    }

    default String describe(int i) {
        Shape s = shape(i);
        return label(i) + " is " + resolve(s.rows()) + "×" + resolve(s.cols());
    }

    default ShapeException mismatch(String why) {
        return new ShapeException(text() + ": " + why);
    }

    /** Both operands must have equal shapes (elementwise ops). */
    default void sameShape(int i, int j) {
        Shape a = shape(i), b = shape(j);
        if (!equal(a.rows(), b.rows()) || !equal(a.cols(), b.cols()))
            throw mismatch(describe(i) + " but " + describe(j));
    }

    default void square(int i, String opName) {
        Shape a = shape(i);
        if (!equal(a.rows(), a.cols()))
            throw mismatch(opName + " needs a square matrix, but " + describe(i));
    }
}

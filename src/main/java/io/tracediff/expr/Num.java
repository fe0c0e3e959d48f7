package io.tracediff.expr;

import io.tracediff.shape.Shape;
import java.util.List;

/** A numeric constant: always a scalar (broadcast where used with a matrix). */
public record Num(double value) implements Expr {

    public static final Num ZERO = new Num(0), ONE = new Num(1), TWO = new Num(2), MINUS_ONE = new Num(-1);

    public Num {
        if (!Double.isFinite(value)) throw new IllegalArgumentException("constant must be finite: " + value);
        if (value == 0) value = 0.0; // no -0.0: equal constants must be equal records
    }

    @Override public Shape shape() { return Shape.SCALAR; }

    @Override public List<Expr> args() { return List.of(); }

    // Written out: a record's generated equals/hashCode bootstrap method handles on first use (start-up).
    @Override public boolean equals(Object o) { return o instanceof Num n && Double.compare(n.value, value) == 0; }

    @Override public int hashCode() { return Double.hashCode(value); }

    public boolean isInteger() { return value == Math.rint(value) && Math.abs(value) < 1e15; }
}

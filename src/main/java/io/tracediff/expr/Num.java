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

    /** {@link #shortestDecimal} as the language writes a number: 1e23, 0.001, 1.5e-7. */
    public static String shortestText(double v) {
        return shortestDecimal(v).toString().replace("E+", "e").replace("E", "e");
    }

    /**
     * The shortest decimal that reads back as v: the number a user typed for it. JDK 17's Double.toString is not
     * always shortest (JDK-4511638, fixed in 19): 1e23 is "9.999999999999999E22" there, and 1e23 typed then printed
     * and was added as 99999999999999990000000. Where that string has 16 or more digits, the shortest is searched.
     */
    public static java.math.BigDecimal shortestDecimal(double v) {
        java.math.BigDecimal d = new java.math.BigDecimal(Double.toString(v));
        if (v == 0 || !Double.isFinite(v) || d.precision() < 16) return d;
        java.math.BigDecimal exact = new java.math.BigDecimal(v);
        for (int p = 1; p < d.precision(); p++) {
            java.math.BigDecimal r = exact.round(new java.math.MathContext(p, java.math.RoundingMode.HALF_EVEN));
            if (r.doubleValue() == v) return r;
        }
        return d;
    }
}

package io.tracediff.algebra;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * An exact ratio of whole numbers: the coefficients of like terms are multiplied and added in it, and rounded to a
 * double once, at the end. In doubles 10⁻²⁰ + 1 − 1 was 0 (the term of 10⁻²⁰ xᵀx beside ‖x‖² − xᵀx was dropped) and
 * 2·10²⁰⁰ / (10²⁰⁰)² overflowed where it is 2·10⁻²⁰⁰. A number enters as the decimal it prints as (0.1 is 1/10).
 * Commons Math's BigFraction does the same arithmetic, but rounds to a double twice; this rounds once.
 */
public final class Rational {
    public static final Rational ONE = new Rational(BigInteger.ONE, BigInteger.ONE);

    /** Past this many bits in a numerator or denominator a coefficient is not kept exact (10³⁰⁰ to the 10⁶th power). */
    private static final int MAX_BITS = 1 << 14;

    private final BigInteger numerator, denominator;   // denominator > 0, gcd 1

    private Rational(BigInteger numerator, BigInteger denominator) {
        this.numerator = numerator;
        this.denominator = denominator;
    }

    private static Rational reduced(BigInteger p, BigInteger q) {
        if (q.signum() < 0) { p = p.negate(); q = q.negate(); }
        BigInteger g = p.gcd(q);
        return g.equals(BigInteger.ONE) ? new Rational(p, q) : new Rational(p.divide(g), q.divide(g));
    }

    /** Denominators tried for a double that is a rounded fraction (2/3 as 0.6666666666666666). */
    private static final int MAX_SMALL_DENOMINATOR = 1000;

    /**
     * The number {@code v} stands for, exactly: p/q where v is the double nearest a fraction with q ≤ 1000 and its
     * decimal needs all of a double's digits (x/3 folded to 0.3333333333333333 is 1/3, so x/3·3 − x is 0, where the
     * decimal's 3 · 0.3333333333333333 − 1 is −10⁻¹⁶); else the decimal it prints as (0.1 is 1/10, 10⁻²⁰ is 1/10²⁰).
     * Null for an infinite or NaN v.
     */
    public static Rational of(double v) {
        if (!Double.isFinite(v)) return null;
        if (v == Math.rint(v) && Math.abs(v) < 0x1p53) return new Rational(BigInteger.valueOf((long) v), BigInteger.ONE);
        BigDecimal d = io.tracediff.expr.Num.shortestDecimal(v);
        if (d.precision() >= 16 && Math.abs(v) < 0x1p40 && Math.abs(v) > 0x1p-20)
            for (int q = 2; q <= MAX_SMALL_DENOMINATOR; q++) {
                double p = Math.rint(v * q);
                if (p != 0 && p / q == v) return reduced(BigInteger.valueOf((long) p), BigInteger.valueOf(q));
            }
        else if (d.precision() >= 16) {
            // The same at any scale: 10⁻⁹/3 folded to 3.333333333333333·10⁻¹⁰ is 1/(3·10⁹), so a like term written
            // as that quotient cancels against it exactly, as x/3 against 0.3333333333333333 x does.
            Rational scaled = scaledFraction(v, d);
            if (scaled != null) return scaled;
        }
        return d.scale() > 0 ? reduced(d.unscaledValue(), BigInteger.TEN.pow(d.scale()))
                : new Rational(d.unscaledValue().multiply(BigInteger.TEN.pow(-d.scale())), BigInteger.ONE);
    }

    /** (p/q)·10ᵏ with q ≤ 1000 whose double is v, for v's decimal d of 16 or more digits; null if none. */
    private static Rational scaledFraction(double v, BigDecimal d) {
        int k = d.precision() - d.scale() - 1;                       // v = m·10ᵏ with 1 ≤ |m| < 10
        double m = d.scaleByPowerOfTen(-k).doubleValue();
        for (int q = 2; q <= MAX_SMALL_DENOMINATOR; q++) {
            double p = Math.rint(m * q);
            if (p == 0 || Math.abs(m * q - p) > 1e-9) continue;
            Rational f = reduced(BigInteger.valueOf((long) p), BigInteger.valueOf(q));
            Rational r = k >= 0 ? f.times(new Rational(BigInteger.TEN.pow(k), BigInteger.ONE))
                    : f.times(new Rational(BigInteger.ONE, BigInteger.TEN.pow(-k)));
            if (r != null && r.toDouble() == v) return r;
        }
        return null;
    }

    public Rational times(Rational o) {
        return o == null ? null : bounded(reduced(numerator.multiply(o.numerator), denominator.multiply(o.denominator)));
    }

    public Rational plus(Rational o) {
        return o == null ? null : bounded(reduced(numerator.multiply(o.denominator).add(o.numerator.multiply(denominator)), denominator.multiply(o.denominator)));
    }

    public Rational negate() { return new Rational(numerator.negate(), denominator); }

    /** this^k for a whole k (negative: the reciprocal's); null for 0 to a negative power or a result past the bound. */
    public Rational pow(long k) {
        if (k == 0) return ONE;
        if (k < 0 && numerator.signum() == 0) return null;
        long bits = Math.max(numerator.bitLength(), denominator.bitLength());
        if (bits * Math.abs(k) > MAX_BITS) return null;
        Rational r = reduced(numerator.pow((int) Math.abs(k)), denominator.pow((int) Math.abs(k)));
        return k > 0 ? r : reduced(r.denominator, r.numerator);
    }

    private static Rational bounded(Rational r) {
        return r.numerator.bitLength() > MAX_BITS || r.denominator.bitLength() > MAX_BITS ? null : r;
    }

    public int signum() { return numerator.signum(); }

    public BigInteger numerator() { return numerator; }

    /** Always positive; 1 for a whole number. */
    public BigInteger denominator() { return denominator; }

    /**
     * The nearest double, or NaN where it would not be this number to double precision: past the largest double, or
     * below the smallest normal one (a subnormal keeps a few digits; 0 is not a small number).
     */
    public double toDouble() {
        if (numerator.signum() == 0) return 0;
        double d = numerator.bitLength() <= 53 && denominator.bitLength() <= 53
                ? numerator.doubleValue() / denominator.doubleValue()   // both exact: one rounding
                : new BigDecimal(numerator).divide(new BigDecimal(denominator), MathContext.DECIMAL128).doubleValue();
        return Double.isFinite(d) && Math.abs(d) >= Double.MIN_NORMAL ? d : Double.NaN;
    }

    @Override public boolean equals(Object o) {
        return o instanceof Rational r && numerator.equals(r.numerator) && denominator.equals(r.denominator);
    }

    @Override public int hashCode() { return numerator.hashCode() * 31 + denominator.hashCode(); }

    @Override public String toString() { return denominator.equals(BigInteger.ONE) ? numerator.toString() : numerator + "/" + denominator; }
}

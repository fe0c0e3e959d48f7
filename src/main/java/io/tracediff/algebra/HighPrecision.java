package io.tracediff.algebra;

import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.PostOrder;
import io.tracediff.expr.Var;
import io.tracediff.ops.Add;
import io.tracediff.ops.Div;
import io.tracediff.ops.ElementDiv;
import io.tracediff.ops.ElementFn;
import io.tracediff.ops.ElementPow;
import io.tracediff.ops.Hadamard;
import io.tracediff.ops.Mul;
import io.tracediff.ops.Neg;
import io.tracediff.ops.Sub;
import io.tracediff.ops.Transpose;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * f's constants (scalar parts without variables) computed to 420 significant digits with a bound on each one's error,
 * for the checks that run f in doubles: sqrt(2)·sqrt(2) − 2 is 4.4·10⁻¹⁶ there, which a sqrt around it makes 2·10⁻⁸, and
 * (|1 − √2| + 10¹⁵) − 10¹⁵ is 0.375 for 0.414; where f is that sensitive to its constants, a check in doubles can
 * neither confirm a right form nor tell a wrong one from rounding. Each part carries its value and a bound on its
 * distance from the exact value (running error analysis: the operands' bounds carried through the operation, plus its
 * own rounding, 10⁻⁴¹⁹ of the result). A part is its double where the bound is below 10⁻¹⁸ of it (the double is then
 * the exact value's, but at a rounding boundary) within 2^±511, and 0 where 0 is within a bound below 10⁻³³⁰
 * (sqrt(2)·sqrt(2) − 2; (1 − 10⁻¹⁰¹) − 1 is kept). Numbers are what the derivation takes them for (0.1 is 1/10). Only what BigDecimal computes on
 * its own: numbers, + − × ÷, negation, whole and half-whole powers, sqrt and abs; anything else (sin 10¹⁵, exp, a
 * matrix), a part whose bound is too wide to fix its double, and anything past 10³⁰⁰ is left as written.
 */
public final class HighPrecision {
    private HighPrecision() {}

    private static final MathContext MC = new MathContext(420);
    private static final BigDecimal ULP = new BigDecimal("1e-419"), HUGE = new BigDecimal("1e300"), ZERO_BELOW = new BigDecimal("1e-330"),
            FIXED = new BigDecimal("1e-18");

    /** A part's value and a bound on its error; UNKNOWN where it cannot be computed here. */
    private record Value(BigDecimal v, BigDecimal err) {
        /** Whether the exact value may be 0. */
        boolean maybeZero() { return v.abs().compareTo(err) <= 0; }
    }

    private static final Value UNKNOWN = new Value(BigDecimal.ZERO, BigDecimal.ZERO);

    /** f with every constant part known here replaced by its value rounded once to a double, and what changed (else null). */
    public record Constants(Expr f, String changed) {}

    /**
     * f with each largest constant part that is known here replaced by its double; {@code changed} names those whose
     * double differs from the one f as written computes ({@code asWritten}: NaN where undefined) by more than rounding
     * ("sqrt(2)*sqrt(2) - 2 = 0 (4.44e-16 in floating point)"), or is null. A part whose double is the same is left as written.
     */
    public static Constants constants(Expr f, java.util.function.Function<Expr, String> print, java.util.function.ToDoubleFunction<Expr> asWritten) {
        Map<Expr, Value> values = new IdentityHashMap<>();
        PostOrder.fold(f, values, HighPrecision::value);
        // Top down: the largest parts whose double is fixed and differs from the one f as written computes are replaced.
        // A part whose double is the same is computed right as written; one whose double is not fixed (sqrt of a
        // cancellation, known only to lie in [0, 10⁻²¹⁰]) keeps its operation, and its own parts are looked at.
        Map<Expr, Num> replaced = new IdentityHashMap<>();
        Map<String, String> said = new LinkedHashMap<>();
        java.util.Set<Expr> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        java.util.ArrayDeque<Expr> todo = new java.util.ArrayDeque<>();
        todo.push(f);
        while (!todo.isEmpty()) {
            Expr e = todo.pop();
            if (!seen.add(e)) continue;
            double exact = e instanceof Apply && e != f ? asDouble(values.get(e)) : Double.NaN;
            if (!Double.isNaN(exact)) {
                double written = asWritten.applyAsDouble(e);
                if (written == exact) continue;
                replaced.put(e, new Num(exact));
                if (!(Math.abs(written - exact) <= 1e-12 * Math.abs(exact)))
                    said.put(print.apply(e), print.apply(e) + " = " + brief(exact) + " (" + brief(written) + " in floating point)");
                continue;
            }
            for (Expr a : e.args()) todo.push(a);
        }
        if (replaced.isEmpty()) return new Constants(f, null);
        Expr g = PostOrder.fold(f, new IdentityHashMap<Expr, Expr>(), (e, args) -> {
            Num n = replaced.get(e);
            if (n != null) return n;
            if (!(e instanceof Apply a)) return e;
            for (int i = 0; i < args.size(); i++) if (args.get(i) != a.arg(i)) return Apply.of(a.op(), args);
            return e;
        });
        return new Constants(g, said.isEmpty() ? null : String.join(", ", said.values()));
    }

    /** Whether c is known here and 0 (exactly, or cancelled to 0). */
    public static boolean isZero(Expr c) {
        Map<Expr, Value> values = new IdentityHashMap<>();
        Value v = PostOrder.fold(c, values, HighPrecision::value);
        return v != UNKNOWN && asDouble(v) == 0;
    }

    /** 0, 2, 0.414, 4.4e-16: enough digits to see the difference a note is about. */
    private static String brief(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return new BigDecimal(String.format(java.util.Locale.ROOT, "%.3g", v)).stripTrailingZeros().toString().replace("E", "e");
    }

    /**
     * The part's double where its bound fixes it, else NaN: 0 where 0 is within its bound and the bound is below 10⁻³³⁰
     * (a cancellation, sqrt(2)·sqrt(2) − 2); a value resolved to 10⁻¹⁸ of itself within 2^±511, where the checks'
     * rounding analysis holds (a resolved 10⁻¹⁶⁰, or 10⁻³⁴⁰ whose double is 0, times 10¹⁷⁰ twice outside it, is left as written).
     */
    private static double asDouble(Value x) {
        if (x == UNKNOWN) return Double.NaN;
        if (x.maybeZero()) return x.err().compareTo(ZERO_BELOW) < 0 ? 0.0 : Double.NaN;
        if (x.err().compareTo(FIXED.multiply(x.v().abs())) > 0) return Double.NaN;
        double d = x.v().doubleValue(), a = Math.abs(d);
        return a >= 0x1p-511 && a <= 0x1p511 ? d : Double.NaN;
    }

    private static Value value(Expr e, List<Value> args) {
        if (e instanceof Var || !e.isScalar()) return UNKNOWN;
        for (Value a : args) if (a == UNKNOWN) return UNKNOWN;     // by identity
        Value r;
        try {
            r = compute(e, args);
        } catch (ArithmeticException overflowOfTheExponent) {
            return UNKNOWN;
        }
        return r == null || r.v().abs().compareTo(HUGE) > 0 || r.err().compareTo(HUGE) > 0 ? UNKNOWN : r;
    }

    /** e's value and error bound from its operands'; null where undefined or not known here. */
    private static Value compute(Expr e, List<Value> x) {
        if (e instanceof Num n) return number(n.value());
        Apply a = (Apply) e;
        var op = a.op();
        if (op == Add.OP) return rounded(x.get(0).v().add(x.get(1).v(), MC), x.get(0).err().add(x.get(1).err()));
        if (op == Sub.OP) return rounded(x.get(0).v().subtract(x.get(1).v(), MC), x.get(0).err().add(x.get(1).err()));
        if (op == Mul.OP || op == Hadamard.OP) return product(x.get(0), x.get(1));
        if (op == Div.OP || op == ElementDiv.OP) return quotient(x.get(0), x.get(1));
        if (op == Neg.OP) return new Value(x.get(0).v().negate(), x.get(0).err());
        if (op == Transpose.OP) return x.get(0);
        if (op == ElementPow.OP) return power(x.get(0), a.arg(1));
        if (op instanceof ElementFn f && f.fn().name().equals("sqrt")) return sqrt(x.get(0));
        if (op instanceof ElementFn f && f.fn().name().equals("abs")) return new Value(x.get(0).v().abs(), x.get(0).err());
        return null;
    }

    /**
     * The number a double stands for, as the derivation takes it ({@link Rational#of}: 0.1 is 1/10, and 0.3333333333333333
     * 1/3), so that a constant 0 to the derivation (0.1·10 − 1) is 0 here too, not the 5.6·10⁻¹⁷ of 0.1's binary value.
     */
    private static Value number(double v) {
        Rational r = Rational.of(v);
        if (r == null) return null;
        BigDecimal p = new BigDecimal(r.numerator());
        if (r.denominator().equals(java.math.BigInteger.ONE)) return new Value(p, BigDecimal.ZERO);
        return rounded(p.divide(new BigDecimal(r.denominator()), MC), BigDecimal.ZERO);
    }

    /** A result with its operands' error carried over, plus its own rounding. */
    private static Value rounded(BigDecimal r, BigDecimal carried) { return new Value(r, carried.add(r.abs().multiply(ULP, MC), MC)); }

    private static Value product(Value a, Value b) {
        BigDecimal carried = a.v().abs().multiply(b.err(), MC).add(b.v().abs().multiply(a.err(), MC), MC).add(a.err().multiply(b.err(), MC), MC);
        return rounded(a.v().multiply(b.v(), MC), carried);
    }

    /** a/b; null where b may be 0. |a/b − A/B| ≤ (|a| e_b + |b| e_a) / (|b| (|b| − e_b)). */
    private static Value quotient(Value a, Value b) {
        if (b.maybeZero()) return null;
        BigDecimal bAbs = b.v().abs();
        BigDecimal carried = a.v().abs().multiply(b.err(), MC).add(bAbs.multiply(a.err(), MC), MC)
                .divide(bAbs.multiply(bAbs.subtract(b.err(), MC), MC), MC);
        return rounded(a.v().divide(b.v(), MC), carried);
    }

    /** √x; where x may be 0, √x is somewhere in [0, √(x + e)], and that is its bound. */
    private static Value sqrt(Value x) {
        BigDecimal hi = x.v().add(x.err(), MC);
        if (hi.signum() < 0) return null;                              // negative for certain: undefined
        if (x.maybeZero()) return new Value(BigDecimal.ZERO, hi.sqrt(MC));
        BigDecimal r = x.v().sqrt(MC);
        BigDecimal carried = x.err().divide(r.add(x.v().subtract(x.err(), MC).sqrt(MC), MC), MC);   // e / (√x + √(x − e))
        return rounded(r, carried);
    }

    /** b^k for a whole or half-whole k (|k| ≤ 64) written as a number, by repeated products (each carrying its bound). */
    private static Value power(Value b, Expr exponent) {
        if (!(exponent instanceof Num k)) return null;
        double twice = 2 * k.value();
        if (twice != Math.rint(twice) || Math.abs(k.value()) > 64) return null;
        int n = (int) twice;
        Value base = b;
        if (n % 2 != 0) {                          // b^(n/2) = sqrt(b)^n
            base = sqrt(b);
            if (base == null) return null;
        } else {
            n /= 2;
        }
        Value r = new Value(BigDecimal.ONE, BigDecimal.ZERO);
        for (int i = 0; i < Math.abs(n); i++) r = product(r, base);
        return n >= 0 ? r : quotient(new Value(BigDecimal.ONE, BigDecimal.ZERO), r);
    }
}

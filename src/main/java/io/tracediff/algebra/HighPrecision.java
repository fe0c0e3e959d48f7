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
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * f's constants (scalar parts without variables) computed to 100 and to 150 significant digits, for the checks that
 * run f in doubles: sqrt(2)·sqrt(2) − 2 is 4.4·10⁻¹⁶ there, which a sqrt around it makes 2·10⁻⁸, and (|1 − √2| + 10¹⁵)
 * − 10¹⁵ is 0.375 for 0.414; where f is that sensitive to its constants, a check in doubles can neither confirm a
 * right form nor tell a wrong one from rounding. Only what BigDecimal computes to that precision on its own: numbers,
 * + − × ÷, negation, whole and half-whole powers, sqrt and abs, every intermediate below 10⁵⁰ in size (each rounding
 * is then below 10⁻⁵⁰ absolute at 100 digits). A part whose two computations disagree in every digit and are below
 * 10⁻⁹⁰ at 150 digits has cancelled to 0 and is taken as 0 (a constant written that small, 10⁻⁹⁵·√2, agrees at both
 * precisions and is kept). Anything else (sin 10¹⁵, exp, a matrix) is left as written.
 */
public final class HighPrecision {
    private HighPrecision() {}

    private static final MathContext LOW = new MathContext(100), HIGH = new MathContext(150);
    private static final BigDecimal HUGE = new BigDecimal("1e50"), CANCELLED = new BigDecimal("1e-90"), SAME = new BigDecimal("1e-40"),
            DISAGREE = new BigDecimal("1e-3");

    /** A constant at both precisions; UNKNOWN where it cannot be computed here. */
    private record Value(BigDecimal low, BigDecimal high) {}

    private static final Value UNKNOWN = new Value(BigDecimal.ZERO, BigDecimal.ZERO), ZERO = new Value(BigDecimal.ZERO, BigDecimal.ZERO);

    /** f with every constant part known here replaced by its value rounded once to a double, and what changed (else null). */
    public record Constants(Expr f, String changed) {}

    /**
     * f with each largest constant part that is known here replaced by its double; {@code changed} names those whose
     * double differs from the one f as written computes ({@code asWritten}: NaN where undefined) ("sqrt(2)*sqrt(2) - 2 = 0, 4.4e-16 in floating point"), or is null.
     */
    public static Constants constants(Expr f, java.util.function.Function<Expr, String> print, java.util.function.ToDoubleFunction<Expr> asWritten) {
        Map<Expr, Value> values = new IdentityHashMap<>();
        PostOrder.fold(f, values, HighPrecision::value);
        Map<Expr, Expr> rebuilt = new IdentityHashMap<>();
        Map<String, String> said = new LinkedHashMap<>();
        Expr g = PostOrder.fold(f, rebuilt, (e, args) -> {
            if (!(e instanceof Apply a)) return e;
            if (values.get(e) != UNKNOWN && e != f) return e;      // replaced by its parent, below, if largest
            List<Expr> out = new ArrayList<>(args.size());
            boolean changed = false;
            for (int i = 0; i < args.size(); i++) {
                Expr original = a.arg(i), use = args.get(i);
                Value v = values.get(original);
                double exact = v == UNKNOWN ? Double.NaN : v.high().doubleValue();
                if (original instanceof Apply && Double.isFinite(exact)) {
                    use = new Num(exact == 0 ? 0.0 : exact);
                    double written = asWritten.applyAsDouble(original);
                    if (!(written == exact) && !(Math.abs(written - exact) <= 1e-12 * Math.abs(exact)))
                        said.put(print.apply(original), print.apply(original) + " = " + brief(exact) + " (" + brief(written) + " in floating point)");
                }
                changed |= use != original;
                out.add(use);
            }
            return changed ? Apply.of(a.op(), out) : e;
        });
        return new Constants(g, said.isEmpty() ? null : String.join(", ", said.values()));
    }

    /** Whether c is known here and 0 (exactly, or cancelled to 0). */
    public static boolean isZero(Expr c) {
        Map<Expr, Value> values = new IdentityHashMap<>();
        Value v = PostOrder.fold(c, values, HighPrecision::value);
        return v != UNKNOWN && v.high().signum() == 0;
    }

    /** 0, 2, 0.414, 4.4e-16: enough digits to see the difference a note is about. */
    private static String brief(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return new BigDecimal(String.format(java.util.Locale.ROOT, "%.3g", v)).stripTrailingZeros().toString().replace("E", "e");
    }

    private static Value value(Expr e, List<Value> args) {
        if (e instanceof Var || !e.isScalar()) return UNKNOWN;
        for (Value a : args) if (a == UNKNOWN) return UNKNOWN;     // by identity: ZERO is an equal record
        return compute(e, args);
    }

    private static Value compute(Expr e, List<Value> x) {
        BigDecimal low = at(e, x, LOW, true), high = at(e, x, HIGH, false);
        if (low == null || high == null || high.abs().compareTo(HUGE) > 0) return UNKNOWN;
        BigDecimal gap = low.subtract(high).abs();
        if (high.abs().compareTo(CANCELLED) <= 0 && gap.compareTo(DISAGREE.multiply(high.abs())) > 0) return ZERO;   // cancelled
        if (gap.compareTo(SAME.multiply(high.abs().max(BigDecimal.ONE))) > 0) return UNKNOWN;   // unstable even at 100 digits
        return new Value(low, high);
    }

    /** e's value at one precision from its operands' values at that precision; null where undefined or not known here. */
    private static BigDecimal at(Expr e, List<Value> values, MathContext mc, boolean low) {
        if (e instanceof Num n) return Double.isFinite(n.value()) ? new BigDecimal(n.value()) : null;   // the double exactly
        Apply a = (Apply) e;
        List<BigDecimal> x = new ArrayList<>(values.size());
        for (Value v : values) x.add(low ? v.low() : v.high());
        var op = a.op();
        if (op == Add.OP) return x.get(0).add(x.get(1), mc);
        if (op == Sub.OP) return x.get(0).subtract(x.get(1), mc);
        if (op == Mul.OP || op == Hadamard.OP) return x.get(0).multiply(x.get(1), mc);
        if (op == Div.OP || op == ElementDiv.OP) return x.get(1).signum() == 0 ? null : x.get(0).divide(x.get(1), mc);
        if (op == Neg.OP) return x.get(0).negate();
        if (op == Transpose.OP) return x.get(0);
        if (op == ElementPow.OP) return power(x.get(0), a.arg(1), mc);
        if (op instanceof ElementFn f && f.fn().name().equals("sqrt")) return x.get(0).signum() < 0 ? null : x.get(0).sqrt(mc);
        if (op instanceof ElementFn f && f.fn().name().equals("abs")) return x.get(0).abs();
        return null;
    }

    /** b^k for a whole or half-whole k (|k| ≤ 64) written as a number; null otherwise or where undefined. */
    private static BigDecimal power(BigDecimal b, Expr exponent, MathContext mc) {
        if (!(exponent instanceof Num k)) return null;
        double twice = 2 * k.value();
        if (twice != Math.rint(twice) || Math.abs(k.value()) > 64) return null;
        int n = (int) twice;
        BigDecimal base = b;
        if (n % 2 != 0) {                          // b^(n/2) = sqrt(b)^n
            if (b.signum() < 0) return null;
            base = b.sqrt(mc);
        } else {
            n /= 2;
        }
        if (base.signum() == 0 && n < 0) return null;
        return base.pow(n, mc);
    }
}

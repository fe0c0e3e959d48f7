package io.tracediff.symja;

import io.tracediff.autograd.Tensor;
import io.tracediff.ops.Functions;
import io.tracediff.ops.ScalarFunction;
import io.tracediff.rules.Pattern;
import java.math.BigDecimal;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

/** What a {@link Term} means three ways: a double function, a Java template, and Symja input. */
public final class Terms {
    private Terms() {}

    /** A tree of lambdas: no parsing or matrix allocation per call. */
    public static DoubleUnaryOperator compile(Term t) {
        if (t instanceof Term.Num n) {
            double c = n.value().doubleValue();
            return x -> c;
        }
        if (t instanceof Term.Param) return x -> x;
        if (t instanceof Term.Call c) {
            DoubleUnaryOperator f = c.fn().value(), a = compile(c.arg());
            return x -> f.applyAsDouble(a.applyAsDouble(x));
        }
        if (t instanceof Term.Neg n) {
            DoubleUnaryOperator a = compile(n.arg());
            return x -> -a.applyAsDouble(x);
        }
        Term.Bin b = (Term.Bin) t;
        DoubleUnaryOperator l = compile(b.left()), r = compile(b.right());
        return switch (b.op()) {
            case '+' -> x -> l.applyAsDouble(x) + r.applyAsDouble(x);
            case '-' -> x -> l.applyAsDouble(x) - r.applyAsDouble(x);
            case '*' -> x -> l.applyAsDouble(x) * r.applyAsDouble(x);
            case '/' -> x -> l.applyAsDouble(x) / r.applyAsDouble(x);
            default -> x -> pow(l.applyAsDouble(x), r.applyAsDouble(x));
        };
    }

    /** The body on the autograd engine, or null when a function in it has no autograd twin. */
    static UnaryOperator<Tensor> autograd(Term t) {
        if (t instanceof Term.Num n) {
            double c = n.value().doubleValue();
            return x -> Tensor.fromArray(new double[] {c}, 1, 1);
        }
        if (t instanceof Term.Param) return x -> x;
        if (t instanceof Term.Call c) {
            UnaryOperator<Tensor> f = c.fn().autograd(), a = autograd(c.arg());
            return f == null || a == null ? null : x -> f.apply(a.apply(x));
        }
        if (t instanceof Term.Neg n) {
            UnaryOperator<Tensor> a = autograd(n.arg());
            return a == null ? null : x -> a.apply(x).neg();
        }
        Term.Bin b = (Term.Bin) t;
        UnaryOperator<Tensor> l = autograd(b.left()), r = autograd(b.right());
        if (l == null || r == null) return null;
        return switch (b.op()) {
            case '+' -> x -> l.apply(x).add(r.apply(x));
            case '-' -> x -> l.apply(x).sub(r.apply(x));
            case '*' -> x -> l.apply(x).mul(r.apply(x));
            case '/' -> x -> l.apply(x).div(r.apply(x));
            default -> x -> l.apply(x).pow(r.apply(x));
        };
    }

    /** As ElementPow evaluates: squares by multiplication, exact for negative bases. */
    static double pow(double x, double p) { return p == 2 ? x * x : p == 1 ? x : Math.pow(x, p); }

    /** Java source with %s for the argument; built-ins contribute their own templates. */
    static String java(Term t) { return java(t, false); }

    /** {@code bare}: the text stands alone between a call's parentheses or commas, so %s needs no parentheses. */
    private static String java(Term t, boolean bare) {
        if (t instanceof Term.Num n) {
            double v = n.value().doubleValue();
            String s = Double.toString(Math.abs(v));
            return v < 0 || (v == 0 && 1 / v < 0) ? "(-" + s + ")" : s;
        }
        if (t instanceof Term.Param) return bare ? "%s" : "(%s)";
        if (t instanceof Term.Call c) return c.fn().javaTemplate().replace("%1$s", "%s").replace("%s", java(c.arg(), true));
        if (t instanceof Term.Neg n) return "(-" + java(n.arg(), false) + ")";
        Term.Bin b = (Term.Bin) t;
        if (b.op() == '^') return "Math.pow(" + java(b.left(), true) + ", " + java(b.right(), true) + ")";
        String infix = java(b.left(), false) + " " + b.op() + " " + java(b.right(), false);
        return bare ? infix : "(" + infix + ")";
    }

    /** Symja input for t with the parameter written as {@code param}; null-safe only for symbolic terms. */
    static String symja(Term t, String param) {
        if (t instanceof Term.Num n) return exact(n.value());
        if (t instanceof Term.Param) return param;
        if (t instanceof Term.Call c) {
            String arg = symja(c.arg(), param);
            if (c.fn().value() instanceof UserFunction u) return "(" + symja(u.body(), "(" + arg + ")") + ")";
            String f = c.fn().symja(arg); // the function's own Symja facet (ScalarFunction.symja)
            if (f == null) throw new IllegalArgumentException(c.fn().name() + " has no symbolic form");
            return f;
        }
        if (t instanceof Term.Neg n) return "(-(" + symja(n.arg(), param) + "))";
        Term.Bin b = (Term.Bin) t;
        return "((" + symja(b.left(), param) + ")" + b.op() + "(" + symja(b.right(), param) + "))";
    }

    /** erf's constant 2/√π as the built-in table writes it, read back as the exact 2/Sqrt(Pi) (here and in engine.Expansion). */
    public static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

    /** A decimal literal as an exact Symja rational. */
    static String exact(BigDecimal v) {
        if (v.doubleValue() == TWO_OVER_SQRT_PI) return "(2/Sqrt(Pi))";   // as Expansion.number: erf's constant
        if (v.scale() <= 0) return v.toBigIntegerExact().toString();
        return "(" + v.unscaledValue() + "/" + java.math.BigInteger.TEN.pow(v.scale()) + ")";
    }

    /** The name of the first function in t without a symbolic derivative (relu, step, sign, …), or null. */
    static String firstNonSymbolic(Term t) {
        if (t instanceof Term.Call c) {
            if (c.fn().value() instanceof UserFunction u) {
                String inner = firstNonSymbolic(u.body());
                if (inner != null) return inner;
            } else if (c.fn().symja() == null) return c.fn().name();
            return firstNonSymbolic(c.arg());
        }
        if (t instanceof Term.Neg n) return firstNonSymbolic(n.arg());
        if (t instanceof Term.Bin b) {
            String l = firstNonSymbolic(b.left());
            return l != null ? l : firstNonSymbolic(b.right());
        }
        return null;
    }

    /** The right side of a derivative rule (an expression in x) as a term, so it can be evaluated or sent to Symja. */
    public static Term fromPattern(Pattern p, Functions functions) {
        if (p instanceof Pattern.Var v && v.name().equals("x")) return new Term.Param();
        if (p instanceof Pattern.Num n) return new Term.Num(io.tracediff.expr.Num.shortestDecimal(n.value()));
        if (p instanceof Pattern.App a) {
            if (a.key().equals("neg")) return new Term.Neg(fromPattern(a.args().get(0), functions));
            String ops = switch (a.key()) {
                case "+", "-", "*", "/", "^" -> a.key();
                case ".*", "./", ".^" -> a.key().substring(1);
                default -> null;
            };
            if (ops != null) return new Term.Bin(ops.charAt(0), fromPattern(a.args().get(0), functions), fromPattern(a.args().get(1), functions));
            if (a.args().size() == 1) {
                ScalarFunction f = functions.get(a.key()).orElse(null);
                if (f != null) return new Term.Call(f, fromPattern(a.args().get(0), functions));
            }
        }
        throw new IllegalArgumentException("not a scalar expression in x: " + p);
    }
}

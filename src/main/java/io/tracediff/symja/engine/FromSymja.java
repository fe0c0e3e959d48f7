package io.tracediff.symja.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IFraction;
import org.matheclipse.core.interfaces.IInteger;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Writes a Symja result in one variable x as tracediff rule text that applies entry by entry:
 * products, quotients and powers become {@code .*}, {@code ./}, {@code .^}; functions tracediff lacks
 * (Sech, Cosh, Sec, ArcTanh, …) are written through its built-ins. Walks Symja's tree, head and arguments.
 */
final class FromSymja {
    private FromSymja() {}

    /** Thrown for a head tracediff cannot write (Derivative, Piecewise, complex numbers, …). */
    static final class Unsupported extends RuntimeException {
        Unsupported(String what) { super(what, null, false, false); }
    }

    // Binding strength of the text's outermost operator, as the tracediff parser reads it.
    static final int SUM = 1, PRODUCT = 2, UNARY = 3, POWER = 4, ATOM = 5;

    /** Text, how tightly its outer operator binds, and its node count (to pick the smallest candidate). */
    record Piece(String text, int prec, int size) {
        String at(int needed) { return prec >= needed ? text : "(" + text + ")"; }
    }

    static Piece translate(IExpr e) {
        if (e.isNumber()) return number(e);
        if (e.isSymbol()) return symbol((ISymbol) e);
        if (!(e instanceof IAST ast) || !ast.head().isSymbol()) throw new Unsupported(e.toString());
        String head = name(ast.head());
        if (head.equals("plus")) return plus(ast);
        if (head.equals("times")) return times(ast);
        if (head.equals("power") && ast.argSize() == 2) return power(ast.arg1(), ast.arg2());
        if (head.equals("log") && ast.argSize() == 2)   // Log(b, u) = log u / log b
            return quotient(call("log", translate(ast.arg2())), call("log", translate(ast.arg1())));
        if (ast.argSize() != 1) throw new Unsupported(ast.head().toString());
        Piece u = translate(ast.arg1());
        return switch (head) {
            case "exp" -> call("exp", u);
            case "log" -> call("log", u);
            case "sin" -> call("sin", u);
            case "cos" -> call("cos", u);
            case "tan" -> call("tan", u);
            case "tanh" -> call("tanh", u);
            case "sqrt" -> call("sqrt", u);
            case "arcsin" -> call("arcsin", u);
            case "arccos" -> call("arccos", u);
            case "arctan" -> call("arctan", u);
            case "abs", "realabs" -> call("abs", u);
            case "sign", "realsign" -> call("sign", u);
            case "logisticsigmoid" -> call("sigmoid", u);
            case "erf" -> call("erf", u);
            case "sec" -> quotient(one(), call("cos", u));
            case "csc" -> quotient(one(), call("sin", u));
            case "cot" -> quotient(call("cos", u), call("sin", u));
            case "coth" -> quotient(one(), call("tanh", u));
            case "sinh" -> quotient(sum(call("exp", u), call("exp", negate(u)), true), num("2"));
            case "cosh" -> quotient(sum(call("exp", u), call("exp", negate(u)), false), num("2"));
            case "sech" -> quotient(num("2"), sum(call("exp", u), call("exp", negate(u)), false));
            case "csch" -> quotient(num("2"), sum(call("exp", u), call("exp", negate(u)), true));
            case "arcsinh" -> call("log", sum(u, call("sqrt", sum(power(u, num("2")), one(), false)), false));
            case "arccosh" -> call("log", sum(u, call("sqrt", sum(power(u, num("2")), one(), true)), false));
            case "arctanh" -> scaled("0.5", call("log", quotient(sum(one(), u, false), sum(one(), u, true))));
            case "arccot" -> call("arctan", quotient(one(), u));
            default -> throw new Unsupported(ast.head().toString());
        };
    }

    /** A symbol's name in lower case: Symja's relaxed mode spells built-ins so (Times as "times"). */
    private static String name(IExpr symbol) { return ((ISymbol) symbol).getSymbolName().toLowerCase(java.util.Locale.ROOT); }

    /** e is a one-argument call of the named built-in (any, for null). */
    private static boolean is(IExpr e, String head) {
        return e.isAST() && e.argSize() == 1 && e.head().isSymbol() && (head == null || name(e.head()).equals(head));
    }

    private static Piece symbol(ISymbol s) {
        String name = name(s);
        if (s.getSymbolName().equals("x")) return new Piece("x", ATOM, 1);
        if (s.isE()) return call("exp", one());
        if (name.equals("pi")) return num(io.tracediff.expr.Num.shortestText(Math.PI));
        throw new Unsupported(s.toString());
    }

    private static Piece number(IExpr e) {
        if (e.isInteger()) return num(((IInteger) e).toBigNumerator().toString());
        if (e.isFraction()) {
            IFraction f = (IFraction) e;
            BigInteger p = f.toBigNumerator(), q = f.toBigDenominator();
            String decimal = terminating(p, q);
            if (decimal != null) return num(decimal);
            Piece quotient = quotient(num(p.abs().toString()), num(q.toString()));
            return p.signum() < 0 ? negate(quotient) : quotient;
        }
        if (e.isReal()) {
            double v = e.evalf();
            if (Double.isFinite(v)) return num(io.tracediff.expr.Num.shortestText(v));
        }
        throw new Unsupported(e.toString());
    }

    /** p/q as an exact decimal when q has no prime factors but 2 and 5, else null. */
    private static String terminating(BigInteger p, BigInteger q) {
        try {
            return new BigDecimal(p).divide(new BigDecimal(q)).toPlainString();
        } catch (ArithmeticException nonTerminating) {
            return null;
        }
    }

    private static Piece plus(IAST ast) {
        Piece out = translate(ast.arg1());
        for (int i = 2; i <= ast.argSize(); i++) {
            IExpr term = ast.get(i);
            if (isNegative(term)) {
                Piece t = translate(negated(term));
                out = new Piece(out.text() + " - " + t.at(PRODUCT), SUM, out.size() + t.size() + 1);
            } else {
                Piece t = translate(term);
                out = new Piece(out.text() + " + " + t.at(PRODUCT), SUM, out.size() + t.size() + 1);
            }
        }
        return out;
    }

    /** A term Symja writes with a minus sign in front: a negative number or a product with one. */
    private static boolean isNegative(IExpr term) {
        if (term.isNumber()) return term.isReal() && term.isNegative();
        return term.isTimes() && term.first().isReal() && term.first().isNegative();
    }

    private static IExpr negated(IExpr term) { return Symja.eval(F.Times(F.CN1, term)); }

    private static Piece times(IAST ast) {
        List<IExpr> factors = new ArrayList<>();
        for (int i = 1; i <= ast.argSize(); i++) factors.add(ast.get(i));
        boolean negative = false;
        Piece coefficient = null, denominatorNumber = null;
        // The language has no π: the constant factors with π are one number (2/√π is 1.1283791670955126, as the rule for
        // erf writes it); a numeric factor without π (√2) stays as written, since folding it would round it.
        List<IExpr> withPi = new ArrayList<>();
        for (IExpr f : factors) if (f.isNumericFunction(true) && f.has(F.Pi)) withPi.add(f);
        if (!withPi.isEmpty() && factors.get(0).isReal() && !withPi.contains(factors.get(0))) withPi.add(factors.get(0));
        double piValue = withPi.isEmpty() ? Double.NaN : realValue(F.Times(withPi.toArray(new IExpr[0])));
        if (Double.isFinite(piValue) && piValue != 0) {     // else (I π, a complex factor) left for the refusal below
            factors.removeAll(withPi);
            factors.add(0, F.num(piValue));
        }
        if (factors.get(0).isNumber()) {
            IExpr c = factors.remove(0);
            if (!c.isReal()) throw new Unsupported(c.toString());
            if (c.isNegative()) { negative = true; c = negated(c); }
            if (c.isFraction() && terminating(((IFraction) c).toBigNumerator(), ((IFraction) c).toBigDenominator()) == null) {
                IFraction f = (IFraction) c;
                if (!f.toBigNumerator().equals(BigInteger.ONE)) coefficient = num(f.toBigNumerator().toString());
                denominatorNumber = num(f.toBigDenominator().toString());
            } else if (!c.isOne()) coefficient = number(c);
        }
        List<Piece> numerator = new ArrayList<>(), denominator = new ArrayList<>();
        List<IExpr> over = new ArrayList<>();
        for (IExpr f : factors) {
            if (f.isPower() && f.second().isReal() && f.second().isNegative()) over.add(f);
        }
        factors.removeAll(over);
        for (IExpr f : over) {
            IExpr base = f.first();
            // u/|u| is sign(u): Symja's derivative of RealAbs, and defined at 0 as the rules' abs' is.
            if (f.second().isMinusOne() && (is(base, "realabs") || is(base, "abs")) && factors.remove(base.first())) {
                numerator.add(call("sign", translate(base.first())));
                continue;
            }
            IExpr exponent = negated(f.second());
            denominator.add(exponent.isOne() ? translate(base) : power(base, exponent));
        }
        for (IExpr f : factors) numerator.add(translate(f));
        if (denominatorNumber != null) denominator.add(0, denominatorNumber);
        Piece num = product(numerator);
        if (coefficient != null) num = num == null ? coefficient : scaled(coefficient.text(), num);
        if (num == null) num = one();
        Piece result = denominator.isEmpty() ? num : quotient(num, product(denominator));
        return negative ? negate(result) : result;
    }

    /** A numeric expression's value as a double, or NaN where it is not real. */
    private static double realValue(IExpr e) {
        try {
            return Symja.eval(e).evalf();
        } catch (RuntimeException notReal) {   // Symja's ArgumentTypeException for a complex value
            return Double.NaN;
        }
    }

    private static Piece product(List<Piece> factors) {
        if (factors.isEmpty()) return null;
        Piece out = factors.get(0);
        for (int i = 1; i < factors.size(); i++) {
            Piece f = factors.get(i);
            // A number is a scalar factor: the plain product reads better (6 * sqrt(x)).
            String op = out.prec() == ATOM && Character.isDigit(out.text().charAt(0)) ? " * " : " .* ";
            out = new Piece(out.at(PRODUCT) + op + f.at(UNARY), PRODUCT, out.size() + f.size() + 1);
        }
        return out;
    }

    private static Piece power(IExpr base, IExpr exponent) {
        if (base.isE()) return call("exp", translate(exponent));
        if (exponent.isReal() && exponent.isNegative()) {
            IExpr positive = negated(exponent);
            return quotient(one(), positive.isOne() ? translate(base) : power(base, positive));
        }
        if (exponent.isFraction() && ((IFraction) exponent).toBigNumerator().equals(BigInteger.ONE)
                && ((IFraction) exponent).toBigDenominator().equals(BigInteger.TWO))
            return call("sqrt", translate(base));
        // The usual short forms of the squared secants: 1 ± tan²/tanh².
        if (exponent.isInteger() && ((IInteger) exponent).toBigNumerator().equals(BigInteger.TWO) && is(base, null)) {
            if (is(base, "sech")) return sum(one(), power(call("tanh", translate(base.first())), num("2")), true);
            if (is(base, "sec")) return sum(one(), power(call("tan", translate(base.first())), num("2")), false);
        }
        return power(translate(base), translate(exponent));
    }

    private static Piece power(Piece base, Piece exponent) {
        return new Piece(base.at(ATOM) + " .^ " + exponent.at(UNARY), POWER, base.size() + exponent.size() + 1);
    }

    private static Piece call(String fn, Piece arg) { return new Piece(fn + "(" + arg.text() + ")", ATOM, arg.size() + 1); }

    private static Piece quotient(Piece a, Piece b) {
        return new Piece(a.at(PRODUCT) + " ./ " + b.at(UNARY), PRODUCT, a.size() + b.size() + 1);
    }

    private static Piece sum(Piece a, Piece b, boolean minus) {
        return new Piece(a.text() + (minus ? " - " : " + ") + b.at(PRODUCT), SUM, a.size() + b.size() + 1);
    }

    /** c * u for a positive number c (a scalar, so the plain product). */
    private static Piece scaled(String c, Piece u) { return new Piece(c + " * " + u.at(PRODUCT), PRODUCT, u.size() + 2); }

    private static Piece negate(Piece p) {
        if (p.prec() == SUM || p.text().startsWith("-")) return new Piece("-(" + p.text() + ")", UNARY, p.size() + 1);
        return new Piece("-" + p.text(), Math.min(p.prec(), UNARY), p.size() + 1);
    }

    private static Piece num(String text) { return new Piece(text, text.startsWith("-") ? UNARY : ATOM, 1); }

    private static Piece one() { return num("1"); }
}

package io.tracediff.algebra;

import java.util.Map;
import java.util.ArrayList;
import java.util.HashMap;
import io.tracediff.eval.EvalFacet;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.Op;
import io.tracediff.expr.Var;
import io.tracediff.ops.*;
import io.tracediff.shape.Shape;
import java.util.List;

/**
 * Canonical construction: the algebra every derived expression is built with. It drops zeros and
 * identities, folds constants, cancels double transposes and keeps scalar factors on the left, so
 * differentials of constants vanish as they are made. Deeper rewriting is the simplifier's job.
 */
public final class Alg {
    private Alg() {}

    public static boolean isZero(Expr e) {
        return e instanceof Num n && n.value() == 0 || e instanceof Apply a && a.op() instanceof Zeros;
    }

    public static boolean isOne(Expr e) { return e instanceof Num n && n.value() == 1; }

    private static boolean isOnes(Expr e) { return e instanceof Apply a && a.op() instanceof Ones; }

    private static boolean matrixProduct(Apply m) { return matrixProduct(m.arg(0), m.arg(1)); }

    private static boolean matrixProduct(Expr a, Expr b) { return !a.isScalar() && !b.isScalar() && a.shape().cols().equals(b.shape().rows()); }

    /**
     * Whether e is symmetric by its form: a symmetric variable, I, 𝟏𝟏ᵀ, diag(v), and what sums, scalings,
     * inverses, powers and entrywise functions of symmetric matrices and A Aᵀ give. Then eᵀ = e.
     */
    public static boolean symmetric(Expr root) {
        // Demand-driven with an explicit stack (a derived tree can be deep): a node waits for the operands it needs.
        Map<Expr, Boolean> known = new HashMap<>();
        var stack = new java.util.ArrayDeque<Expr>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Expr e = stack.peek();
            if (known.containsKey(e)) { stack.pop(); continue; }
            List<Expr> needs = symmetricIf(e);
            if (needs == null) { known.put(e, false); stack.pop(); continue; }
            boolean ready = true, all = true;
            for (Expr x : needs) {
                Boolean v = known.get(x);
                if (v == null) { stack.push(x); ready = false; } else all &= v;
            }
            if (!ready) continue;
            known.put(e, all);
            stack.pop();
        }
        return known.get(root);
    }

    /** e is symmetric exactly when all the returned subterms are (none: it is); null when it is not by its form. */
    private static List<Expr> symmetricIf(Expr e) {
        if (e instanceof Var v) return v.kind().symmetric() || e.isScalar() ? List.of() : null;
        if (e instanceof Num) return List.of();
        Apply a = (Apply) e;
        if (!a.shape().isSquare()) return null;
        Op op = a.op();
        if (op instanceof Eye || op == DiagMatrix.OP || op instanceof Ones || op instanceof Zeros) return List.of();
        if (op == Inv.OP || op == Neg.OP || op instanceof ElementFn) return List.of(a.arg(0));
        if (op == MatrixPow.OP || op == ElementPow.OP) return a.arg(1).isScalar() ? List.of(a.arg(0)) : null;
        // A + Aᵀ is symmetric whatever A is. Compared as written, not through transpose(): that builds a node, whose
        // canonical form asks symmetric() again, once per term of a long sum (exponential time, a call per term deep).
        if (op == Add.OP && (transposeOf(a.arg(0), a.arg(1)) || transposeOf(a.arg(1), a.arg(0)))) return List.of();
        if (op == Add.OP || op == Sub.OP || op == Hadamard.OP || op == ElementDiv.OP) return List.of(a.arg(0), a.arg(1));
        if (op == Div.OP) return List.of(a.arg(0));   // a matrix over a number
        if (op == Mul.OP) {
            if (a.arg(0).isScalar()) return List.of(a.arg(1));
            // A chain that reads the same transposed: F₁ … Fₖ with Fᵢᵀ = Fₖ₊₁₋ᵢ (S⁻¹ v vᵀ S⁻¹, A Aᵀ).
            List<Expr> fs = factors(e);
            for (int i = 0, j = fs.size() - 1; i < j; i++, j--) {
                Expr fi = fs.get(i), fj = fs.get(j);   // as written first (A … Aᵀ): no transpose node built
                if (!transposeOf(fi, fj) && !transposeOf(fj, fi) && !transpose(fi).equals(fj)) return null;
            }
            return fs.size() % 2 == 1 ? List.of(fs.get(fs.size() / 2)) : List.of();
        }
        return null;
    }

    /** f₁ op f₂ op … op fₖ, left to right, each step built canonically (a non-empty list). */
    public static Expr chain(Op op, List<Expr> factors) {
        Expr out = factors.get(0);
        for (int i = 1; i < factors.size(); i++) out = apply(op, out, factors.get(i));
        return out;
    }

    /** Whether {@code t} is written as {@code x}ᵀ. */
    private static boolean transposeOf(Expr x, Expr t) { return t instanceof Apply a && a.op() == Transpose.OP && a.arg(0).equals(x); }

    /**
     * The factors of a chain of matrix products (a product of two non-scalars), left to right; a scaling or anything
     * else is one factor. An explicit stack: derived chains can be thousands of factors long.
     */
    public static List<Expr> productFactors(Expr e) { return factorsOf(e, false); }

    /** The matrix factors of a product chain, left to right, through scalings too (their scalars left out: they are symmetric). */
    private static List<Expr> factors(Expr e) { return factorsOf(e, true); }

    /** The one walk behind both: products of two non-scalars always open; a scaling c·X opens to X when {@code throughScalings}. */
    private static List<Expr> factorsOf(Expr e, boolean throughScalings) {
        List<Expr> out = new java.util.ArrayList<>();
        var stack = new java.util.ArrayDeque<Expr>();
        stack.push(e);
        while (!stack.isEmpty()) {
            Expr x = stack.pop();
            Apply m = x instanceof Apply a && a.op() == Mul.OP ? a : null;
            boolean scalarLeft = m != null && m.arg(0).isScalar(), scalarRight = m != null && m.arg(1).isScalar();
            if (m != null && !scalarLeft && !scalarRight) {
                stack.push(m.arg(1));
                stack.push(m.arg(0));
            } else if (m != null && throughScalings) {
                if (!scalarRight || scalarLeft) stack.push(m.arg(1));
                if (!scalarLeft || scalarRight) stack.push(m.arg(0));
            } else out.add(x);
        }
        return out;
    }

    public static Expr zero(Shape s) { return s.isScalar() ? Num.ZERO : Apply.of(new Zeros(s.rows(), s.cols())); }

    /** The size of d as a scalar: a number when fixed, N for a named dimension, m n for a product. */
    public static Expr size(io.tracediff.shape.Dim d) {
        if (d instanceof io.tracediff.shape.Dim.Fixed f) return new Num(f.size());
        if (d instanceof io.tracediff.shape.Dim.Product p) return mul(size(p.left()), size(p.right()));
        return Apply.of(new Size((io.tracediff.shape.Dim.Sym) d));
    }

    /** op(args), canonicalised. */
    public static Expr apply(Op op, List<Expr> args) {
        if (op == Differential.OP) return Apply.of(op, args);
        Expr folded = fold(op, args);
        if (folded != null) return folded;
        Expr e = canonical(op, args);
        return e != null ? e : Apply.of(op, args);
    }

    public static Expr apply(Op op, Expr... args) { return apply(op, List.of(args)); }

    public static Expr add(Expr a, Expr b) { return apply(Add.OP, a, b); }
    public static Expr sub(Expr a, Expr b) { return apply(Sub.OP, a, b); }
    public static Expr neg(Expr a) { return apply(Neg.OP, a); }
    public static Expr mul(Expr a, Expr b) { return apply(Mul.OP, a, b); }
    public static Expr div(Expr a, Expr b) { return apply(Div.OP, a, b); }
    public static Expr hadamard(Expr a, Expr b) { return apply(Hadamard.OP, a, b); }
    public static Expr transpose(Expr a) { return apply(Transpose.OP, a); }
    public static Expr trace(Expr a) { return apply(Trace.OP, a); }
    public static Expr sum(Expr a) { return apply(Sum.OP, a); }
    public static Expr d(Expr a) { return Apply.of(Differential.OP, a); }

    /**
     * x·y of the numbers x and y stand for ({@link Rational#of}: the decimals they print as, or the small fractions they
     * round), rounded once: 10⁻⁵·10⁻⁵ is 10⁻¹⁰ and 3·(1/3) is 1. The double product where that is not a normal double.
     */
    public static double decimalProduct(double x, double y) {
        if (!Double.isFinite(x) || !Double.isFinite(y) || x == 0 || y == 0 || Math.abs(x) == 1 || Math.abs(y) == 1) return x * y;
        if (whole(x) && whole(y) && Math.abs(x * y) < 0x1p53) return x * y;   // exact in doubles: no decimal needed
        Rational p = Rational.of(x).times(Rational.of(y));
        double r = p == null ? Double.NaN : p.toDouble();
        return Double.isNaN(r) ? x * y : r;
    }

    /** x + y of the numbers x and y stand for, rounded once: 0.1 + 0.2 is 0.3 and 2/3 + 1/3 is 1. */
    public static double decimalSum(double x, double y) {
        if (!Double.isFinite(x) || !Double.isFinite(y) || x == 0 || y == 0) return x + y;
        if (whole(x) && whole(y) && Math.abs(x) < 0x1p52 && Math.abs(y) < 0x1p52) return x + y;
        Rational s = Rational.of(x).plus(Rational.of(y));
        if (s != null && s.signum() == 0) return 0;
        double r = s == null ? Double.NaN : s.toDouble();
        return Double.isNaN(r) ? x + y : r;
    }

    private static boolean whole(double v) { return v == Math.rint(v); }

    /** Below the smallest normal double a number keeps a few digits (3.3·10⁻³²² is 3.3·10⁻³²² ± 1.5 %): never folded to. */
    private static boolean subnormal(double v) { return v != 0 && Math.abs(v) < Double.MIN_NORMAL; }

    /**
     * Whether folding x + y to the double r loses more than 2⁻⁴⁰ of the smaller of them: 10⁻²⁰ + 2 is 2 in doubles, and a
     * later − 2 then left 0 for 10⁻²⁰. Such a sum is kept as written; the like-term collection adds it exactly.
     */
    static boolean losesPart(double x, double y, double r) {
        if (x == 0 || y == 0 || !Double.isFinite(r)) return false;
        Rational exact = Rational.of(x).plus(Rational.of(y));
        return exact != null && losesPart(exact, r, Math.min(Math.abs(x), Math.abs(y)));
    }

    /** Whether r, the double of the exact sum {@code exact}, is off from it by more than 2⁻⁴⁰ of its smallest part. */
    public static boolean losesPart(Rational exact, double r, double smallestPart) {
        Rational kept = Rational.of(r);
        if (kept == null || exact.equals(kept)) return false;
        Rational difference = exact.plus(kept.negate());
        if (difference == null) return true;
        double lost = Math.abs(difference.toDouble()), allowed = 0x1p-40 * smallestPart;
        return Double.isNaN(lost) ? allowed < Double.MIN_NORMAL : lost > allowed;   // NaN: below the smallest normal double
    }

    /**
     * The exact value of a scalar made of numbers by +, −, ·, / and whole powers (a sum {@link #fold} kept as written,
     * 10⁻²⁰ + 2), or null where e is not one. An explicit stack: a long chain of such sums does not overflow.
     */
    public static Rational exactConstant(Expr e) { return exactConstant(e, new HashMap<>()); }

    private static final Object NOT_EXACT = new Object();

    /**
     * {@link #exactConstant(Expr)} with a memo shared across calls ({@code memo} maps each part to its Rational or to a
     * marker for none): asked of every node of a long sum of numbers, linear in its size rather than quadratic.
     */
    public static Rational exactConstant(Expr e, Map<Expr, Object> memo) {
        if (!e.isScalar() || !(e instanceof Apply)) return null;
        Object v = io.tracediff.expr.PostOrder.<Object>fold(e, memo, (x, args) -> {
            List<Rational> rs = new ArrayList<>(args.size());
            for (Object o : args) { if (!(o instanceof Rational r)) return NOT_EXACT; rs.add(r); }
            Rational r = constantStep(x, rs);
            return r == null ? NOT_EXACT : r;
        });
        return v instanceof Rational r ? r : null;
    }

    private static Rational constantStep(Expr x, List<Rational> args) {
        if (x instanceof Num n) return Rational.of(n.value());
        if (!(x instanceof Apply a) || !x.isScalar()) return null;
        for (Rational r : args) if (r == null) return null;
        Op op = a.op();
        if (op == Add.OP) return args.get(0).plus(args.get(1));
        if (op == Sub.OP) return args.get(0).plus(args.get(1).negate());
        if (op == Neg.OP) return args.get(0).negate();
        if (op == Mul.OP) return args.get(0).times(args.get(1));
        if (op == Div.OP) return args.get(1).signum() == 0 ? null : args.get(0).times(args.get(1).pow(-1));
        if (op == ElementPow.OP && a.arg(1) instanceof Num k && k.isInteger() && Math.abs(k.value()) <= 1_000) return args.get(0).pow((long) k.value());
        return null;
    }

    /** Constant folding: an operator on numbers is a number. */
    private static Expr fold(Op op, List<Expr> args) {
        if (args.isEmpty()) return null;
        for (Expr a : args) if (!(a instanceof Num)) return null;
        if (args.size() == 2 && (op == Mul.OP || op == Add.OP || op == Sub.OP)) {
            // The numbers as written (shortest decimals), multiplied or added exactly, then rounded once: 10⁻⁵·10⁻⁵ is 10⁻¹⁰
            // and 0.1 + 0.2 is 0.3, where the rounded double product printed as 1.0000000000000002·10⁻¹⁰.
            double x = ((Num) args.get(0)).value(), y = ((Num) args.get(1)).value();
            double r = op == Mul.OP ? decimalProduct(x, y) : decimalSum(x, op == Add.OP ? y : -y);
            if (op == Mul.OP && r == 0 && x != 0 && y != 0) return null;   // 10⁻²⁰⁰·10⁻²⁰⁰ underflows: kept as written, not 0
            if (op != Mul.OP && losesPart(x, op == Add.OP ? y : -y, r)) return null;
            if (subnormal(r)) return null;   // 10⁻³⁰⁰ · 3.3·10⁻²² held to two digits: kept as written
            if (Double.isFinite(r)) return new Num(r == 0 ? 0.0 : r);
        }
        if (args.size() == 2 && op == Div.OP) {
            // The quotient of the decimals, rounded once: 10¹⁴⁵ / 10¹⁵⁰ is 10⁻⁵ (in doubles 9.999999999999999·10⁻⁶).
            Rational x = Rational.of(((Num) args.get(0)).value()), y = Rational.of(((Num) args.get(1)).value());
            Rational q = x == null || y == null || y.signum() == 0 ? null : x.times(y.pow(-1));
            if (q != null) {
                double r = q.toDouble();
                // Folded only where the double reads back as the quotient (1/3, 10⁻⁵): 10⁻²⁰/7 stays as written, where
                // 1.4285714285714286·10⁻²¹ differs from it in the 17th digit and a like term then cancelled against that.
                return q.signum() == 0 ? new Num(0.0) : Double.isNaN(r) || !q.equals(Rational.of(r)) ? null : new Num(r);
            }
        }
        if (args.size() == 2 && op == ElementPow.OP && args.get(1) instanceof Num k && k.isInteger() && Math.abs(k.value()) <= 4096) {
            // A whole power of a number, exact and rounded once: 0.1³ is 0.001 (in doubles 0.0010000000000000002).
            Rational base = Rational.of(((Num) args.get(0)).value());
            Rational p = base == null ? null : base.pow((long) k.value());
            if (p != null && p.signum() == 0) return new Num(0.0);
            double r = p == null ? Double.NaN : p.toDouble();
            if (!Double.isNaN(r) && p.equals(Rational.of(r))) return new Num(r);
            return null;   // 7³⁰ has 26 digits: kept as written, not the double 2.2539340290692258·10²⁵ (tan(7³⁰ a) read otherwise)
        }
        try {
            List<Matrix> values = new ArrayList<>(args.size());   // a loop: this runs in every cold start, where streams cost
            boolean nonzero = true;
            for (Expr a : args) { values.add(Matrix.scalar(((Num) a).value())); nonzero &= ((Num) a).value() != 0; }
            Matrix r = EvalFacet.of(op).eval(values);
            // A quotient or power of numbers that underflows to 0 (10⁻³⁰⁰ / 10²⁰⁰) is not 0: folding it dropped the term.
            if (r.isScalar() && r.data[0] == 0 && nonzero && op != Add.OP && op != Sub.OP && !foldsExactly(op, args, 0)) return null;
            if (r.isScalar() && Double.isFinite(r.data[0]) && !subnormal(r.data[0]) && foldsExactly(op, args, r.data[0]))
                return new Num(r.data[0]);
        } catch (RuntimeException notFoldable) {
            return null;
        }
        return null;
    }

    /**
     * Whether r, an operator's value on numbers computed in doubles, is its value exactly (numbers read as written, as
     * {@link Rational#of} reads them). Only then is it folded: √2 folded to 1.4142135623730951 made
     * sqrt(10⁻²⁰ + 2) − √2 print as −5·10⁻¹⁷ where it is 3.5·10⁻²¹, and e^(10⁻²⁰) folded to 1 cancelled a term
     * to 0. An inexact value stays as written (√2, log(3), e^(10⁻²⁰)), the form a paper writes.
     */
    static boolean foldsExactly(Op op, List<Expr> args, double r) {
        double x = ((Num) args.get(0)).value();
        if (op instanceof ElementFn f) {
            ScalarFunction.Exactness kind = f.fn().exactness();
            if (kind == null) return false;                                         // a user's function: its value is unknown here
            return switch (kind) {
                case PIECEWISE_LINEAR -> true;                                      // abs, sign, step, relu: no rounding
                case SQUARE_ROOT -> r >= 0 && equal(times(Rational.of(r), Rational.of(r)), Rational.of(x));   // √2.25 = 1.5, not √2
                // exp(0) = 1, log(1) = 0, σ(0) = ½, cos(0) = 1: the only exact values of the others at numbers
                case TRANSCENDENTAL -> (x == 0 || x == 1) && (r == 0 || r == 1 || r == -1 || r == 0.5);
            };
        }
        if (op == ElementPow.OP || op == MatrixPow.OP) return exactPower(x, ((Num) args.get(1)).value(), r);
        if (op == PowerSum.OP) return args.size() > 1 && exactPower(x, ((Num) args.get(1)).value(), r);
        if (op == Inv.OP) return equal(Rational.of(r).times(Rational.of(x)), Rational.ONE);
        if (op == Kron.OP || op == Hadamard.OP) return equal(Rational.of(x).times(Rational.of(((Num) args.get(1)).value())), Rational.of(r));
        if (op == ElementDiv.OP || op == Div.OP || op == LogDet.OP || op == Add.OP || op == Sub.OP || op == Mul.OP) return false;
        // The rest rearrange their one entry (transpose, sum, trace, det, vec, max, norms, logsumexp, softmax of a number):
        // exact where the value is an argument, its negation or magnitude, 0 or 1; anything else is rounding.
        if (r == 0 || r == 1) return true;
        for (Expr a : args) { double v = ((Num) a).value(); if (r == v || r == -v) return true; }
        return false;
    }

    private static boolean equal(Rational a, Rational b) { return a != null && a.equals(b); }

    private static Rational times(Rational a, Rational b) { return a == null ? null : a.times(b); }

    /** base^p is r exactly, for p = s/q with q ≤ 64 and |s| ≤ 64 (4^½ = 2, 8^⅓ = 2), checked as r^q = base^s. */
    private static boolean exactPower(double base, double p, double r) {
        Rational e = Rational.of(p), b = Rational.of(base), v = Rational.of(r);
        if (e == null || b == null || v == null) return false;
        for (int q = 1; q <= 64; q++) {
            Rational s = e.times(Rational.of(q));
            double sd = s == null ? Double.NaN : s.toDouble();
            if (s == null || sd != Math.rint(sd) || Math.abs(sd) > 64 || !s.equals(Rational.of(sd))) continue;
            return equal(v.pow(q), b.pow((long) sd));
        }
        return false;
    }

    private static Expr canonical(Op op, List<Expr> args) {
        if (op instanceof Eye e && e.n().isOne()) return Num.ONE;   // I₁ is the number 1: the Hessian of 1.5 a² − a² printed I
        Expr a = args.isEmpty() ? null : args.get(0), b = args.size() > 1 ? args.get(1) : null;
        Shape result = Apply.of(op, args).shape();
        if (op == Add.OP) {
            if (isZero(a) && b.shape().equals(result)) return b;
            if (isZero(b) && a.shape().equals(result)) return a;
            // 0 + c over a matrix is c in every entry: c 𝟏𝟏ᵀ
            if (isZero(a) || isZero(b)) return mul(isZero(a) ? b : a, Apply.of(new Ones(result.rows(), result.cols())));
        } else if (op == Sub.OP) {
            if (isZero(b) && a.shape().equals(result)) return a;
            if (isZero(a) && b.shape().equals(result)) return neg(b);
            if (isZero(b)) return mul(a, Apply.of(new Ones(result.rows(), result.cols())));
            if (isZero(a)) return neg(mul(b, Apply.of(new Ones(result.rows(), result.cols()))));
            if (a.equals(b)) return zero(result);
        } else if (op == Neg.OP) {
            if (isZero(a)) return a;
            if (a instanceof Apply m && m.op() == Mul.OP && m.arg(0) instanceof Num k) return mul(new Num(-k.value()), m.arg(1));
            if (a instanceof Apply x && x.op() == Neg.OP) return x.arg(0);
        } else if (op == Mul.OP || op == Hadamard.OP) {
            if (isZero(a) || isZero(b)) return zero(result);
            if (op == Hadamard.OP && (a.isScalar() || b.isScalar())) return mul(a, b);
            if (isOne(a) && b.shape().equals(result)) return b;
            if (isOne(b) && a.shape().equals(result)) return a;
            if (op == Mul.OP && b.isScalar() && !a.isScalar()) return mul(b, a);
            if (op == Mul.OP && a instanceof Num n && n.value() == -1) return neg(b);
            if (op == Mul.OP && a instanceof Num && b instanceof Apply m && m.op() == Mul.OP && m.arg(0) instanceof Num)
                return mul(mul(a, m.arg(0)), m.arg(1));
            // Numbers lead a product of scalings: a (2 I) is 2 (a I), printed 2 a I.
            if (op == Mul.OP && a.isScalar() && !(a instanceof Num) && b instanceof Apply m2 && m2.op() == Mul.OP && m2.arg(0) instanceof Num k)
                return mul(k, mul(a, m2.arg(1)));
            if (op == Mul.OP && a instanceof Apply e && e.op() instanceof Eye && !b.isScalar()) return b;
            if (op == Mul.OP && b instanceof Apply e && e.op() instanceof Eye && !a.isScalar()) return a;
            // (P 𝟏) 𝟏ᵀ… regrouped so all-ones factors meet: P (𝟏_{a×k} 𝟏_{k×b}) = k P 𝟏_{a×b}, and the size shows.
            // Only true matrix products regroup: a 1×1 factor is a scaling, not a row times a column.
            if (op == Mul.OP && isOnes(b) && a instanceof Apply m && m.op() == Mul.OP && isOnes(m.arg(1)) && matrixProduct(m) && matrixProduct(a, b))
                return mul(m.arg(0), mul(m.arg(1), b));
            if (op == Mul.OP && isOnes(a) && b instanceof Apply m && m.op() == Mul.OP && isOnes(m.arg(0)) && matrixProduct(m) && matrixProduct(a, b))
                return mul(mul(a, m.arg(0)), m.arg(1));
            // 𝟏_{m×k} 𝟏_{k×n} = k 𝟏_{m×n}: each entry sums k ones (𝟏ᵀ𝟏 = N, not 1).
            if (op == Mul.OP && a instanceof Apply x && x.op() instanceof Ones && b instanceof Apply y && y.op() instanceof Ones) {
                Expr ones = result.isScalar() ? Num.ONE : Apply.of(new Ones(result.rows(), result.cols()));
                return mul(size(a.shape().cols()), ones);
            }
        } else if (op == Div.OP) {
            if (isZero(a) && !isZero(b)) return a;   // 0 / 0 is not 0
            if (isOne(b)) return a;
            Rational r = b instanceof Num n ? Rational.of(n.value()) : null;
            if (r != null && r.signum() != 0) {
                // a / b is (1/b) a, 1/b exact and rounded once: 10²⁰⁰ c / 10¹⁹⁹ is 10 c (in doubles 9.999999999999998 c)
                Rational inverseExact = r.pow(-1);
                double inverse = inverseExact == null ? Double.NaN : inverseExact.toDouble();
                if (!Double.isNaN(inverse)) return mul(new Num(inverse), a);   // a / 0 and a / 10⁻³²⁰ stay quotients
            }
        } else if (op == ElementDiv.OP) {
            if (isZero(a) && !isZero(b)) return zero(result);
            if (b.isScalar()) return div(a, b);
        } else if (op == ElementPow.OP) {
            if (isOne(b)) return a;
            if (b instanceof Num n && n.value() == 0) return a.isScalar() ? Num.ONE : Apply.of(new Ones(result.rows(), result.cols()));
            if (a instanceof Apply x && x.op() instanceof Eye && b instanceof Num n && n.value() > 0) return a;   // I∘ᵏ = I: 0ᵏ = 0, 1ᵏ = 1
            if (isZero(a) && !a.isScalar() && b instanceof Num n && n.value() > 0) return zero(result);   // 0∘ᵏ = 0: printed 0∘³ in logsumexp(0∘³) it read as a number
        } else if (op == MatrixPow.OP) {
            if (isOne(b)) return a;
            if (b instanceof Num n && n.value() == 0) return Apply.of(new Eye(result.rows()));
            if (a instanceof Apply x && x.op() instanceof Eye && b instanceof Num) return a;   // Iᵏ = I
        } else if (op == Inv.OP && a instanceof Apply x && x.op() instanceof Eye) {
            return a;   // I⁻¹ = I
        } else if (op == Transpose.OP) {
            if (a.isScalar()) return a;
            if (isZero(a)) return zero(result);
            if (a instanceof Apply x && x.op() == Transpose.OP) return x.arg(0);
            if (a instanceof Apply x && (x.op() instanceof Eye)) return a;
            if (a instanceof Apply x && x.op() instanceof Ones o) return Apply.of(new Ones(o.cols(), o.rows()));
            if (symmetric(a)) return a;
        } else if (op == Trace.OP || op == Sum.OP) {
            if (a.isScalar()) return a;
            if (isZero(a)) return Num.ZERO;
            // tr(I) = sum(I) = tr(𝟏𝟏ᵀ) = n, sum(𝟏𝟏ᵀ) = m n: the sizes stay in the result.
            if (a instanceof Apply x && x.op() instanceof Eye) return size(x.shape().rows());
            if (a instanceof Apply x && x.op() instanceof Ones)
                return op == Trace.OP ? size(x.shape().rows()) : mul(size(x.shape().rows()), size(x.shape().cols()));
        } else if (op instanceof ElementFn f && isZero(a) && !a.isScalar()) {
            // f(0) of a zero matrix is f(0) in every entry: printed as f(0) it would read as the number.
            double v = f.fn().value().applyAsDouble(0);
            boolean exact = foldsExactly(op, List.of(Num.ZERO), v);
            if (v == 0 && exact) return zero(result);
            // softplus(0) = log 2 is kept as written, as a number's function is (see foldsExactly)
            if (Double.isFinite(v)) return mul(exact ? new Num(v) : apply(op, Num.ZERO), Apply.of(new Ones(result.rows(), result.cols())));
        } else if (op == io.tracediff.ops.Det.OP && isZero(a) && !a.isScalar()) {
            return Num.ZERO;                          // det of the zero matrix; its closed form det(X) tr(X⁻¹ dX) is undefined there
        } else if (op == io.tracediff.ops.LogSumExp.OP && isZero(a) && !a.isScalar()) {
            // log Σ e⁰ over m·n entries: printed as logsumexp(0) it would read as 0.
            var log = io.tracediff.ops.Functions.builtin().get("log").orElseThrow();
            return apply(new ElementFn(log), mul(size(a.shape().rows()), size(a.shape().cols())));
        } else if (op == io.tracediff.ops.Softmax.OP && isZero(a) && !a.isScalar()) {
            // Each column of softmax(0) is 𝟏/m (m rows): printed as softmax(0) it would read as 1.
            return div(Apply.of(new Ones(result.rows(), result.cols())), size(result.rows()));
        } else if (op == DiagMatrix.OP || op == DiagVector.OP || op == Vec.OP || op instanceof Unvec) {
            if (isZero(a)) return zero(result);
            if (op == DiagMatrix.OP && a instanceof Apply o && o.op() instanceof Ones) return Apply.of(new Eye(result.rows()));
            // diag(I) = 𝟏, and vec or vec⁻¹ of all ones is all ones of the other shape
            if (op == DiagVector.OP && a instanceof Apply i && i.op() instanceof Eye) return Apply.of(new Ones(result.rows(), result.cols()));
            if ((op == Vec.OP || op instanceof Unvec) && a instanceof Apply o && o.op() instanceof Ones) return Apply.of(new Ones(result.rows(), result.cols()));
            if (op instanceof Unvec && a instanceof Apply v && v.op() == Vec.OP && v.arg(0).shape().equals(result)) return v.arg(0);
            // vec(unvec(v)) = v: vec undoes its inverse (the column has the same length).
            if (op == Vec.OP && a instanceof Apply u && u.op() instanceof Unvec && u.arg(0).shape().equals(result)) return u.arg(0);
        }
        return null;
    }
}

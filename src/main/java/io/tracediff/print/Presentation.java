package io.tracediff.print;

import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.Op;
import io.tracediff.ops.Add;
import io.tracediff.ops.Div;
import io.tracediff.ops.ElementDiv;
import io.tracediff.ops.Hadamard;
import io.tracediff.ops.Kron;
import io.tracediff.ops.Mul;
import io.tracediff.ops.Neg;
import io.tracediff.ops.Sub;
import io.tracediff.ops.Transpose;
import java.util.HashMap;
import java.util.List;

/**
 * The tree as a paper states it, before Unicode or LaTeX printing: every step is an exact identity of real
 * arithmetic, so the printed formula is the computed one. Signs leave products and quotients (a factor −1 or
 * −2 inside a product reads as a subtraction on paper), a + (−b) becomes a − b, numbers stand in front of the
 * products they scale, sums read left to right, and a scalar quotient is written once, outermost: (1 / s) x as x / s.
 */
public final class Presentation {

    private Presentation() {}

    /** The displayed tree; post-order with an explicit stack, since derived trees can be deep. */
    public static Expr of(Expr root) {
        return io.tracediff.expr.PostOrder.<Expr>fold(root, new HashMap<>(), (e, args) -> {
            if (!(e instanceof Apply a)) return e;
            boolean same = true;
            for (int k = 0; k < args.size(); k++) same &= args.get(k) == a.arg(k);
            Expr shown = node(a.op(), args);
            // Most nodes show as they are: keep the original object rather than an equal copy.
            return same && shown.equals(e) ? e : shown;
        });
    }

    private static Expr node(Op op, List<Expr> args) {
        if (op == Neg.OP) return negate(args.get(0));
        // A scalar is its own transpose: x.^2' printed x^2ᵀ, which reads as (x²)ᵀ.
        if (op == Transpose.OP && args.get(0).isScalar()) return args.get(0);
        // A + c adds c to every entry, but beside a square A it reads as A + c I: the scalar is written c 𝟏𝟏ᵀ.
        if ((op == Add.OP || op == Sub.OP) && args.get(0).isScalar() != args.get(1).isScalar()) {
            int s = args.get(0).isScalar() ? 0 : 1;
            Expr m = args.get(1 - s);
            // So is a zero matrix, which prints as 0: 0 + a would read as a number, B (0 + σ) as σ B.
            if (m.shape().isSquare() || m instanceof Apply z && z.op() instanceof io.tracediff.ops.Zeros) {
                Expr ones = Apply.of(new io.tracediff.ops.Ones(m.shape().rows(), m.shape().cols()));
                Expr spread = product(Mul.OP, isNegative(args.get(s)) ? magnitude(args.get(s)) : args.get(s), ones);
                if (isNegative(args.get(s))) spread = negate(spread);
                return node(op, s == 0 ? List.of(spread, m) : List.of(m, spread));
            }
        }
        if (op == Transpose.OP && args.get(0) instanceof Apply n && n.op() == Neg.OP)
            return negate(Apply.of(Transpose.OP, n.arg(0)));
        // a + (b − c + d) is written a + b − c + d: sums read left to right, and no term shows as + −b.
        if (op == Add.OP && args.get(1) instanceof Apply r && (r.op() == Add.OP || r.op() == Sub.OP))
            return node(r.op(), List.of(node(Add.OP, List.of(args.get(0), r.arg(0))), r.arg(1)));
        if (op == Add.OP && isNegative(args.get(1))) return node(Sub.OP, List.of(args.get(0), magnitude(args.get(1))));
        if (op == Sub.OP && isNegative(args.get(1))) return Apply.of(Add.OP, args.get(0), magnitude(args.get(1)));
        if (op == Mul.OP || op == Div.OP || op == Hadamard.OP || op == ElementDiv.OP || op == Kron.OP) {
            Expr l = args.get(0), r = args.get(1);
            boolean nl = isNegative(l), nr = isNegative(r);
            Expr p = product(op, nl ? magnitude(l) : l, nr ? magnitude(r) : r);
            return nl ^ nr ? negate(p) : p;
        }
        return Apply.of(op, args);
    }

    /** op(l, r) with both operands free of a leading sign. */
    private static Expr product(Op op, Expr l, Expr r) {
        if (op == Mul.OP) {
            if (isOne(l)) return r;
            if (isOne(r)) return l;
            // A number scales from the front: 3 c², not c²·3.
            if (r instanceof Num && !(l instanceof Num)) return product(Mul.OP, r, l);
            if (l instanceof Num a && r instanceof Num b && exactProduct(a.value(), b.value()) != null) return exactProduct(a.value(), b.value());
            if (l instanceof Num a && r instanceof Apply m && m.op() == Mul.OP && m.arg(0) instanceof Num b && exactProduct(a.value(), b.value()) != null)
                return product(Mul.OP, exactProduct(a.value(), b.value()), m.arg(1));
            if (!(l instanceof Num) && r instanceof Apply m && m.op() == Mul.OP && m.arg(0) instanceof Num k)
                return product(Mul.OP, k, product(Mul.OP, l, m.arg(1)));
            if (l instanceof Apply m && m.op() == Mul.OP && m.arg(0) instanceof Num k && !(m.arg(1) instanceof Num))
                return product(Mul.OP, k, product(Mul.OP, m.arg(1), r));
            // (a / s) B = (a B) / s and A (b / s) = (A b) / s for a scalar s: one quotient, read left to right.
            if (l instanceof Apply q && q.op() == Div.OP) return product(Div.OP, product(Mul.OP, q.arg(0), r), q.arg(1));
            if (r instanceof Apply q && q.op() == Div.OP) return product(Div.OP, product(Mul.OP, l, q.arg(0)), q.arg(1));
        }
        if (op == Div.OP && isOne(r)) return l;
        return Apply.of(op, l, r);
    }

    /**
     * a·b as one number where the numbers as printed multiply to a number a double holds exactly as printed (2·3 is 6,
     * 0.001·10²⁰ is 10¹⁷, 0.55·3 is 1.65); null otherwise. The product of the doubles is not it: 0.55·3 in doubles
     * is 1.6500000000000001, another number than the 1.65 a reader of the two factors computes.
     */
    private static Num exactProduct(double a, double b) {
        if (!Double.isFinite(a) || !Double.isFinite(b)) return null;
        var printed = Num.shortestDecimal(a).multiply(Num.shortestDecimal(b));
        double p = printed.doubleValue();
        if (!Double.isFinite(p) || p == 0 && printed.signum() != 0) return null;
        return Num.shortestDecimal(p).compareTo(printed) == 0 ? new Num(p) : null;
    }

    private static boolean isOne(Expr e) { return e instanceof Num n && n.value() == 1; }

    static boolean isNegative(Expr e) {
        return e instanceof Num n && n.value() < 0 || e instanceof Apply a && a.op() == Neg.OP;
    }

    private static Expr magnitude(Expr e) {
        if (e instanceof Num n) return new Num(-n.value());
        return ((Apply) e).arg(0);
    }

    private static Expr negate(Expr e) {
        if (e instanceof Num n) return new Num(-n.value());
        if (e instanceof Apply a && a.op() == Neg.OP) return a.arg(0);
        // −(a − b) stays as written: b − a would reorder the terms the derivation produced.
        return Apply.of(Neg.OP, e);
    }
}

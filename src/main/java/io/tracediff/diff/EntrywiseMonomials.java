package io.tracediff.diff;

import io.tracediff.algebra.Alg;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.ops.Div;
import io.tracediff.ops.ElementDiv;
import io.tracediff.ops.ElementPow;
import io.tracediff.ops.Hadamard;
import io.tracediff.ops.Mul;
import io.tracediff.ops.Neg;
import io.tracediff.ops.Ones;
import io.tracediff.shape.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entrywise twin of {@link ScalarMonomials}: a product of ⊙, ⊘ and whole entrywise powers of matrices of one
 * shape (scalars broadcast over them) as a coefficient, scalar factors, and each matrix once with its exponent, so
 * √s ⊙ (1 ⊘ (2 √s)) ⊙ σ(S) is σ(S) / 2 and (B ⊘ A) ⊙ A ⊙ C is B ⊙ C. Entrywise operations commute, so every order is
 * the same product; {@link ScalarMonomials#normalize} offers this form where it reads shorter.
 */
final class EntrywiseMonomials {
    private EntrywiseMonomials() {}

    /** Whether e is an entrywise product, quotient or whole power of matrices (where this form applies). */
    static boolean applies(Expr e) {
        if (e.isScalar() || !(e instanceof Apply a)) return false;
        if (a.op() == Hadamard.OP || a.op() == ElementDiv.OP) return true;
        return a.op() == ElementPow.OP && a.arg(1) instanceof Num k && k.isInteger();
    }

    private static final class Product {
        final Shape shape;
        /** The product of the numbers, exact (10¹⁴⁵ / 10¹⁵⁰ is 10⁻⁵); null past the bound on exact numbers. */
        io.tracediff.algebra.Rational coefficient = io.tracediff.algebra.Rational.ONE;
        final Map<Expr, Long> scalars = new LinkedHashMap<>(), entries = new LinkedHashMap<>();

        Product(Shape shape) { this.shape = shape; }

        /** Adds e raised to k (entrywise), factors in their order (ScalarMonomials.walkFactors). */
        boolean add(Expr root, long power) {
            return ScalarMonomials.walkFactors(root, power, (e, k, operands) -> {
                if (e instanceof Num n) {
                    var v = io.tracediff.algebra.Rational.of(n.value());
                    if (coefficient != null) coefficient = v == null ? null : coefficient.times(k == 1 ? v : v.pow(k));
                    return true;
                }
                if (e instanceof Apply one && one.op() instanceof Ones && (e.isScalar() || e.shape().equals(shape))) return true;   // 𝟏 is the unit of ⊙
                if (e.isScalar()) { scalars.merge(e, k, Long::sum); return true; }
                if (!e.shape().equals(shape)) return false;   // a broadcast vector: not a factor of this shape
                if (e instanceof Apply a) {
                    if (a.op() == Neg.OP) { if (k % 2 != 0 && coefficient != null) coefficient = coefficient.negate(); operands.push(Map.entry(a.arg(0), k)); return true; }
                    if (a.op() == Hadamard.OP || a.op() == Mul.OP && (a.arg(0).isScalar() || a.arg(1).isScalar())) {
                        operands.push(Map.entry(a.arg(1), k));
                        operands.push(Map.entry(a.arg(0), k));
                        return true;
                    }
                    if (a.op() == ElementDiv.OP || a.op() == Div.OP) { operands.push(Map.entry(a.arg(1), -k)); operands.push(Map.entry(a.arg(0), k)); return true; }
                    if (a.op() == ElementPow.OP && a.arg(1) instanceof Num m && m.isInteger() && Math.abs(m.value()) <= MAX_EXPONENT / Math.max(1, Math.abs(k))) {
                        operands.push(Map.entry(a.arg(0), k * (long) m.value()));
                        return true;
                    }
                }
                entries.merge(e, k, Long::sum);
                return true;
            });
        }
    }

    /** The normal form of the entrywise product rooted at e, or null when it has none (or nothing entrywise is left). */
    static Expr normalForm(Expr e) {
        Product p = new Product(e.shape());
        if (!p.add(e, 1) || p.coefficient == null || p.coefficient.signum() == 0) return null;
        double coefficient = p.coefficient.toDouble();
        if (Double.isNaN(coefficient)) return null;   // no double holds it (10⁻⁴⁰⁰): left as written
        List<Expr> top = new ArrayList<>(), bottom = new ArrayList<>();
        for (var x : p.entries.entrySet()) {
            long k = x.getValue();
            if (k > 0) top.add(ScalarMonomials.power(x.getKey(), k));
            else if (k < 0) bottom.add(ScalarMonomials.power(x.getKey(), -k));
        }
        if (top.isEmpty() && bottom.isEmpty()) return null;   // a multiple of 𝟏𝟏ᵀ: left as written
        Expr entrywise = top.isEmpty() ? Num.ONE : Alg.chain(Hadamard.OP, top);
        if (!bottom.isEmpty()) entrywise = Alg.apply(ElementDiv.OP, entrywise, Alg.chain(Hadamard.OP, bottom));
        // The scalar part (coefficient and scalar factors) in the scalar normal form, then scaling the entrywise part.
        Expr out = entrywise;
        for (var x : p.scalars.entrySet()) {
            long k = x.getValue();
            if (k > 0) out = Alg.mul(ScalarMonomials.power(x.getKey(), k), out);
            else if (k < 0) out = Alg.div(out, ScalarMonomials.power(x.getKey(), -k));
        }
        if (Math.abs(coefficient) != 1) out = Alg.mul(new Num(Math.abs(coefficient)), out);
        if (coefficient < 0) out = Alg.neg(out);
        return out.shape().equals(e.shape()) ? out : null;
    }

    private static final long MAX_EXPONENT = ScalarMonomials.MAX_EXPONENT;
}

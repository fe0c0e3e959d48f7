package io.tracediff.diff;

import io.tracediff.algebra.Alg;
import io.tracediff.algebra.Rational;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.PostOrder;
import io.tracediff.expr.Var;
import io.tracediff.ops.Add;
import io.tracediff.ops.Div;
import io.tracediff.ops.ElementPow;
import io.tracediff.ops.Eye;
import io.tracediff.ops.Inv;
import io.tracediff.ops.Transpose;
import io.tracediff.shape.Shape;
import io.tracediff.ops.MatrixPow;
import io.tracediff.ops.Mul;
import io.tracediff.ops.Neg;
import io.tracediff.ops.Sub;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Products and quotients of scalars in one normal form, as a computer-algebra system keeps a monomial: a rational
 * coefficient, each scalar factor once with its whole exponent, the matrix factors in their order, and whatever has
 * a negative exponent under one quotient bar. So 2 x / (2 sqrt(xᵀ x)) is x / sqrt(xᵀ x), 3 ‖A X‖² Aᵀ A X / ‖A X‖ is
 * 3 ‖A X‖ Aᵀ A X and −2 c a / (c²)² is −2 a / c³. Written in Java rather than as rule lines because it is
 * commutativity and associativity of scalar products applied all at once (what SymPy's Mul.flatten does), which
 * pairwise rewrite rules reach only by searching every order. Scalars commute with matrices, so moving them in
 * front is exact; a form is replaced only where the normal form reads shorter ({@link #cost}).
 */
public final class ScalarMonomials {
    private ScalarMonomials() {}

    /** One factor e^k of a product walk: push its operands to visit them (last in, first out: the right one first); false gives up. */
    interface FactorStep { boolean visit(Expr e, long k, java.util.Deque<Map.Entry<Expr, Long>> operands); }

    /**
     * Visits the factors of a product with their exponents, the scalar and entrywise normal forms' one walk: an explicit
     * stack, since a derived product can be thousands of factors long; false when a step gives up or an exponent passes
     * {@link #MAX_EXPONENT}.
     */
    static boolean walkFactors(Expr root, long power, FactorStep step) {
        var stack = new java.util.ArrayDeque<Map.Entry<Expr, Long>>();
        stack.push(Map.entry(root, power));
        while (!stack.isEmpty()) {
            var top = stack.pop();
            if (Math.abs(top.getValue()) > MAX_EXPONENT || !step.visit(top.getKey(), top.getValue(), stack)) return false;
        }
        return true;
    }

    /** {@link Simplifier#cost} with a whole-number exponent free, as on paper: a² reads as one symbol, shorter than a a. */
    static int cost(Expr e) { return cost(e, new IdentityHashMap<>()); }

    private static int cost(Expr root, Map<Expr, Integer> costs) {
        return PostOrder.fold(root, costs, (e, args) -> {
            long total = Simplifier.ownCost(e);
            for (int a : args) total += a;
            if (e instanceof Apply p && (p.op() == ElementPow.OP || p.op() == MatrixPow.OP) && p.arg(1) instanceof Num k && k.isInteger()) total--;
            return (int) Math.min(total, Integer.MAX_VALUE);
        });
    }

    /**
     * Whether a reads shorter than b: a lower {@link #cost}, or as low with fewer quotient bars (a / (b c), not a / b / c),
     * or with fewer terms (2 S − 2 P S, not S − 2 P S + S).
     */
    public static boolean shorter(Expr a, Expr b, Map<Expr, Integer> costs) { return shorter(a, b, costs, new IdentityHashMap<>(), new IdentityHashMap<>()); }

    /** As {@link #shorter(Expr, Expr, Map)} with the quotient and term counts memoised too (a walk per tie is quadratic on a deep model). */
    private static boolean shorter(Expr a, Expr b, Map<Expr, Integer> costs, Map<Expr, Integer> bars, Map<Expr, Integer> terms) {
        int ca = cost(a, costs), cb = cost(b, costs);
        if (ca != cb) return ca < cb;
        int qa = count(a, bars, Div.OP, Div.OP), qb = count(b, bars, Div.OP, Div.OP);
        if (qa != qb) return qa < qb;
        return count(a, terms, Add.OP, Sub.OP) < count(b, terms, Add.OP, Sub.OP);
    }

    /** How many nodes of e apply {@code op} or {@code alsoOp} (quotient bars; + and −), memoised in {@code counts}. */
    private static int count(Expr e, Map<Expr, Integer> counts, io.tracediff.expr.Op op, io.tracediff.expr.Op alsoOp) {
        return PostOrder.fold(e, counts, (x, args) -> {
            long n = x instanceof Apply a && (a.op() == op || a.op() == alsoOp) ? 1 : 0;
            for (int k : args) n += k;
            return (int) Math.min(n, Integer.MAX_VALUE);
        });
    }

    /** How {@code --steps} names this step. */
    public static final String NAME = "scalar-monomials (scalar factors collected, whole powers added)";

    /** Exponents past this are left as written (and products of them cannot overflow a long). */
    static final long MAX_EXPONENT = 1_000_000;

    /** The normal form of {@code e} when it reads shorter, else null: what gradients and Jacobians both ask. */
    public static Expr ifShorter(Expr e, UnaryOperator<Expr> rules) {
        Expr normal = normalize(e, rules);
        return shorter(normal, e, new IdentityHashMap<>()) ? normal : null;
    }

    /** {@code e} with every scalar product, quotient and whole power in normal form where that reads shorter. */
    public static Expr normalize(Expr e, UnaryOperator<Expr> rules) {
        Map<Expr, Integer> costs = new IdentityHashMap<>(), bars = new IdentityHashMap<>(), terms = new IdentityHashMap<>();
        java.util.Set<Expr> inner = innerSums(e);
        return PostOrder.fold(e, new HashMap<>(), (node, args) -> {
            Expr rebuilt = node;
            if (node instanceof Apply a) {
                boolean changed = false;
                for (int i = 0; i < args.size(); i++) changed |= args.get(i) != a.args().get(i);
                if (changed) rebuilt = Alg.apply(a.op(), args);
            }
            // A sum is collected once, whole, at its outermost +: collecting each partial sum too would cost the square of its length.
            Expr normal = isChainNode(rebuilt) ? normalForm(rebuilt, rules)
                    : isSum(rebuilt) && !inner.contains(node) ? likeTermsCollected(rebuilt, rules) : null;
            if (EntrywiseMonomials.applies(rebuilt)) {
                // ⊙ and ⊘ commute too: their product in normal form, its scaling then in the scalar one.
                Expr entrywise = EntrywiseMonomials.normalForm(rebuilt);
                Expr scaled = entrywise == null || !isChainNode(entrywise) ? entrywise : normalForm(entrywise, rules);
                normal = scaled != null ? scaled : entrywise;
            }
            if (normal == null || normal.equals(rebuilt) || !normal.shape().equals(rebuilt.shape())) return rebuilt;
            return shorter(normal, rebuilt, costs, bars, terms) ? normal : rebuilt;
        });
    }

    /** The sums that are an operand of another sum (by identity), in the one bottom-up walk, each node once. */
    private static java.util.Set<Expr> innerSums(Expr root) {
        java.util.Set<Expr> inner = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        io.tracediff.expr.PostOrder.fold(root, new IdentityHashMap<Expr, Boolean>(), (e, operands) -> {
            if (isSum(e)) for (Expr a : e.args()) if (isSum(a)) inner.add(a);
            return Boolean.TRUE;
        });
        return inner;
    }

    /** A sum or difference of two operands of one shape (a scalar broadcast over a matrix is left alone). */
    private static boolean isSum(Expr e) {
        return e instanceof Apply a && (a.op() == Add.OP || a.op() == Sub.OP) && a.arg(0).shape().equals(a.arg(1).shape());
    }

    /** The terms of a sum with their signs, in order (an explicit stack: a derived sum can have thousands of terms). */
    static void terms(Expr root, boolean negative, List<Expr> out, List<Boolean> signs) {
        var stack = new java.util.ArrayDeque<Map.Entry<Expr, Boolean>>();
        stack.push(Map.entry(root, negative));
        while (!stack.isEmpty()) {
            var top = stack.pop();
            Expr e = top.getKey();
            if (isSum(e)) {
                Apply a = (Apply) e;
                stack.push(Map.entry(a.arg(1), top.getValue() ^ (a.op() == Sub.OP)));
                stack.push(Map.entry(a.arg(0), top.getValue()));
            } else { out.add(e); signs.add(top.getValue()); }
        }
    }

    /** A sum with like terms (equal but for their coefficients) added up: 5 a² b² − 2 b² a² is 3 a² b². */
    private static Expr likeTermsCollected(Expr e, UnaryOperator<Expr> rules) {
        List<Expr> ts = new ArrayList<>();
        List<Boolean> signs = new ArrayList<>();
        terms(e, false, ts, signs);
        if (ts.size() > 1 << 20) return null;   // bounded: a sum this long is left as it is
        Expr collected = collected(e.shape(), ts, signs, rules);
        // A factored term may hide a cancellation: (A + B) C − B C is A C. Multiplied out once, kept only where shorter.
        List<Expr> open = new ArrayList<>();
        List<Boolean> openSigns = new ArrayList<>();
        if (!multipliedOut(ts, signs, open, openSigns)) return collected;
        Expr opened = collected(e.shape(), open, openSigns, rules);
        if (opened == null || open.size() - termCount(opened) < 2) return collected;
        return collected == null || cost(opened) < cost(collected) ? opened : collected;
    }

    /** How many terms a sum has (1 for a term that is not a sum). */
    private static int termCount(Expr e) {
        List<Expr> ts = new ArrayList<>();
        terms(e, false, ts, new ArrayList<>());
        return ts.size();
    }

    /**
     * The terms with each product of a sum and a factor multiplied out, one level: false when none is such a product,
     * or when the terms would pass {@link #MAX_MULTIPLIED_OUT}.
     */
    private static boolean multipliedOut(List<Expr> ts, List<Boolean> signs, List<Expr> out, List<Boolean> outSigns) {
        boolean any = false;
        for (int i = 0; i < ts.size(); i++) {
            Expr t = ts.get(i);
            boolean negative = signs.get(i);
            if (t instanceof Apply n && n.op() == Neg.OP) { t = n.arg(0); negative = !negative; }
            List<Expr> factors = t instanceof Apply a && a.op() == Mul.OP ? allFactors(t) : List.of();
            int at = 0;
            while (at < factors.size() && !isSum(factors.get(at))) at++;
            List<Expr> parts = new ArrayList<>();
            List<Boolean> partSigns = new ArrayList<>();
            if (at < factors.size()) terms(factors.get(at), negative, parts, partSigns);
            // A scalar broadcast in a sum of vectors or matrices, (s + m) C with m 1×N, is s 𝟏ᵀ C when multiplied out, not s C.
            for (Expr part : parts) if (!part.shape().equals(factors.get(at).shape())) { at = factors.size(); break; }
            if (at < factors.size()) {
                for (int j = 0; j < parts.size() && out.size() <= MAX_MULTIPLIED_OUT; j++) {
                    List<Expr> product = new ArrayList<>(factors);
                    product.set(at, parts.get(j));
                    out.add(Alg.chain(Mul.OP, product));
                    outSigns.add(partSigns.get(j));
                }
                any = true;
            } else { out.add(ts.get(i)); outSigns.add(signs.get(i)); }
            if (out.size() > MAX_MULTIPLIED_OUT) return false;
        }
        return any;
    }

    /**
     * Every factor of a product, scalars too, left to right (an explicit stack, as {@link #walkFactors}); in a product
     * that is not a number, a factor that is a number made by a product (uᵀ v in M (uᵀ v)) stays whole: chained again
     * left to right its factors would read M uᵀ v.
     */
    private static List<Expr> allFactors(Expr root) {
        List<Expr> out = new ArrayList<>();
        var stack = new java.util.ArrayDeque<Expr>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Expr e = stack.pop();
            if (e instanceof Apply a && a.op() == Mul.OP && (e == root || root.isScalar() || !e.isScalar())) { stack.push(a.arg(1)); stack.push(a.arg(0)); }
            else out.add(e);
        }
        return out;
    }

    /** Terms past this are not multiplied out to look for cancellations (a bound on the work, not on the answer). */
    private static final int MAX_MULTIPLIED_OUT = 256;

    /** The signed terms {@code ts} with like terms added up, or null when there is nothing to collect. */
    private static Expr collected(Shape shape, List<Expr> ts, List<Boolean> signs, UnaryOperator<Expr> rules) {
        Map<Object, Monomial> groups = new LinkedHashMap<>();
        Map<Object, Rational> exact = new HashMap<>();
        Map<Object, Double> smallest = new HashMap<>();   // the smallest |coefficient| added into each like term
        for (int i = 0; i < ts.size(); i++) {
            Monomial m = new Monomial();
            m.shape = shape;
            Object key;
            Rational c;
            if (m.add(ts.get(i), 1) && m.representable()) { m.normsMerged(); m.signsMerged(); m.symbolicCombined(rules); key = m.key(); c = m.exact; }
            else { m = Monomial.of(ts.get(i)); key = ts.get(i); c = Rational.ONE; }
            groups.putIfAbsent(key, m);
            // Added exactly, rounded once below: 10⁻²⁰ + 1 − 1 is 10⁻²⁰ (in doubles 0), and 0.1 + 0.2 is 0.3, as printed.
            Rational sum = exact.containsKey(key) ? exact.get(key).plus(signs.get(i) ? c.negate() : c) : signs.get(i) ? c.negate() : c;
            if (sum == null) return null;   // past the bound on exact numbers: the sum stays as written
            exact.put(key, sum);
            smallest.merge(key, Math.abs(c.toDouble()), Math::min);
        }
        Map<Object, Double> coefficients = new HashMap<>();
        for (var e : exact.entrySet()) {
            double c = e.getValue().toDouble();
            if (Double.isNaN(c) && e.getValue().signum() != 0) return null;   // no double holds it (10⁻⁴⁰⁰): the sum stays as written
            // 10⁻²⁰ S + S is not S: a sum whose double loses most of one of its parts stays as written.
            if (c != 0 && Alg.losesPart(e.getValue(), c, smallest.get(e.getKey()))) return null;
            if (c != 0 && !exactlyADouble(e.getValue())) return null;   // 1/3 + 1/7 is 10/21; 1.4142135623730951 + 1 has 18 digits
            coefficients.put(e.getKey(), c);
        }
        // Terms that differ only in one matrix factor share the rest: (xᵀ A x) B / s² + (xᵀ A x) Bᵀ / s² is (xᵀ A x) (B + Bᵀ) / s².
        Map<List<Object>, List<Object>> sameScalars = new LinkedHashMap<>();
        for (var g : groups.entrySet()) {
            Monomial m = g.getValue();
            double c = coefficients.get(g.getKey());
            if (!(g.getKey() instanceof List<?> key) || c == 0 || m.matrices.size() != 1 || m.powers.get(0) != 1) continue;
            sameScalars.computeIfAbsent(List.of(c, key.get(0), key.get(1)), k -> new ArrayList<>()).add(g.getKey());
        }
        sameScalars.values().removeIf(keys -> keys.size() < 2);
        boolean nothingToCollect = groups.size() == ts.size() && sameScalars.isEmpty();
        Map<Object, List<Object>> factoredAt = new HashMap<>();   // the first key of each shared group, and the others
        java.util.Set<Object> absorbed = new java.util.HashSet<>();
        for (List<Object> keys : sameScalars.values()) {
            factoredAt.put(keys.get(0), keys);
            absorbed.addAll(keys.subList(1, keys.size()));
        }
        // One number common to every term is written once: −0.5 S⁻¹ r rᵀ S⁻¹ + 0.5 S⁻¹ is 0.5 (S⁻¹ r rᵀ S⁻¹ … ), as a paper factors it.
        double common = Double.NaN;
        int kept = 0;
        boolean allNegative = true;
        for (var g : groups.entrySet()) {
            double c = coefficients.get(g.getKey());
            if (c == 0 || absorbed.contains(g.getKey())) continue;
            kept++;
            allNegative &= c < 0;
            common = Double.isNaN(common) || common == Math.abs(c) ? Math.abs(c) : -1;
        }
        // −2 (a + b) where every term is negative, 0.5 (b − a) otherwise
        double unit = kept >= 2 && common > 0 && (common != 1 || allNegative) && rational(common) != null ? (allNegative ? -common : common) : 1;
        if (nothingToCollect && unit == 1) return null;
        Expr out = null;
        List<Map.Entry<Object, Monomial>> order = new ArrayList<>(groups.entrySet());
        // With a number taken out, a positive term leads: 2 ((Vᵀ ⊗ U) K − I ⊗ X), not 2 (−I ⊗ X + (Vᵀ ⊗ U) K).
        if (unit != 1) order.sort((x, y) -> Boolean.compare(coefficients.get(x.getKey()) / unit < 0, coefficients.get(y.getKey()) / unit < 0));
        for (var g : order) {
            double c = coefficients.get(g.getKey());
            if (c == 0 || absorbed.contains(g.getKey())) continue;
            c /= unit;
            Monomial m = g.getValue();
            List<Object> shared = factoredAt.get(g.getKey());
            if (shared != null) m = m.withMatrix(shared.stream().map(k -> groups.get(k).matrices.get(0)).reduce(Alg::add).orElseThrow());
            Expr term = build(m, Math.abs(c), rules);
            if (out == null) out = c < 0 ? build(m, c, rules) : term;
            else out = c < 0 ? Alg.apply(Sub.OP, out, term) : Alg.add(out, term);
        }
        if (out != null && unit != 1) out = Alg.mul(new Num(unit), out);
        return out == null ? Alg.zero(shape) : out;
    }

    /** The terms of a sum with their signs, as sorted text: one key for every order of the same terms. */
    private static List<String> signedTerms(Expr e) {
        List<Expr> ts = new ArrayList<>();
        List<Boolean> signs = new ArrayList<>();
        terms(e, false, ts, signs);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ts.size(); i++) out.add((signs.get(i) ? "-" : "+") + ts.get(i));
        java.util.Collections.sort(out);
        return out;
    }

    private static boolean isChainNode(Expr e) {
        if (!(e instanceof Apply a)) return false;
        if (a.op() == Mul.OP) return a.arg(0).isScalar() || a.arg(1).isScalar() || !e.isScalar();
        if (a.op() == Div.OP || a.op() == Neg.OP) return true;
        return a.op() == ElementPow.OP && e.isScalar() && wholeExponent(a) != null;
    }

    private static Long wholeExponent(Apply power) {
        return power.arg(1) instanceof Num k && k.isInteger() && Math.abs(k.value()) <= MAX_EXPONENT ? (long) k.value() : null;
    }

    /**
     * The unit of {@link Monomial#exponents}: 1/27720, so that every exponent p/q with q ≤ 12 (lcm 1…12 = 27720) is a
     * whole number of units and det(X)^(−2/3) det(X) adds up to det(X)^(1/3).
     */
    static final long UNIT = 27_720;

    /** The collected factors of one product. */
    private static final class Monomial {
        /** The product of the numbers, exact; null where it passed the bound on exact numbers. */
        Rational exact = Rational.ONE;
        /** Whether a sum of numbers kept as written (10⁻²⁰ + 1) is one of them: then the product must be a double exactly. */
        boolean keptSum;
        /** Each scalar factor's exponent, in {@link #UNIT}s. */
        final Map<Expr, Long> exponents = new LinkedHashMap<>();
        /** The exponents that are expressions (a^(p − 1)), summed per base, until {@link #symbolicCombined} adds the numbers to them. */
        final Map<Expr, Expr> symbolic = new LinkedHashMap<>();
        /** Each base's whole exponent where part of it is an expression: a^(p − 1) a is a^p. */
        final Map<Expr, Expr> combined = new LinkedHashMap<>();
        final List<Expr> matrices = new ArrayList<>();
        /** How many times each of {@link #matrices} occurs at its place in the chain. */
        final List<Long> powers = new ArrayList<>();
        /** The shape of the whole product. */
        Shape shape;

        /** A term that is not a product: itself, to the power one. */
        static Monomial of(Expr e) {
            Monomial m = new Monomial();
            m.shape = e.shape();
            if (e.isScalar()) m.exponents.put(e, UNIT); else m.matrix(e, 1);
            return m;
        }

        /** What like terms share: the scalar factors with their exponents (in any order) and the matrices in order. */
        Object key() {
            Map<Expr, Long> nonzero = new HashMap<>();
            exponents.forEach((x, k) -> { if (k != 0) nonzero.put(x, k); });
            Map<Expr, List<String>> exponentTerms = new HashMap<>();   // p − 1 + q and p + q − 1 are one exponent
            combined.forEach((x, k) -> exponentTerms.put(x, signedTerms(k)));
            // The chain as it will be written, powers of one base added (X⁻ᵀ (X²)ᵀ X⁻ᵀ … is one term with I …).
            return List.of(nonzero, exponentTerms, chainKey(matrices, powers));
        }

        /**
         * Adds {@code root} raised to {@code power}; false when it cannot be written as a monomial (a matrix to a power
         * ≠ 1). Operands are pushed right first, so the matrix factors arrive left to right.
         */
        boolean add(Expr root, long power) {
            return walkFactors(root, power, (e, k, operands) -> {
                if (e instanceof Num n) {
                    Rational v = Rational.of(n.value());
                    if (exact != null) exact = v == null ? null : exact.times(k == 1 ? v : v.pow(k));
                    return true;
                }
                if (e instanceof Apply one && one.op() instanceof io.tracediff.ops.Ones && e.isScalar()) return true;   // the 1×1 𝟏 is 1
                // A sum of numbers kept as written (10⁻²⁰ + 2: in doubles 2) is a number here, added exactly.
                Rational constant = isChainNode(e) ? null : Alg.exactConstant(e);
                if (constant != null) {
                    keptSum = true;
                    if (exact != null) exact = exact.times(k == 1 ? constant : constant.pow(k));
                    return true;
                }
                if (e instanceof Apply a) {
                    if (a.op() == Neg.OP) { if (k % 2 != 0 && exact != null) exact = exact.negate(); operands.push(Map.entry(a.arg(0), k)); return true; }
                    if (a.op() == Div.OP) { operands.push(Map.entry(a.arg(1), -k)); operands.push(Map.entry(a.arg(0), k)); return true; }
                    // (A B)ᵀ = Bᵀ Aᵀ: a transposed chain's factors join the chain, so (X² u xᵀ X⁻³)ᵀ and X⁻ᵀ x uᵀ (X²)ᵀ are one term
                    if (a.op() == Transpose.OP && k == 1 && !e.isScalar() && a.arg(0) instanceof Apply p && p.op() == Mul.OP) {
                        operands.push(Map.entry(Alg.transpose(p.arg(0)), k));
                        operands.push(Map.entry(Alg.transpose(p.arg(1)), k));
                        return true;
                    }
                    if (a.op() == Mul.OP && (a.arg(0).isScalar() || a.arg(1).isScalar() || !e.isScalar())) {
                        operands.push(Map.entry(a.arg(1), k));
                        operands.push(Map.entry(a.arg(0), k));
                        return true;
                    }
                    if (a.op() == ElementPow.OP && e.isScalar()) {
                        Long m = wholeExponent(a);
                        if (m != null && Math.abs(m) <= MAX_EXPONENT / Math.max(1, Math.abs(k))) { operands.push(Map.entry(a.arg(0), k * m)); return true; }
                        // A fractional power is one factor of its base, never split ((a b)^(1/2) is not a^(1/2) b^(1/2) for
                        // negative a and b): its exponent adds to the base's, where aᵖ aᵍ = aᵖ⁺ᵍ wherever the left is defined.
                        long[] pq = a.arg(1) instanceof Num q ? rational(q.value()) : null;
                        // Only a fraction whose denominator divides UNIT is a whole number of units: 1/27 was 1026 units, 29/770.
                        if (pq != null && Math.abs(pq[0]) <= MAX_EXPONENT && UNIT % pq[1] == 0) { exponents.merge(a.arg(0), k * pq[0] * (UNIT / pq[1]), Long::sum); return true; }
                        // An exponent that is an expression adds to the base's too: aᵖ⁻¹ a = aᵖ holds wherever the left is defined.
                        if (!(a.arg(1) instanceof Num) && a.arg(1).isScalar()) {
                            Expr times = k == 1 ? a.arg(1) : Alg.mul(new Num(k), a.arg(1));
                            symbolic.merge(a.arg(0), times, Alg::add);
                            exponents.putIfAbsent(a.arg(0), 0L);
                            return true;
                        }
                    }
                    // sqrt(a) is a^(1/2): det(X) / sqrt(det(X))² is 1
                    if (a.op().equals(SQRT) && e.isScalar()) { exponents.merge(a.arg(0), k * (UNIT / 2), Long::sum); return true; }
                    if (a.op() == MatrixPow.OP && k == 1 && !e.isScalar()) {
                        Long m = wholeExponent(a);
                        if (m != null && m >= 1) { matrix(a.arg(0), m); return true; }
                    }
                }
                if (e.isScalar()) { exponents.merge(e, k * UNIT, Long::sum); return true; }
                if (k != 1) return false;
                matrix(e, 1);
                return true;
            });
        }

        /**
         * xᵀ x as ‖x‖² where ‖x‖ is a factor too, so that powers of the one base add: xᵀ x / ‖x‖³ is 1 / ‖x‖ and
         * sqrt(xᵀ x) / ‖x‖ is 1. Where ‖x‖ is not a factor, xᵀ x stays as written.
         */
        void normsMerged() {
            for (var entry : new ArrayList<>(exponents.entrySet())) {
                if (!(entry.getKey() instanceof Apply p && p.op() == Mul.OP && p.arg(0) instanceof Apply t && t.op() == Transpose.OP
                        && t.arg(0).equals(p.arg(1)) && p.arg(1).shape().isColumn())) continue;
                Expr norm = Alg.apply(io.tracediff.ops.Norm2.OP, p.arg(1));
                if (!exponents.containsKey(norm) || Math.abs(entry.getValue()) > MAX_EXPONENT * UNIT) continue;
                exponents.remove(entry.getKey());
                exponents.merge(norm, 2 * entry.getValue(), Long::sum);
            }
        }

        /**
         * a sign(a) as |a| (exact, 0 at 0 too) and sign(a) / |a| as 1 / a, so that det(X) sign(det(X)) / |det(X)| is 1:
         * the derivative of log |det(X)| is X⁻ᵀ. Only whole powers pair up.
         */
        void signsMerged() {
            for (var entry : new ArrayList<>(exponents.entrySet())) {
                if (!(entry.getKey() instanceof Apply s && s.op().equals(SIGN))) continue;
                Expr base = s.arg(0), abs = Alg.apply(ABS, base);
                long ks = entry.getValue(), kb = exponents.getOrDefault(base, 0L), ka = exponents.getOrDefault(abs, 0L);
                if (ks <= 0 || ks % UNIT != 0) continue;
                if (kb > 0 && kb % UNIT == 0) {
                    long pairs = Math.min(ks, kb);
                    exponents.merge(entry.getKey(), -pairs, Long::sum);
                    exponents.merge(base, -pairs, Long::sum);
                    exponents.merge(abs, pairs, Long::sum);
                    ks -= pairs;
                    ka += pairs;
                }
                // sign(a) / |a| is 1 / a (both undefined at 0): log |a| differentiates to 1 / a.
                if (ks > 0 && ka < 0 && ka % UNIT == 0) {
                    long pairs = Math.min(ks, -ka);
                    exponents.merge(entry.getKey(), -pairs, Long::sum);
                    exponents.merge(abs, pairs, Long::sum);
                    exponents.merge(base, -pairs, Long::sum);
                }
            }
        }

        /**
         * Whether the numbers multiply to one that a double holds, and that is not 0 (0 x is left to the rules); with a kept
         * sum among them, holds exactly: 2 (10⁻²⁰ + 1) rounded to 2 lost the part the sum was kept for.
         */
        boolean representable() {
            // A product that no double reads back as (4 · 10⁻²⁰/7, 7³⁰) keeps its factors: its double is another number.
            return exact != null && exact.signum() != 0 && exactlyADouble(exact);
        }

        /** This monomial with its one matrix factor replaced by {@code matrix}. */
        Monomial withMatrix(Expr matrix) {
            Monomial m = new Monomial();
            m.exact = exact;
            m.keptSum = keptSum;
            m.exponents.putAll(exponents);
            m.combined.putAll(combined);
            m.shape = shape;
            m.matrices.add(matrix);
            m.powers.add(1L);
            return m;
        }

        /** Moves each base with an expression in its exponent to {@link #combined}: its numbers added, simplified by {@code rules}. */
        void symbolicCombined(UnaryOperator<Expr> rules) {
            for (var entry : symbolic.entrySet()) {
                long units = exponents.getOrDefault(entry.getKey(), 0L);
                Expr number = units % UNIT == 0 ? new Num(units / UNIT) : new Num(units / (double) UNIT);
                Expr total = normalize(rules.apply(units == 0 ? entry.getValue() : Alg.add(entry.getValue(), number)), rules);
                exponents.remove(entry.getKey());
                if (total instanceof Num n && n.value() * UNIT == Math.rint(n.value() * UNIT) && Math.abs(n.value()) <= MAX_EXPONENT)
                    exponents.put(entry.getKey(), (long) Math.rint(n.value() * UNIT));   // p − p: back to a number
                else combined.put(entry.getKey(), total);
            }
            symbolic.clear();
        }

        /** One more factor of the matrix chain: the same square matrix twice running is a power (X X = X²). */
        private void matrix(Expr base, long times) {
            int last = matrices.size() - 1;
            if (last >= 0 && matrices.get(last).equals(base) && powers.get(last) <= MAX_EXPONENT - times) powers.set(last, powers.get(last) + times);
            else { matrices.add(base); powers.add(times); }
        }
    }

    /** Whether r is exactly the number its double stands for ({@link Rational#of}: 1/3 is, 1 + 10⁻²⁰ is not). */
    static boolean exactlyADouble(Rational r) {
        double d = r.toDouble();
        return !Double.isNaN(d) && r.equals(Rational.of(d));
    }

    /** The normal form of the product rooted at {@code e}, or null when it has none. */
    private static Expr normalForm(Expr e, UnaryOperator<Expr> rules) {
        Monomial m = new Monomial();
        m.shape = e.shape();
        if (!m.add(e, 1) || !m.representable()) return null;
        m.normsMerged();
        m.signsMerged();
        m.symbolicCombined(rules);
        return build(m, m.exact.toDouble(), rules);
    }

    /**
     * The monomial's factors times {@code signed} as a paper writes them: the number, named scalars in
     * alphabetical order, other scalars as they first appeared, the matrices, and one quotient bar.
     */
    private static Expr build(Monomial m, double signed, UnaryOperator<Expr> rules) {
        double coefficient = Math.abs(signed);
        long[] ratio = rational(coefficient);
        List<Expr> top = new ArrayList<>(), bottom = new ArrayList<>();
        if (ratio == null) { if (coefficient != 1) top.add(new Num(coefficient)); }
        else {
            if (ratio[0] != 1) top.add(new Num(ratio[0]));
            if (ratio[1] != 1) bottom.add(new Num(ratio[1]));
        }
        List<Map.Entry<Expr, Long>> factors = new ArrayList<>(quotientsByRule(m.exponents, rules).entrySet());
        // A stable sort: names first, alphabetically; compound factors keep their order.
        factors.sort((x, y) -> x.getKey() instanceof Var a
                ? (y.getKey() instanceof Var b ? a.name().compareTo(b.name()) : -1)
                : (y.getKey() instanceof Var ? 1 : 0));
        for (var x : factors) {
            long k = x.getValue();
            if (k > 0) top.add(powerInUnits(x.getKey(), k));
            else if (k < 0) bottom.add(powerInUnits(x.getKey(), -k));
        }
        m.combined.forEach((base, exponent) -> top.add(Alg.apply(ElementPow.OP, base, exponent)));
        if (!m.matrices.isEmpty()) {
            List<Expr> chain = chain(m);
            top.addAll(chain.isEmpty() ? List.of(Alg.apply(new Eye(m.shape.rows()))) : chain);
        }
        // The sign on the leading number where there is one (−2 a / c³), else in front of the whole (−(x / y)).
        boolean negate = false;
        if (signed < 0) {
            if (top.isEmpty()) top.add(new Num(-1));
            else if (top.get(0) instanceof Num n) top.set(0, new Num(-n.value()));
            else negate = true;
        }
        Expr numerator = top.isEmpty() ? Num.ONE : Alg.chain(Mul.OP, top);
        Expr out = bottom.isEmpty() ? numerator : Alg.div(numerator, Alg.chain(Mul.OP, bottom));
        return negate ? Alg.neg(out) : out;
    }

    /**
     * The scalar factors with each quotient of two of them that the simplification rules write as one factor so
     * written (eᶻ / (1 + eᶻ) is σ(z), by sigmoid-scalar-quotient): the normal form scatters a quotient's parts.
     */
    private static Map<Expr, Long> quotientsByRule(Map<Expr, Long> exponents, UnaryOperator<Expr> rules) {
        Map<Expr, Long> out = new LinkedHashMap<>(exponents);
        if (out.size() < 2 || out.size() > 16) return out;
        for (var top : exponents.entrySet()) {
            if (top.getValue() != UNIT || !out.containsKey(top.getKey())) continue;
            for (var bottom : exponents.entrySet()) {
                if (bottom.getValue() != -UNIT || !out.containsKey(bottom.getKey())) continue;
                Expr q = Alg.div(top.getKey(), bottom.getKey());
                Expr s = rules.apply(q);
                if (s.equals(q) || cost(s) >= cost(q)) continue;
                out.remove(top.getKey());
                out.remove(bottom.getKey());
                out.merge(s, UNIT, Long::sum);
                break;
            }
        }
        return out;
    }

    /**
     * The matrix factors with each inverse pair that meets cancelled (X X⁻¹ = I, Aᵀ A⁻ᵀ = I), and also tried with
     * (A B)⁻¹ = B⁻¹ A⁻¹ for square A and B (invertible, since their product is), kept where that reads shorter:
     * Aᵀ (A X B)⁻ᵀ Bᵀ is X⁻ᵀ.
     */
    private static List<Expr> chain(Monomial m) {
        List<Expr> plain = cancelled(m.matrices, m.powers, false);
        List<Expr> expanded = cancelled(m.matrices, m.powers, true);
        if (expanded.equals(plain)) return plain;
        return cost(product(expanded, m.shape)) < cost(product(plain, m.shape)) ? expanded : plain;
    }

    private static Expr product(List<Expr> factors, Shape shape) {
        return factors.isEmpty() ? Alg.apply(new Eye(shape.rows())) : Alg.chain(Mul.OP, factors);
    }

    /** The chain as {@link #cancelled} leaves it, each factor as (base, ᵀ, exponent): (X²)ᵀ and (Xᵀ)² are one factor. */
    private static List<List<Object>> chainKey(List<Expr> bases, List<Long> powers) {
        List<ChainPower> stack = new ArrayList<>();
        for (int i = 0; i < bases.size(); i++) push(stack, ChainPower.of(bases.get(i), powers.get(i)));
        List<List<Object>> out = new ArrayList<>(stack.size());
        for (ChainPower p : stack) out.add(List.of(p.base(), p.transposed(), p.k()));
        return out;
    }

    private static List<Expr> cancelled(List<Expr> bases, List<Long> powers, boolean expand) {
        List<ChainPower> stack = new ArrayList<>();
        for (int i = 0; i < bases.size(); i++) {
            List<Expr> pieces = expand && powers.get(i) == 1 ? inverseOfProduct(bases.get(i)) : null;
            if (pieces == null) push(stack, ChainPower.of(bases.get(i), powers.get(i)));
            else for (Expr piece : pieces) push(stack, ChainPower.of(piece, 1));
        }
        List<Expr> out = new ArrayList<>(stack.size());
        for (ChainPower p : stack) out.add(p.expr());
        return out;
    }

    /**
     * One factor of a chain as a power of a square base, (Bᵏ)ᵀ with k &lt; 0 for inverses: X⁻ᵀ is (X, −1, ᵀ) and (X²)ᵀ is
     * (X, 2, ᵀ), so that neighbours of one base add their exponents, X⁻¹ X² = X and X⁻ᵀ (X²)ᵀ X⁻ᵀ = I (every inverse
     * exists where the chain is defined). {@code written} is the factor as it came, kept where nothing merged with it.
     */
    private record ChainPower(Expr base, boolean transposed, long k, Expr written) {
        static ChainPower of(Expr f, long times) {
            boolean t = false;
            long k = times;
            Expr b = f;
            for (int guard = 0; guard < 64; guard++) {
                if (b instanceof Apply a && a.op() == Transpose.OP) { t = !t; b = a.arg(0); }
                else if (b instanceof Apply a && a.op() == Inv.OP) { k = -k; b = a.arg(0); }
                else if (b instanceof Apply a && a.op() == MatrixPow.OP && wholeExponent(a) != null && wholeExponent(a) >= 1
                        && Math.abs(k) <= MAX_EXPONENT / wholeExponent(a)) { k *= wholeExponent(a); b = a.arg(0); }
                else break;
            }
            if (b.isScalar() || !b.shape().isSquare()) return new ChainPower(f, false, times, times == 1 ? f : null);
            return new ChainPower(b, t, k, times == 1 ? f : null);
        }

        /** This power, times {@code other} of the same base and orientation: null when they cancel to I. */
        ChainPower times(ChainPower other) {
            long sum = k + other.k;
            return sum == 0 ? null : new ChainPower(base, transposed, sum, null);
        }

        boolean sameBase(ChainPower other) { return transposed == other.transposed && base.equals(other.base) && Math.abs(k + other.k) <= MAX_EXPONENT; }

        Expr expr() {
            if (written != null) return written;
            // (Xᵀ)ᵏ, one symbol to a power, as the chain wrote it before (not (Xᵏ)ᵀ, which the e-graph may open into Xᵀ Xᵀ)
            if (transposed && k >= 2) return Alg.apply(MatrixPow.OP, Alg.transpose(base), new Num(k));
            Expr core = k == 1 ? base : k == -1 ? Alg.apply(Inv.OP, base)
                    : k > 0 ? Alg.apply(MatrixPow.OP, base, new Num(k)) : Alg.apply(MatrixPow.OP, Alg.apply(Inv.OP, base), new Num(-k));
            return transposed ? Alg.transpose(core) : core;
        }
    }

    /** Multiplies the chain on the stack by p: powers of one base next to each other add, and vanish at exponent 0. */
    private static void push(List<ChainPower> stack, ChainPower p) {
        int top = stack.size() - 1;
        if (top >= 0 && stack.get(top).sameBase(p)) {
            ChainPower merged = stack.remove(top).times(p);
            if (merged != null) stack.add(merged);
            return;
        }
        stack.add(p);
    }

    /** f⁻¹ in the form the chain writes it (X⁻¹, X⁻ᵀ as the transposed inverse), or null when f is not square. */
    private static Expr inverse(Expr f) {
        if (!f.shape().rows().equals(f.shape().cols())) return null;
        if (f instanceof Apply a && a.op() == Inv.OP) return a.arg(0);
        if (f instanceof Apply t && t.op() == Transpose.OP) {
            if (t.arg(0) instanceof Apply i && i.op() == Inv.OP) return Alg.transpose(i.arg(0));
            return Alg.transpose(Alg.apply(Inv.OP, t.arg(0)));
        }
        return Alg.apply(Inv.OP, f);
    }

    /** (A B C)⁻¹ as C⁻¹ B⁻¹ A⁻¹, and (A B C)⁻ᵀ as A⁻ᵀ B⁻ᵀ C⁻ᵀ, when every factor is square; else null. */
    private static List<Expr> inverseOfProduct(Expr f) {
        boolean transposed = f instanceof Apply t && t.op() == Transpose.OP;
        Expr inv = transposed ? f.args().get(0) : f;
        if (!(inv instanceof Apply i && i.op() == Inv.OP && i.arg(0) instanceof Apply p && p.op() == Mul.OP)) return null;
        List<Expr> factors = new ArrayList<>();
        for (Expr x : Alg.productFactors(i.arg(0))) if (x.isScalar() || !x.shape().isSquare()) return null; else factors.add(x);
        List<Expr> out = new ArrayList<>(factors.size());
        for (Expr x : factors) out.add(transposed ? Alg.transpose(inverse(x)) : inverse(x));
        if (!transposed) java.util.Collections.reverse(out);
        return out;
    }

    static Expr power(Expr base, long k) { return k == 1 ? base : Alg.apply(ElementPow.OP, base, new Num(k)); }

    /** The square root, which a scalar monomial holds as the power 1/2. */
    private static final io.tracediff.ops.ElementFn SQRT = new io.tracediff.ops.ElementFn(io.tracediff.ops.Functions.builtin().get("sqrt").orElseThrow());
    /** sign and abs, which {@link Monomial#signsMerged} pairs: a sign(a) = |a|. */
    private static final io.tracediff.ops.ElementFn SIGN = new io.tracediff.ops.ElementFn(io.tracediff.ops.Functions.builtin().get("sign").orElseThrow()),
            ABS = new io.tracediff.ops.ElementFn(io.tracediff.ops.Functions.builtin().get("abs").orElseThrow());

    /** base to the power of {@code units} / {@link #UNIT}: whole, a power of sqrt(base) for k/2, else the double nearest the fraction in lowest terms. */
    private static Expr powerInUnits(Expr base, long units) {
        if (units % UNIT == 0) return power(base, units / UNIT);
        if (units % (UNIT / 2) == 0) return power(Alg.apply(SQRT, base), units / (UNIT / 2));   // sqrt(xᵀ x)³, as for a whole power
        long g = org.apache.commons.math3.util.ArithmeticUtils.gcd(Math.abs(units), UNIT);
        return Alg.apply(ElementPow.OP, base, new Num((double) (units / g) / (double) (UNIT / g)));
    }


    /**
     * c as p/q with q ≤ 12, or q ≤ 1000 where c is the double of p/q and its decimal needs every digit (x / 101, not
     * 0.009900990099009901 x; a typed 0.001 stays itself); null otherwise. Exactly the number c stands for
     * ({@link Rational#of}): −0.999999999999999 (−1 + 10⁻¹⁵ added exactly) is not −1, which dropped the 10⁻¹⁵ of
     * c − 1 + 10⁻¹⁵, and 10⁻¹⁶ − 1 as an exponent was taken for −1.
     */
    private static long[] rational(double c) {
        if (c == 0 || !Double.isFinite(c)) return c == 0 ? new long[] {0, 1} : null;
        io.tracediff.algebra.Rational r = io.tracediff.algebra.Rational.of(c);
        if (r == null || r.denominator().bitLength() > 20 || r.numerator().bitLength() > 50) return null;
        long p = r.numerator().longValueExact(), q = r.denominator().longValueExact();
        if (q <= 12) return Math.abs(p) < 1e15 ? new long[] {p, q} : null;
        if (q > 1000 || Math.abs(c) > 1e6 || Math.abs(c) < 1e-6 || Math.abs(p) >= 1e6) return null;
        return io.tracediff.expr.Num.shortestDecimal(c).precision() >= 15 ? new long[] {p, q} : null;
    }
}

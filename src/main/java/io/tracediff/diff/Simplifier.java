package io.tracediff.diff;

import io.tracediff.algebra.Alg;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.ops.Add;
import io.tracediff.ops.Functions;
import io.tracediff.ops.Hadamard;
import io.tracediff.ops.Mul;
import io.tracediff.ops.Sub;
import io.tracediff.ops.Inv;
import io.tracediff.ops.Transpose;
import io.tracediff.rules.PatternBindings;
import io.tracediff.rules.PatternBuilder;
import io.tracediff.rules.Rule;
import io.tracediff.rules.RuleSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites results to a compact closed form with {@code simplify.rules}: bottom up, {@code ->} rules
 * wherever they match and {@code ~>} rules only where the result costs less (see {@link #cost}), so the
 * rewriting always ends. Each distinct subexpression is simplified once.
 */
public final class Simplifier {
    /** A bound on rewrites at one node: a rule set that cycles stops here instead of looping. */
    private static final int MAX_REWRITES = 64;

    private final RuleSet rules;
    private final PatternBuilder builder;
    private final Map<Expr, Expr> memo = new HashMap<>();
    /** Rewrites left and nesting depth: rule sets that undo each other through new subterms stop, not overflow. */
    private int budget = 20_000, depth;
    private static final int MAX_DEPTH = 400;
    /** The limit that left part of a form unsimplified (null: none); said to the user, never silent. */
    private String stoppedOn;

    public Simplifier(RuleSet rules, Functions functions) {
        this.rules = rules;
        this.builder = PatternBuilder.forRewriting(functions, "simplification", true);
    }

    public Expr simplify(Expr e) {
        Expr done = memo.get(e);
        if (done != null) return done;
        if (depth >= MAX_DEPTH) { stop("its nesting limit (" + MAX_DEPTH + " levels)"); return e; }
        if (budget <= 0) { stop("its rewrite budget (20,000 rewrites)"); return e; }
        depth++;
        try {
            // A long sum or product is a left-leaning spine: walk it with a list, not with one level of recursion per
            // term, so a sum of a thousand terms is simplified whole instead of stopping at the nesting limit.
            List<Apply> spine = new ArrayList<>();
            Expr at = e;
            while (at instanceof Apply a && a.args().size() == 2 && !memo.containsKey(at)) { spine.add(a); at = a.arg(0); }
            if (spine.size() < 2) {
                Expr result = rewriteRoot(simplifyChildren(e));
                remember(e, result);
                return result;
            }
            Expr acc = simplify(at);
            for (int i = spine.size() - 1; i >= 0; i--) {
                Apply node = spine.get(i);
                Expr result = rewriteRoot(Alg.apply(node.op(), acc, simplify(node.arg(1))));
                remember(node, result);
                acc = result;
            }
            return acc;
        } finally {
            depth--;
        }
    }

    private void remember(Expr e, Expr result) {
        memo.put(e, result);
        memo.putIfAbsent(result, result);
    }

    private void stop(String what) { if (stoppedOn == null) stoppedOn = what; }

    /** The limit that stopped part of the simplification, as "its … limit (…)", or null when none did. */
    public String limitReached() { return stoppedOn; }

    /** Simplified operands under the canonical constructor (trees from the parser are built as written). */
    private Expr simplifyChildren(Expr e) {
        if (!(e instanceof Apply a) || a.args().isEmpty()) return e;
        List<Expr> args = new ArrayList<>(a.args().size());
        for (Expr arg : a.args()) args.add(simplify(arg));
        return Alg.apply(a.op(), args);
    }

    private Expr rewriteRoot(Expr e) {
        // Forms already seen at this node: rules that undo each other (a(bC) and b(aC)) stop instead of cycling.
        java.util.Set<Expr> seen = new java.util.HashSet<>();
        seen.add(e);
        for (int step = 0; step < MAX_REWRITES; step++) {
            if (--budget <= 0) { stop("its rewrite budget (20,000 rewrites)"); return e; }
            Expr next = applyOnce(e, seen);
            if (next == null) next = regroup(e);
            if (next == null) return e;
            next = simplifyChildren(next);
            if (!seen.add(next)) return e;
            e = next;
        }
        stop("its limit of " + MAX_REWRITES + " rewrites at one subexpression");
        return e;
    }

    /**
     * Rules see binary trees, but products and ⊙ are associative (and ⊙ commutative): try the rules on
     * neighbouring factors of a product chain and on any two factors of a ⊙ chain, and take common
     * leading or trailing factors out of a sum or difference of products; keep what reads shorter.
     */
    private Expr regroup(Expr e) {
        if (!(e instanceof Apply a) || a.args().size() != 2) return null;
        int cost = costOf(e);
        if (a.op() == Mul.OP || a.op() == Hadamard.OP) {
            List<Expr> fs = new ArrayList<>();
            flatten(e, a.op(), fs);
            if (fs.size() < 3) return null;
            boolean commutes = a.op().commutative();
            for (int i = 0; i < fs.size(); i++)
                for (int j = i + 1; j < (commutes ? fs.size() : Math.min(fs.size(), i + 2)); j++) {
                    Expr pair = Alg.apply(a.op(), fs.get(i), fs.get(j));
                    Expr s = simplify(pair);
                    if (s.equals(pair) || costOf(s) >= costOf(pair)) continue;
                    List<Expr> rest = new ArrayList<>(fs);
                    rest.remove(j);
                    rest.set(i, s);
                    Expr out = Alg.chain(a.op(), rest);
                    if (out.shape().equals(e.shape()) && costOf(out) < cost) return out;
                }
            return null;
        }
        if (a.op() != Add.OP && a.op() != Sub.OP) return null;
        List<Expr> l = new ArrayList<>(), r = new ArrayList<>();
        flatten(a.arg(0), Mul.OP, l);
        flatten(a.arg(1), Mul.OP, r);
        int max = Math.min(l.size(), r.size()) - 1;
        if (!a.arg(0).shape().equals(a.arg(1).shape())) return null; // a broadcast sum does not factor
        int prefix = 0, suffix = 0;
        while (prefix < max && l.get(prefix).equals(r.get(prefix))) prefix++;
        while (suffix < max && l.get(l.size() - 1 - suffix).equals(r.get(r.size() - 1 - suffix))) suffix++;
        Expr best = null;
        if (prefix > 0) best = cheaper(best, Alg.mul(Alg.chain(Mul.OP, l.subList(0, prefix)),
                Alg.apply(a.op(), Alg.chain(Mul.OP, l.subList(prefix, l.size())), Alg.chain(Mul.OP, r.subList(prefix, r.size())))), cost, e);
        if (suffix > 0) best = cheaper(best, Alg.mul(Alg.apply(a.op(), Alg.chain(Mul.OP, l.subList(0, l.size() - suffix)),
                Alg.chain(Mul.OP, r.subList(0, r.size() - suffix))), Alg.chain(Mul.OP, l.subList(l.size() - suffix, l.size()))), cost, e);
        return best;
    }

    private Expr cheaper(Expr best, Expr candidate, int cost, Expr e) {
        if (!candidate.shape().equals(e.shape())) return best;
        if (candidate instanceof Apply c && c.op() == Mul.OP && hasBroadcastSum(c)) return best;
        Expr s = simplify(candidate);
        int limit = best == null ? cost : costOf(best);
        return costOf(s) < limit ? s : best;
    }

    /** The factors of a chain; the scalar of a scaling s·M is one factor, as M's neighbours need not multiply. */
    /** A sum or difference of a scalar and a matrix among the operands (a factoring that changed meaning). */
    private static boolean hasBroadcastSum(Apply product) {
        for (Expr arg : product.args())
            if (arg instanceof Apply s && (s.op() == Add.OP || s.op() == Sub.OP) && s.arg(0).isScalar() != s.arg(1).isScalar()) return true;
        return false;
    }

    private static void flatten(Expr e, io.tracediff.expr.Op op, List<Expr> out) {
        if (e instanceof Apply a && a.op() == op && a.args().size() == 2) {
            boolean scaling = a.arg(0).isScalar() != a.arg(1).isScalar();
            if (scaling && a.arg(0).isScalar()) out.add(a.arg(0)); else flatten(a.arg(0), op, out);
            if (scaling && a.arg(1).isScalar()) out.add(a.arg(1)); else flatten(a.arg(1), op, out);
        } else out.add(e);
    }

    private Expr build(Rule r, PatternBindings b) {
        try {
            return builder.build(r.rhs(), b);
        } catch (PatternBuilder.Rejected | io.tracediff.shape.ShapeException notHere) {
            return null;
        }
    }

    /** One rewrite at the root, or null when no rule applies. */
    private Expr applyOnce(Expr e, java.util.Set<Expr> seen) {
        List<Expr> at = List.of(e);
        Expr out = rules.firstApplicable(Rule.Kind.SIMPLIFY, at, (r, matches) -> {
            PatternBindings b = null;
            for (PatternBindings m : matches) if (r.admits(m)) { b = m; break; }
            if (b == null) return null;
            Expr built = build(r, b);
            return built != null && !built.equals(e) && built.shape().equals(e.shape()) && !seen.contains(simplifyChildren(built)) ? built : null;
        });
        if (out != null) return out;
        int cost = costOf(e);
        return rules.firstApplicable(Rule.Kind.SIMPLIFY_IF_SMALLER, at, (r, matches) -> {
            for (PatternBindings b : matches) {
                if (!r.admits(b)) continue;
                Expr built = build(r, b);
                if (built == null || built.equals(e) || !built.shape().equals(e.shape())) continue;
                Expr simplified = simplifyChildren(built);
                if (costOf(simplified) < cost) return simplified;
            }
            return null;
        });
    }

    /** {@link #cost} memoised over the DAG: a tree walk per comparison grows with the square of a deep model. */
    private final Map<Expr, Integer> costs = new java.util.IdentityHashMap<>();

    private int costOf(Expr root) { return cost(root, costs); }

    /** {@link #cost} with a memo of the costs already known (by identity), filled bottom-up without recursion. */
    static int cost(Expr root, Map<Expr, Integer> costs) {
        return io.tracediff.expr.PostOrder.fold(root, costs, (e, args) -> {
            long total = ownCost(e);
            for (int a : args) total += a;
            return (int) Math.min(total, Integer.MAX_VALUE);
        });
    }

    /** One node's share of {@link #cost}. */
    static int ownCost(Expr e) {
        if (e instanceof Apply a && a.op() == Transpose.OP) {
            Expr x = a.arg(0);
            boolean atom = x instanceof Var || x instanceof Apply i && i.op() == Inv.OP && i.arg(0) instanceof Var;
            return atom ? 0 : x instanceof Apply m && m.op() == Mul.OP && !m.arg(0).isScalar() ? 3 : 2;
        }
        return 1;
    }

    /**
     * What a form costs to read: its nodes, with a transpose of a name (or of inv of a name) free, since
     * on paper Xᵀ and X⁻ᵀ are one symbol, and a transpose of anything larger paying for its parentheses.
     */
    public static int cost(Expr root) { return cost(root, new java.util.IdentityHashMap<>()); }
}

package io.tracediff.diff;

import io.tracediff.expr.Alg;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.ops.Functions;
import io.tracediff.ops.Inv;
import io.tracediff.ops.Neg;
import io.tracediff.ops.ScalarFunction;
import io.tracediff.ops.Transpose;
import io.tracediff.rules.Bindings;
import io.tracediff.rules.PatternBuilder;
import io.tracediff.rules.PatternMatcher;
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

    private final List<Rule> always;
    private final List<Rule> ifSmaller;
    private final PatternBuilder builder;
    private final Map<Expr, Expr> memo = new HashMap<>();

    public Simplifier(RuleSet rules, Functions functions) {
        this.always = rules.of(Rule.Kind.SIMPLIFY);
        this.ifSmaller = rules.of(Rule.Kind.SIMPLIFY_IF_SMALLER);
        this.builder = new PatternBuilder(new PatternBuilder.Context() {
            @Override public Expr differential(Expr e) { throw new IllegalStateException("simplification rules take no differentials"); }
            @Override public Expr derivative(ScalarFunction f, Expr arg) { throw new IllegalStateException("simplification rules take no derivatives"); }
            @Override public ScalarFunction function(String name) { return functions.get(name).orElse(null); }
        });
    }

    public Expr simplify(Expr e) {
        Expr done = memo.get(e);
        if (done != null) return done;
        Expr children = simplifyChildren(e);
        Expr result = rewriteRoot(children);
        memo.put(e, result);
        memo.putIfAbsent(result, result);
        return result;
    }

    private Expr simplifyChildren(Expr e) {
        if (!(e instanceof Apply a) || a.args().isEmpty()) return e;
        List<Expr> args = new ArrayList<>(a.args().size());
        boolean changed = false;
        for (Expr arg : a.args()) {
            Expr s = simplify(arg);
            changed |= s != arg;
            args.add(s);
        }
        return changed ? Alg.apply(a.op(), args) : e;
    }

    private Expr rewriteRoot(Expr e) {
        // Forms already seen at this node: rules that undo each other (a(bC) and b(aC)) stop instead of cycling.
        java.util.Set<Expr> seen = new java.util.HashSet<>();
        seen.add(e);
        for (int step = 0; step < MAX_REWRITES; step++) {
            Expr next = applyOnce(e);
            if (next == null) return e;
            next = simplifyChildren(next);
            if (!seen.add(next)) return e;
            e = next;
        }
        return e;
    }

    /** One rewrite at the root, or null when no rule applies. */
    private Expr applyOnce(Expr e) {
        for (Rule r : always) {
            Bindings b = PatternMatcher.match(r.lhs(), e, Bindings.empty());
            if (b == null) continue;
            Expr out = builder.build(r.rhs(), b);
            if (!out.equals(e)) return out;
        }
        int cost = cost(e);
        for (Rule r : ifSmaller) {
            for (Bindings b : PatternMatcher.matches(r.lhs(), e, Bindings.empty())) {
                Expr out = builder.build(r.rhs(), b);
                if (out.equals(e)) continue;
                Expr simplified = simplifyChildren(out);
                if (cost(simplified) < cost) return simplified;
            }
        }
        return null;
    }

    /**
     * What a form costs to read: its nodes, with a transpose of a name (or of inv of a name) free, since
     * on paper Xᵀ and X⁻ᵀ are one symbol, and a transpose of anything larger paying for its parentheses.
     */
    public static int cost(Expr root) {
        int total = 0;
        var stack = new java.util.ArrayDeque<Expr>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Expr e = stack.pop();
            if (e instanceof Apply a && a.op() == Transpose.OP) {
                Expr x = a.arg(0);
                boolean atom = x instanceof Var || x instanceof Apply i && i.op() == Inv.OP && i.arg(0) instanceof Var;
                total += atom ? 0 : 2;
                stack.push(x);
                continue;
            }
            if (e instanceof Apply a && a.op() == Neg.OP) { total += 1; stack.push(a.arg(0)); continue; }
            total += 1;
            e.args().forEach(stack::push);
        }
        return total;
    }
}

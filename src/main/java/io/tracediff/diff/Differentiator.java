package io.tracediff.diff;

import io.tracediff.algebra.Alg;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.Var;
import io.tracediff.ops.Differential;
import io.tracediff.ops.Functions;
import io.tracediff.ops.MatrixPow;
import io.tracediff.ops.ScalarFunction;
import io.tracediff.core.UserError;
import io.tracediff.print.Printer;
import io.tracediff.rules.PatternBindings;
import io.tracediff.rules.Pattern;
import io.tracediff.rules.PatternBuilder;
import io.tracediff.rules.Rule;
import io.tracediff.rules.RuleSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Step 1 of the method: the differential df, by the rules of {@code differentials.rules}. Each
 * distinct subexpression is differentiated once (memoised), and subexpressions free of the
 * variables differentiate to zero without looking at a rule.
 */
public final class Differentiator implements PatternBuilder.Context {
    private final RuleSet rules;
    private final Functions functions;
    private final Set<String> wrt;
    private final PatternBuilder builder = new PatternBuilder(this);
    private final Map<Expr, Expr> memo = new HashMap<>();
    private final Map<Expr, Boolean> depends = new HashMap<>();
    private final Set<String> rulesNamed = new LinkedHashSet<>();
    /** Non-zero d(·) results while building the current rule's right side, to tell a real product rule from linearity. */
    private int[] liveTerms = new int[1];

    public Differentiator(RuleSet rules, Functions functions, Set<String> wrt) {
        this.rules = rules;
        this.functions = functions;
        this.wrt = Set.copyOf(wrt);
    }

    /** The rules worth naming in a derivation (non-linear ones whose every term survived), in order of use. */
    public Set<String> rulesNamed() { return rulesNamed; }

    /** Whether e depends on a variable being differentiated. */
    public boolean dependsOnWrt(Expr root) {
        return io.tracediff.expr.PostOrder.fold(root, depends, (e, args) -> e instanceof Var v ? wrt.contains(v.name()) : args.contains(true));
    }

    /** The terms whose differential is being taken, outermost first: a rule that takes d of its own left side loops. */
    private final java.util.Set<Expr> inProgress = new java.util.LinkedHashSet<>();
    /** Past this many nested differentials a rule must be growing its own argument (d(f(x)) = … d(f(x + 0)) …), or the input is that deep. */
    public static final int MAX_NESTED = 5_000;
    /** The differential rule whose right side is being built (null: none), named when the nesting runs away. */
    private Rule applying;

    @Override public Expr differential(Expr e) {
        Expr done = memo.get(e);
        if (done == null) {
            if (!inProgress.add(e))
                throw new UserError(culprit() + " take" + (applying == null ? "" : "s") + " d(" + UserError.excerpt(Printer.ascii(e), 60) + ") inside d("
                        + UserError.excerpt(Printer.ascii(e), 60) + ") itself; a rule's right side must take d of smaller terms");
            if (inProgress.size() > MAX_NESTED) throw tooDeep(e);
            try {
                done = compute(e);
            } finally {
                inProgress.remove(e);
            }
            memo.put(e, done);
        }
        if (!Alg.isZero(done)) liveTerms[0]++;
        return done;
    }

    /**
     * Nesting past {@link #MAX_NESTED}: the input's own depth when the outermost term is that deep (each d(·) a level
     * of the expression), else a rule that takes d of a term no smaller than its left side, named with its file.
     */
    private UserError tooDeep(Expr e) {
        long height = height(inProgress.iterator().next());
        if (height >= MAX_NESTED)
            return new UserError("the expression nests " + height + " operations deep; differentiation supports " + MAX_NESTED
                    + " levels, whatever -D" + io.tracediff.limits.Limit.NESTING_DEPTH.property()
                    + " lets the parser read; shorten the expression (a long chain x + x + … can be a sum() of a vector)");
        return new UserError(culprit() + (applying == null ? " nest" : " nests") + " d(…) more than " + MAX_NESTED + " deep at " + UserError.excerpt(Printer.ascii(e), 60)
                + "; a rule's right side must take d of smaller terms than its left side");
    }

    /** The rule whose right side took the differential, with its file and line, else the rules as a whole. */
    private String culprit() {
        return applying == null ? "the differential rules" : "the differential rule '" + applying.name() + "' (" + applying.where() + ")";
    }

    /** Operations on the longest path from the root to a leaf, without recursion (the input may be deeper than the stack). */
    static long height(Expr root) {
        return io.tracediff.expr.PostOrder.<Long>fold(root, new java.util.IdentityHashMap<>(), (x, args) -> {
            long h = 0;
            for (long a : args) h = Math.max(h, a);
            return x.args().isEmpty() ? 0 : h + 1;
        });
    }

    private Expr compute(Expr e) {
        if (!dependsOnWrt(e)) return Alg.zero(e.shape());
        if (e instanceof Var) return Alg.d(e);
        Apply a = (Apply) e;
        // tr(X^k) has a rule of its own, so its power is checked here too.
        Expr power = a.op() == io.tracediff.ops.Trace.OP && a.arg(0) instanceof Apply p && p.op() == MatrixPow.OP ? p : a;
        if (power instanceof Apply pa && pa.op() == MatrixPow.OP && !(pa.arg(1) instanceof Num k && k.isInteger() && k.value() >= 0))
            throw new UserError("cannot differentiate " + Printer.ascii(power) + ": a matrix power needs a whole-number exponent ≥ 0");
        if (a.op() == MatrixPow.OP) {
            // X^0 = I is constant; past the expansion limit d(X^k) = Σ X^i dX X^(k-1-i) stays one term, powsum(X, dX, k).
            long k = MatrixPow.exponent(((Num) a.arg(1)).value());
            if (k == 0) return Alg.zero(e.shape());
            if (k > io.tracediff.limits.Limit.POWER_TERMS.value())
                return Alg.apply(io.tracediff.ops.PowerSum.OP, List.of(a.arg(0), differential(a.arg(0)), a.arg(1)));
        }
        // unvec(v, m, n) is linear: d unvec(v) = unvec(dv). Written here because a rule cannot name the m and n the
        // operator carries; it appears in gradients through the trace-vec rule, so Hessians of them need it.
        if (a.op() instanceof io.tracediff.ops.Unvec u) return Alg.apply(u, differential(a.arg(0)));
        Expr result = rules.firstApplicable(Rule.Kind.DIFFERENTIAL, List.of(e), this::apply);
        if (result != null) return result;
        if (a.op() == io.tracediff.ops.PowerSum.OP)
            throw new UserError(io.tracediff.ops.PowerSum.pastTheExpansionLimit(a, "cannot differentiate " + Printer.ascii(e) + " again (a Hessian)"));
        throw new UserError("no differential rule matches " + Printer.ascii(e) + " (operator '" + a.op().key()
                + "'); add one to a rules file: d(PATTERN) = RHS ; source");
    }

    /** The first differential rule that matches is the one used, with its first match. */
    private Expr apply(Rule rule, List<PatternBindings> matches) {
        int[] outer = liveTerms;
        liveTerms = new int[1];
        Rule outerRule = applying;
        applying = rule;
        try {
            return builder.build(rule.rhs(), matches.get(0));
        } finally {
            applying = outerRule;
            int live = liveTerms[0];
            liveTerms = outer;
            if (!isLinear(rule) && live == dCalls(rule.rhs())) rulesNamed.add(rule.name());
        }
    }

    @Override public Expr derivative(ScalarFunction f, Expr arg) {
        Rule r = rules.derivative(f.name());
        if (r == null) throw new UserError("no derivative is known for the elementwise function '" + f.name() + "'; define it with --fn or in a rules file");
        return builder.build(r.rhs(), PatternBindings.empty().with("x", arg));
    }

    @Override public ScalarFunction function(String name) { return functions.get(name).orElse(null); }

    /** A rule is linear when its right side uses the pattern variables only inside d(·): d-add, d-transpose, … */
    static boolean isLinear(Rule r) { return !usesOutsideD(r.rhs()); }

    private static boolean usesOutsideD(Pattern p) {
        if (p instanceof Pattern.Var) return true;
        // Loops rather than streams here and below: these run on every rule at start-up, where a cold stream costs.
        if (p instanceof Pattern.Call c) {
            if (c.name().equals("d")) return false;
            for (Pattern q : c.args()) if (usesOutsideD(q)) return true;
            return false;
        }
        if (p instanceof Pattern.App a) for (Pattern q : a.args()) if (usesOutsideD(q)) return true;
        return false;
    }

    private static int dCalls(Pattern p) {
        int n = p instanceof Pattern.Call c && c.name().equals("d") ? 1 : 0;
        List<Pattern> args = p instanceof Pattern.Call c ? c.args() : p instanceof Pattern.App a ? a.args() : List.of();
        for (Pattern q : args) n += dCalls(q);
        return n;
    }

    /** Whether e contains a differential d(X). */
    public static boolean hasDifferential(Expr root) {
        var stack = new java.util.ArrayDeque<Expr>();
        var seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<Expr, Boolean>()); // shared subtrees once
        stack.push(root);
        while (!stack.isEmpty()) {
            Expr e = stack.pop();
            if (!seen.add(e)) continue;
            if (e instanceof Apply a && a.op() == Differential.OP) return true;
            e.args().forEach(stack::push);
        }
        return false;
    }
}

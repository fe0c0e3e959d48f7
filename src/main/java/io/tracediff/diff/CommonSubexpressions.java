package io.tracediff.diff;

import io.tracediff.algebra.Alg;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.Var;
import io.tracediff.expr.VarKind;
import io.tracediff.ops.Neg;
import io.tracediff.ops.Transpose;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names repeated subexpressions, as a paper does before stating a gradient: t0 = tanh(W1 x + b1), then
 * the results in terms of t0. Innermost first, so later names may use earlier ones.
 */
public final class CommonSubexpressions {

    /** The named subexpressions in order, and the roots rewritten to use them. */
    public record Result(Map<String, Expr> names, List<Expr> roots) {}

    private CommonSubexpressions() {}

    /** {@code taken}: names already in use (the variables), which temporaries must avoid. */
    public static Result of(List<Expr> roots, Set<String> taken) { return of(roots, taken, "t"); }

    /** As {@link #of(List, Set)}, the temporaries named {@code prefix} and a number (t0, t1, …). */
    public static Result of(List<Expr> roots, Set<String> taken, String prefix) {
        Map<Expr, Integer> uses = new HashMap<>();
        List<Expr> postOrder = new ArrayList<>();
        for (Expr r : roots) count(r, uses, postOrder);
        Map<Expr, Expr> replacement = new HashMap<>();
        Map<String, Expr> names = new LinkedHashMap<>();
        int next = 0;
        for (Expr e : postOrder) {
            if (uses.get(e) < 2 || trivial(e)) continue;
            String name;
            do name = prefix + next++; while (taken.contains(name));
            names.put(name, substitute(e, replacement, true));
            replacement.put(e, new Var(name, e.shape(), e.isScalar() ? VarKind.SCALAR : e.shape().cols().isOne() ? VarKind.VECTOR : VarKind.MATRIX));
        }
        List<Expr> out = new ArrayList<>();
        for (Expr r : roots) out.add(substitute(r, replacement, false));
        return new Result(names, out);
    }

    /** Occurrences of each subtree; the children of a subtree are counted the first time it is met only. */
    private static void count(Expr root, Map<Expr, Integer> uses, List<Expr> postOrder) {
        record Frame(Expr e, boolean expanded) {}
        var stack = new java.util.ArrayDeque<Frame>();
        stack.push(new Frame(root, false));
        while (!stack.isEmpty()) {
            Frame f = stack.pop();
            if (f.expanded()) { postOrder.add(f.e()); continue; }
            int n = uses.merge(f.e(), 1, Integer::sum);
            if (n > 1) continue;
            stack.push(new Frame(f.e(), true));
            List<Expr> args = f.e().args();
            for (int i = args.size() - 1; i >= 0; i--) stack.push(new Frame(args.get(i), false));
        }
    }

    /** Names, numbers, Xᵀ and −X read as one symbol: naming them would not shorten anything. */
    private static boolean trivial(Expr e) {
        if (e instanceof Var || e instanceof Num) return true;
        Apply a = (Apply) e;
        if (a.args().isEmpty()) return true;
        return (a.op() == Transpose.OP || a.op() == Neg.OP) && trivial(a.arg(0));
    }

    /** e with every named subtree replaced by its name (the root itself kept when {@code keepRoot}); post-order, no recursion. */
    private static Expr substitute(Expr root, Map<Expr, Expr> replacement, boolean keepRoot) {
        Map<Expr, Expr> done = new HashMap<>();
        var stack = new java.util.ArrayDeque<Expr>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Expr e = stack.peek();
            if (done.containsKey(e)) { stack.pop(); continue; }
            Expr named = e == root && keepRoot ? null : replacement.get(e);
            if (named != null || !(e instanceof Apply a) || a.args().isEmpty()) { done.put(e, named != null ? named : e); stack.pop(); continue; }
            boolean pending = false;
            for (Expr arg : a.args()) if (!done.containsKey(arg)) { stack.push(arg); pending = true; }
            if (pending) continue;
            stack.pop();
            List<Expr> args = new ArrayList<>();
            boolean changed = false;
            for (Expr arg : a.args()) {
                Expr s = done.get(arg);
                changed |= s != arg;
                args.add(s);
            }
            done.put(e, changed ? Alg.apply(a.op(), args) : e);
        }
        return done.get(root);
    }
}

package io.tracediff.expr;

import io.tracediff.limits.Limit;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;

/**
 * The size of an expression written out as a tree (shared subtrees counted each time they occur): what
 * simplifying, moving differentials and printing cost. Counted on the shared graph, saturating, so it is
 * cheap even when the tree is astronomically large.
 */
public final class ExpressionSize {
    private ExpressionSize() {}

    public static long treeSize(Expr root) {
        return io.tracediff.expr.PostOrder.<Long>fold(root, new IdentityHashMap<>(), (e, args) -> {
            long n = 1;
            for (long a : args) n = Math.min(Long.MAX_VALUE / 2, n + a);
            return n;
        });
    }

    /** Distinct subexpressions: what the engine's memoised passes (differentiating, moving, simplifying) work on. */
    public static long distinctNodes(Expr root) {
        var seen = java.util.Collections.newSetFromMap(new IdentityHashMap<Expr, Boolean>());
        var stack = new ArrayDeque<Expr>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Expr e = stack.pop();
            if (seen.add(e)) for (Expr a : e.args()) stack.push(a);
        }
        return seen.size();
    }

    /** How much larger than the limit the written-out tree may be: an unrolled model's is quadratic in its steps. */
    static final long WRITTEN_OUT_FACTOR = 400;

    /**
     * Refuses a derived expression with more distinct operations than {@link Limit#DERIVATION_NODES}, or a
     * written-out tree more than {@link #WRITTEN_OUT_FACTOR} times that (what printing it costs);
     * {@code what} names it ("the differential df").
     */
    public static void check(Expr e, String what) {
        long n = distinctNodes(e);
        Limit.DERIVATION_NODES.check(n, what + " has " + n + " distinct operations");
        long tree = treeSize(e);
        if (tree > Limit.DERIVATION_NODES.value() * WRITTEN_OUT_FACTOR)
            // treeSize saturates (a shared tree written out can pass any long): past 10¹⁸ it is said as that
            throw Limit.DERIVATION_NODES.exceeded(what + " has " + (tree >= 1_000_000_000_000_000_000L ? "more than 10¹⁸" : Long.toString(tree))
                    + " operations written out, more than "
                    + WRITTEN_OUT_FACTOR + " times the limit on distinct ones");
    }
}

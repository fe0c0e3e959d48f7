package io.tracediff.limits;

import io.tracediff.expr.Expr;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The size of an expression written out as a tree (shared subtrees counted each time they occur): what
 * simplifying, moving differentials and printing cost. Counted on the shared graph, saturating, so it is
 * cheap even when the tree is astronomically large.
 */
public final class ExpressionSize {
    private ExpressionSize() {}

    public static long treeSize(Expr root) {
        Map<Expr, Long> size = new IdentityHashMap<>();
        var stack = new ArrayDeque<Expr>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Expr e = stack.peek();
            if (size.containsKey(e)) { stack.pop(); continue; }
            boolean pending = false;
            for (Expr a : e.args()) if (!size.containsKey(a)) { stack.push(a); pending = true; }
            if (pending) continue;
            stack.pop();
            long n = 1;
            for (Expr a : e.args()) n = Math.min(Long.MAX_VALUE / 2, n + size.get(a));
            size.put(e, n);
        }
        return size.get(root);
    }

    /** Refuses a derived expression larger than {@link Limit#DERIVATION_NODES}; {@code what} names it ("the differential df"). */
    public static void check(Expr e, String what) {
        long n = treeSize(e);
        Limit.DERIVATION_NODES.check(n, what + " has " + n + " operations written out");
    }
}

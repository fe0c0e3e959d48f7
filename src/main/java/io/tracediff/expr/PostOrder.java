package io.tracediff.expr;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The one bottom-up walk over an expression: each distinct subexpression once, operands first, with an
 * explicit stack (derived trees are deeper than the Java stack and share subtrees exponentially often).
 */
public final class PostOrder {
    private PostOrder() {}

    /**
     * {@code f(e, values of e's operands)} for every subexpression of {@code root} not yet in {@code memo},
     * stored there; returns the root's value. {@code memo} decides what "distinct" means (equality or
     * identity) and may carry values from earlier calls. {@code f} must not return null.
     */
    public static <R> R fold(Expr root, Map<Expr, R> memo, BiFunction<Expr, List<R>, R> f) {
        R known = memo.get(root);
        if (known != null) return known;
        var stack = new ArrayDeque<Expr>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Expr e = stack.peek();
            if (memo.containsKey(e)) { stack.pop(); continue; }
            boolean ready = true;
            for (Expr a : e.args()) if (!memo.containsKey(a)) { stack.push(a); ready = false; }
            if (!ready) continue;
            stack.pop();
            List<R> args = new ArrayList<>(e.args().size());
            for (Expr a : e.args()) args.add(memo.get(a));
            memo.put(e, f.apply(e, args));
        }
        return memo.get(root);
    }
}

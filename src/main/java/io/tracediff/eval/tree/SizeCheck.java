package io.tracediff.eval.tree;

import io.tracediff.expr.Expr;
import io.tracediff.kernel.Entries;
import io.tracediff.core.UserError;
import io.tracediff.print.Printer;
import io.tracediff.shape.Sizes;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The check before evaluating: every subexpression's value, at the given sizes, fits the entries limit.
 * It runs before anything is allocated, so {@code ones(n, n)} with n = 100000 is refused at once, by name.
 */
public final class SizeCheck {
    private SizeCheck() {}

    public static void check(Expr root, Sizes sizes) {
        var stack = new ArrayDeque<Expr>();
        Set<Expr> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        stack.push(root);
        while (!stack.isEmpty()) {
            Expr e = stack.pop();
            if (!seen.add(e)) continue;
            long rows = sizes.size(e.shape().rows()), cols = sizes.size(e.shape().cols());
            if (Entries.product(rows, cols) > io.tracediff.limits.Limit.MATRIX_ENTRIES.value())
                Entries.of(rows, cols, UserError.excerpt(Printer.ascii(e)));
            for (Expr a : e.args()) stack.push(a);
        }
    }
}

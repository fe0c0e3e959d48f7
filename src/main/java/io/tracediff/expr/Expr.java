package io.tracediff.expr;

import io.tracediff.shape.Shape;
import java.util.List;

/**
 * An immutable, shape-checked matrix expression. Nodes are built only through constructors that
 * validate shapes (SymPy's rule: shapes are checked when a node is built, not when evaluated).
 */
public sealed interface Expr permits Var, Num, Apply {

    Shape shape();

    List<Expr> args();

    default boolean isScalar() { return shape().isScalar(); }

    /** Nodes in the tree, counting shared subtrees each time they occur. */
    default int size() {
        int n = 0;
        var stack = new java.util.ArrayDeque<Expr>();
        stack.push(this);
        while (!stack.isEmpty()) {
            Expr e = stack.pop();
            n++;
            for (Expr a : e.args()) stack.push(a);
        }
        return n;
    }
}

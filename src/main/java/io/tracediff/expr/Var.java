package io.tracediff.expr;

import io.tracediff.shape.Shape;
import java.util.List;

/** A named input: scalar, vector, matrix or symmetric matrix, with its (possibly symbolic) shape. */
public record Var(String name, Shape shape, VarKind kind) implements Expr {

    public Var {
        if (kind == VarKind.SCALAR && !shape.isScalar()) throw new IllegalArgumentException(name + " is a scalar but has shape " + shape);
        if (kind.symmetric() && !shape.isSquare()) throw new IllegalArgumentException(name + " is symmetric but not square: " + shape);
    }

    @Override public List<Expr> args() { return List.of(); }

    // Written out: a record's generated equals/hashCode bootstrap method handles on first use (start-up).
    @Override public boolean equals(Object o) {
        return o instanceof Var v && v.name.equals(name) && v.shape.equals(shape) && v.kind == kind;
    }

    @Override public int hashCode() { return (31 * name.hashCode() + shape.hashCode()) * 31 + kind.hashCode(); }
}

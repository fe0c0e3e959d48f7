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
}

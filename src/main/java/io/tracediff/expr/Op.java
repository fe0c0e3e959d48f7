package io.tracediff.expr;

import io.tracediff.eval.Matrix;
import io.tracediff.print.notation.Format;
import io.tracediff.print.notation.Notation;
import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;
import io.tracediff.symja.entries.EntryAlgebra;
import java.util.List;

/**
 * Everything tracediff knows about one operator, in one place: the name it is written with, its
 * shape rule, its notation in each output format and its numeric kernel. Differential and trace
 * rules for it live in {@code rules/} and refer to it by {@link #key()}.
 */
public interface Op {

    /** The name in the input language and in rule files: "+", "*", "'", "exp", "tr", … */
    String key();

    /** Number of operands, or -1 when it varies. */
    int arity();

    /** Result shape from operand shapes; throws a {@link io.tracediff.shape.ShapeException} naming the operands. */
    Shape shape(ShapeArgs args);

    Notation notation(Format format, List<Expr> args);

    Matrix eval(List<Matrix> args);

    /** Evaluation when the result depends on dimension sizes (constructors such as eye(n)). */
    default Matrix eval(List<Matrix> args, io.tracediff.shape.Sizes sizes) { return eval(args); }

    /**
     * The operation on the reverse-mode engine (every value a rows×cols tensor, scalars 1×1), so any
     * expression can run on {@link io.tracediff.autograd.Tensor} and be differentiated numerically there.
     */
    default io.tracediff.autograd.Tensor autograd(List<io.tracediff.autograd.Tensor> args, io.tracediff.shape.Sizes sizes) {
        throw new UnsupportedOperationException("'" + key() + "' has no counterpart on the autograd engine");
    }

    /**
     * The result entry by entry in the algebra {@code alg} (exact symbolic entries for {@code check --exact}),
     * from the operands' entries; {@code self} is this application, for operators that read a constant operand.
     */
    default <M, T> M entries(Apply self, List<M> args, EntryAlgebra<M, T> alg, io.tracediff.shape.Sizes sizes) {
        throw new UnsupportedOperationException("'" + key() + "' has no entrywise expansion");
    }

    /** Whether op(a, b) = op(b, a): rule patterns then match either order of the operands. */
    default boolean commutative() { return false; }

    /** Java source computing the result, given operand expressions already in Java (for code generation). */
    default String javaTemplate() { return key(); }

    /** How the code generator writes this operator applied to {@code args}; operators without code say so. */
    default io.tracediff.codegen.template.Template codegen(List<Expr> args) {
        throw new UnsupportedOperationException("operator '" + key() + "' has no generated-code form");
    }
}

package io.tracediff.codegen.template;

import io.tracediff.expr.Expr;
import java.util.List;
import java.util.function.Function;

/**
 * How one operator is written in generated Java; each operator returns its own from
 * {@link CodegenFacet}, so adding an operator never adds a branch here.
 * Format placeholders {@code %1$s}, {@code %2$s} stand for operand values (one entry, or a scalar).
 */
public sealed interface Template {

    /** Entry-by-entry formula; chains of these are fused into one loop. Arity 0 means a constant fill. */
    record Pointwise(String java) implements Template {}

    /**
     * A full reduction to a scalar: {@code step} runs per entry with {@code x} bound to the entry and
     * {@code acc} the accumulator, {@code finish} turns {@code acc} into the result. Fuses with its operand chain.
     */
    record Reduction(String init, String step, String finish) implements Template {}

    /**
     * A call to a static helper whose Java source is {@code source} (emitted once per generated file).
     * Calling convention: matrix result {@code name(out, rows, cols, a0, a0rows, a0cols, …)}; scalar result
     * {@code double name(a0, a0rows, a0cols, …)}. Operands are always passed as arrays.
     */
    record Routine(String name, String source) implements Template {}

    /** The operator is written as other operators (X^k as k products). */
    record Expand(Function<List<Expr>, Expr> rewrite) implements Template {}

    /** Matrix product, planned by the generator: transposes become BLAS flags, diag/ones/inv operands special forms. */
    record Product() implements Template {}

    /** Transpose, planned by the generator: a flag for products, an index swap in loops, free for vectors. */
    record Transposed() implements Template {}

    /** The size of a dimension as a number, read from the inputs' lengths at run time. */
    record SizeOf(io.tracediff.shape.Dim dim) implements Template {}
}

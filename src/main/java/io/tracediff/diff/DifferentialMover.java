package io.tracediff.diff;

import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.ops.Differential;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The loop both movers share (the trace trick for gradients, the vec rules for Jacobians): rewrite one
 * term at a time, in place, until the differential part of every term is a bare dX (or none is left).
 */
public final class DifferentialMover {
    /** The terms that replace one term, and the rule that did it. */
    public record Move<T>(List<T> terms, String rule) {}

    private DifferentialMover() {}

    /** Runs the moves on {@code terms} (changed in place); {@code step} sees the terms after each move. */
    public static <T> void run(List<T> terms, Function<T, Expr> differentialPart, Function<T, Move<T>> move, BiConsumer<List<T>, String> step) {
        for (int i = 0; i < terms.size(); ) {
            Expr m = differentialPart.apply(terms.get(i));
            if (isDifferentialOfVar(m) || !Differentiator.hasDifferential(m)) { i++; continue; }
            Move<T> done = move.apply(terms.get(i));
            terms.remove(i);
            terms.addAll(i, done.terms());
            step.accept(terms, done.rule());
        }
    }

    public static boolean isDifferentialOfVar(Expr e) {
        return e instanceof Apply a && a.op() == Differential.OP && a.arg(0) instanceof Var;
    }

    /** X for dX. */
    public static String variableOf(Expr differential) { return ((Var) ((Apply) differential).arg(0)).name(); }
}

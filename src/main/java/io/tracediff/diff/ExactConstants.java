package io.tracediff.diff;

import io.tracediff.check.SelfCheck;
import io.tracediff.eval.Matrix;
import io.tracediff.eval.tree.Evaluator;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.PostOrder;
import io.tracediff.expr.Var;
import io.tracediff.print.Printer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * f with each constant in it (a scalar subexpression without variables, sqrt(2)·sqrt(2) − 2) replaced by the exact
 * value the derivation's algebra gives it, where the two differ in doubles by rounding alone. The self-check runs
 * reverse mode on f in doubles, where that constant is 4.4·10⁻¹⁶ and not the 0 the derivation used; next to a
 * cancellation f and its gradient then move far from the exact ones (sqrt(c a), whose gradient is 0 for c = 0 and
 * 10⁻⁸/√a for c = 4.4·10⁻¹⁶). A check that fails on f is run again on the folded f; a wrong exact value cannot
 * pass that way, as it must agree with the double evaluation of the constant to rounding.
 */
public final class ExactConstants {
    private ExactConstants() {}

    /** Relative to the largest value met evaluating a constant, what rounding may move it by (a few ulps per operation). */
    static final double ROUNDING = 1e-12;

    /** f with its constants folded, and what was folded ("sqrt(2) sqrt(2) - 2 = 0, …"), for the note printed beside the result. */
    public record Folded(Expr f, String description) {}

    /**
     * {@code check} on f; where it fails, and f holds constants off their exact values by rounding, {@code check} on f
     * with them folded, the outcome then naming them. Any other outcome of the second run leaves the first failure standing.
     */
    public static SelfCheck.Outcome check(Expr f, Simplifier simplifier, Function<Expr, SelfCheck.Outcome> check) {
        try {
            return check.apply(f);
        } catch (SelfCheck.Failed failed) {
            Folded folded;
            try {
                folded = fold(f, simplifier);
            } catch (RuntimeException cannotFold) {
                throw failed;
            }
            if (folded == null) throw failed;
            SelfCheck.Outcome again;
            try {
                again = check.apply(folded.f());
            } catch (RuntimeException stillFails) {
                throw failed;
            }
            return again.withExactConstants(folded.description());
        }
    }

    /**
     * f with every constant whose double value is off its exact one by rounding folded, or null when there is none.
     * Bottom-up, so the innermost cancellation is what is folded (sqrt(2)·sqrt(2) − 2 inside a sqrt, which turns its
     * 4.4·10⁻¹⁶ into 2·10⁻⁸, far beyond rounding at the sqrt itself).
     */
    public static Folded fold(Expr f, Simplifier simplifier) {
        Map<Expr, Boolean> constant = new IdentityHashMap<>();
        PostOrder.fold(f, constant, (e, args) -> !(e instanceof Var) && e.isScalar() && !args.contains(Boolean.FALSE));
        if (constant.get(f)) return null;   // f itself constant: there is nothing to differentiate
        Map<Expr, String> folded = new LinkedHashMap<>();
        Map<Expr, Expr> rebuilt = new IdentityHashMap<>();
        Expr g = PostOrder.fold(f, rebuilt, (e, args) -> {
            if (!(e instanceof Apply a)) return e;
            boolean changed = false;
            for (int i = 0; i < args.size(); i++) changed |= args.get(i) != a.arg(i);
            Expr now = changed ? Apply.of(a.op(), args) : e;
            if (!constant.get(e)) return now;
            Expr exact = exactValue(now, simplifier, folded);
            return exact != null ? exact : now;
        });
        if (folded.isEmpty()) return null;
        List<String> said = new ArrayList<>();
        folded.forEach((c, value) -> said.add(0, Printer.ascii(c) + " = " + value));   // found right to left: said left to right
        return new Folded(g, String.join(", ", said));
    }

    /** The constant's exact value as the derivation's algebra gives it, when it differs from the double evaluation by rounding. */
    private static Expr exactValue(Expr c, Simplifier simplifier, Map<Expr, String> folded) {
        Expr exact = simplifier.simplify(c);
        Expr monomials = ScalarMonomials.ifShorter(exact, simplifier::simplify);
        if (monomials != null) exact = monomials;
        if (exact.equals(c)) return null;
        double[] largest = {0};
        double asWritten, asFolded;
        try {
            asWritten = evaluate(c, largest);
            asFolded = evaluate(exact, largest);
        } catch (RuntimeException undefined) {
            return null;
        }
        if (!Double.isFinite(asWritten) || !Double.isFinite(asFolded) || asWritten == asFolded) return null;
        if (Math.abs(asWritten - asFolded) > ROUNDING * largest[0]) return null;   // not rounding: leave the failure standing
        folded.put(c, Printer.ascii(exact));
        return exact;
    }

    /** c's double value; {@code largest[0]} becomes the largest magnitude of any subexpression's value on the way. */
    private static double evaluate(Expr c, double[] largest) {
        Evaluator ev = new Evaluator(Map.of(), Map.of(), d -> 1);
        Map<Expr, Boolean> seen = new IdentityHashMap<>();
        PostOrder.fold(c, seen, (e, args) -> {
            Matrix v = ev.value(e);
            for (double x : v.data) if (Double.isFinite(x)) largest[0] = Math.max(largest[0], Math.abs(x));
            return Boolean.TRUE;
        });
        return ev.value(c).data[0];
    }
}

package io.tracediff.symja;

import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.core.UserError;
import java.util.List;
import java.util.Map;

/**
 * Proves a closed-form gradient exactly at small concrete sizes: f and G are expanded entry by entry as
 * Symja formulas in symbolic entries (engine.Expansion), f is differentiated by Symja's D with respect to
 * each entry, and each entry of the difference is shown to be 0 (Together, then Simplify, each within a
 * time limit). No floating point decides a proof. When Symja cannot show 0, a difference at a random
 * point is a counterexample (DIFFERS); without one the entry is UNDECIDED, never claimed either way.
 *
 * <p>A symmetric X has one symbol for X12 = X21; the closed form's convention is the gradient S with
 * df = tr(Sᵀ dX) over symmetric dX, so S_ii = ∂f/∂X_ii and S_ij = S_ji = ½ ∂f/∂X_ij.
 *
 * <pre>{@code
 * Typer.Result t = Typer.typecheck("logdet(S) + x'*inv(S)*x", Declarations.parse("S: spd(n)"), Functions.builtin());
 * List<Var> wrt = List.of(t.variables().get("S"));
 * ExactCheck.Report r = ExactCheck.gradients(t.expr(), wrt, Gradients.of(t.expr(), wrt).gradients());
 * r.outcomes().get(0).line();   // exact (n = 2): proved (4 entries)
 * }</pre>
 */
public final class ExactCheck {
    private ExactCheck() {}

    /** The size given to every symbolic dimension unless told otherwise. */
    public static final int DEFAULT_SIZE = 2;
    /** Time limit of one rewrite (Together, Simplify) of one entry. */
    public static final long SECONDS = 20;
    /** Past this, the remaining entries of a check get no rewrites: only the search for a counterexample. */
    public static final long BUDGET_MILLIS = io.tracediff.limits.Limit.EXACT_SECONDS.value() * 1000;
    /** Random points tried for a counterexample, and how far apart (relative) the two sides must be there. */
    public static final int POINTS = 3;
    public static final double TOLERANCE = 1e-8;
    /** How an undecided entry's difference begins when Symja reduced it to 0 but a random point disagrees. */
    public static final String CONTRADICTED = "Symja reduced ";
    /** The difference of an entry left undecided because the check ran out of its time ({@link io.tracediff.limits.Limit#EXACT_SECONDS}). */
    public static final String STOPPED = "stopped at its time limit";

    public enum Verdict {
        PROVED, DIFFERS, UNDECIDED;

        public static Verdict worst(Verdict a, Verdict b) { return a == DIFFERS || b == DIFFERS ? DIFFERS : a == UNDECIDED || b == UNDECIDED ? UNDECIDED : PROVED; }
    }

    /** One entry (0-based row, col): its verdict and, unless proved, the difference as far as Symja reduced it. */
    public record Entry(int row, int col, Verdict verdict, String difference) {}

    /** The verdict for one variable's gradient, from all its entries. */
    public record Outcome(String variable, String sizes, Verdict verdict, List<Entry> entries) {
        /** The entry that decides the verdict: the first that differs, else the first undecided; null when proved. */
        public Entry decisive() {
            for (Entry e : entries) if (e.verdict() == Verdict.DIFFERS) return e;
            for (Entry e : entries) if (e.verdict() == Verdict.UNDECIDED) return e;
            return null;
        }

        /** {@code exact (n = 2): proved}, {@code … DIFFERS at entry (1, 2): …}, {@code … undecided at entry (1, 1)}. */
        public String line() {
            String head = "exact" + (sizes.isEmpty() ? "" : " (" + sizes + ")") + ": ";
            Entry e = decisive();
            if (e == null) return head + "proved (" + entries.size() + (entries.size() == 1 ? " entry)" : " entries)");
            String at = " at entry (" + (e.row() + 1) + ", " + (e.col() + 1) + ")";
            return e.verdict() == Verdict.DIFFERS ? head + "DIFFERS" + at + ": " + e.difference()
                    : head + "undecided" + at + " (" + (e.difference().equals(STOPPED)
                            ? "check --exact " + STOPPED + "; " + io.tracediff.limits.Limit.EXACT_SECONDS.explain()
                            : e.difference().startsWith(CONTRADICTED) ? e.difference()
                            : "Symja could not reduce the difference to 0; no counterexample found") + ")";
        }
    }

    public record Report(Map<String, Integer> sizes, List<Outcome> outcomes) {
        public boolean differs() { return outcomes.stream().anyMatch(o -> o.verdict() == Verdict.DIFFERS); }

        public boolean proved() { return outcomes.stream().allMatch(o -> o.verdict() == Verdict.PROVED); }
    }

    public static Report gradients(Expr f, List<Var> wrt, Map<String, Expr> gradients) { return gradients(f, wrt, gradients, DEFAULT_SIZE); }

    /**
     * Refuses, before Symja starts or anything is checked, expressions whose entries cannot be expanded within
     * the limits: a power X^k or powsum(X, M, k) with k past {@link io.tracediff.limits.Limit#POWER_TERMS}.
     */
    public static void requireExpandable(java.util.Collection<Expr> roots) {
        var stack = new java.util.ArrayDeque<Expr>(roots);
        var seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<Expr, Boolean>());
        while (!stack.isEmpty()) {
            Expr e = stack.pop();
            if (!seen.add(e)) continue;
            if (e instanceof io.tracediff.expr.Apply a && (a.op() == io.tracediff.ops.MatrixPow.OP || a.op() == io.tracediff.ops.PowerSum.OP)
                    && a.args().get(a.args().size() - 1) instanceof io.tracediff.expr.Num k)
                io.tracediff.limits.Limit.POWER_TERMS.check((long) k.value(), "--exact would expand the entries of "
                        + UserError.excerpt(io.tracediff.print.Printer.ascii(e), 60) + ", a polynomial of degree " + (long) k.value());
            stack.addAll(e.args());
        }
    }

    /**
     * Checks each gradient of f (by variable name) with every symbolic dimension of size {@code size} (1 to 3).
     * Symja does the work ({@link SymjaService}), loaded here if it has not been.
     */
    public static Report gradients(Expr f, List<Var> wrt, Map<String, Expr> gradients, int size) {
        return SymjaService.get().proveGradients(f, wrt, gradients, size);
    }
}

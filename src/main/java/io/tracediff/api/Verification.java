package io.tracediff.api;

import io.tracediff.check.CrossCheck;
import io.tracediff.check.SelfCheck;
import io.tracediff.diff.Gradients;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.symja.ExactCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The closed-form gradient checked independently ({@code tracediff check}): against reverse mode and central
 * differences at random points of the variables' domains (or at given values), and optionally proved exactly
 * with Symja at small sizes.
 */
public final class Verification {
    private Verification() {}

    /** What to check: random points and their seed, or given values (then null for random points), and whether to prove. */
    public record Request(int trials, long seed, Map<String, Matrix> at, boolean exact) {}

    /**
     * The numeric comparison, when asked the exact proof (else null), and the constants of f taken at their exact values
     * for the comparison (else null; see {@link SelfCheck#constants}).
     */
    public record Outcome(CrossCheck.Report numeric, ExactCheck.Report exact, String exactConstants) {
        /** True when every comparison agrees and the proof, if any, found no difference: the exit status 0. */
        public boolean agree() { return numeric.agree() && (exact == null || !exact.differs()); }
    }

    /** Derives the gradients (not self-checked: this is the check) and compares them three ways. */
    public static Outcome gradients(Problem p, List<Var> wrt, Mathematics m, Request r) {
        return compare(p, wrt, candidate(p, wrt, m, r.exact()), r);
    }

    /**
     * The gradients to check, derived without the self-check; with {@code exact}, refused up front (before any
     * numbers are read or Symja starts) when Symja could not expand them.
     */
    public static Gradients.Result candidate(Problem p, List<Var> wrt, Mathematics m, boolean exact) {
        Gradients.Result g = Gradients.of(p.expr(), wrt, m.rules(), m.functions(), false);
        if (exact) {
            List<Expr> all = new ArrayList<>(g.gradients().values());
            all.add(p.expr());
            ExactCheck.requireExpandable(all);
        }
        return g;
    }

    /**
     * {@code g} compared with reverse mode and central differences, and proved when the request asks. Both run f with its
     * constants computed to 420 digits, as the self-check does ({@link SelfCheck#constants}), and the outcome names those
     * whose double that changes.
     */
    public static Outcome compare(Problem p, List<Var> wrt, Gradients.Result g, Request r) {
        var constants = SelfCheck.constants(p.expr());
        CrossCheck.Report report = CrossCheck.run(constants.f(), p.variables(), wrt, g.gradients(), r.trials(), r.seed(), r.at());
        String exactConstants = constants.changed();
        ExactCheck.Report proof = r.exact() ? ExactCheck.gradients(p.expr(), wrt, g.gradients()) : null;
        return new Outcome(report, proof, exactConstants);
    }
}

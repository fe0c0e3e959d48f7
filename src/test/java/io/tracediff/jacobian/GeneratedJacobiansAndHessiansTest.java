package io.tracediff.jacobian;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.check.ExpressionGenerator;
import io.tracediff.check.GeneratedCases;
import io.tracediff.expr.Expr;
import io.tracediff.ops.Functions;
import io.tracediff.rules.RuleSet;
import org.junit.jupiter.api.Test;

/**
 * 2,000 generated vector- and matrix-valued functions (Jacobians) and 2,000 scalar ones (Hessians), with
 * distinct sizes, each result self-checked against reverse mode: Jacobians against one backward pass
 * per output entry, Hessians against second-order reverse mode through f itself.
 */
class GeneratedJacobiansAndHessiansTest {
    static final int CASES = Integer.getInteger("jhCases", 2_000);
    /** The first seed drawn (below 1,000,000): longer runs outside CI draw cases the default run never sees. */
    static final int FIRST_SEED = Integer.getInteger("firstSeed", 0);

    @Test void twoThousandJacobiansAgreeWithReverseMode() {
        GeneratedCases tally = new GeneratedCases();
        for (int seed = FIRST_SEED; seed < FIRST_SEED + CASES; seed++) {
            Expr f = new ExpressionGenerator(1_000_000 + seed, 3).nonScalar();
            tally.run(seed, f, wrt -> Jacobians.of(f, wrt, RuleSet.builtin(), Functions.builtin(), true).selfCheck());
        }
        System.out.println(tally.summary("generated Jacobians"));
        assertTrue(tally.failures.isEmpty(), tally.failures.size() + " wrong Jacobians:" + tally.report());
        assertTrue(tally.checked >= CASES * 7 / 10, tally.summary("too few checked") + "\nrefusals: " + tally.refusals);
    }

    @Test void twoThousandHessiansAgreeWithReverseMode() {
        GeneratedCases tally = new GeneratedCases();
        for (int seed = FIRST_SEED; seed < FIRST_SEED + CASES; seed++) {
            Expr f = new ExpressionGenerator(2_000_000 + seed, 3).scalar();
            tally.run(seed, f, wrt -> Hessians.of(f, wrt, RuleSet.builtin(), Functions.builtin(), true).selfCheck());
        }
        System.out.println(tally.summary("generated Hessians") + "\nrefusals: " + String.join("\n", tally.refusals));
        assertTrue(tally.failures.isEmpty(), tally.failures.size() + " wrong Hessians:" + tally.report());
        assertTrue(tally.checked >= CASES * 7 / 10, tally.summary("too few checked") + "\nrefusals: " + tally.refusals);
    }

    /**
     * Seed 72343 of a longer run: logsumexp(exp(𝟏𝟏ᵀS𝟏𝟏ᵀ)∘³ y), whose closed-form mixed block cancels terms of 10²⁶ to 10¹⁴.
     * Perturbed draws move it by 10²⁰ at its points, but one draw of four met values near underflow, and the point was
     * failed ("internal error") instead of passed over as ill-conditioned: the draws made before that one now say so.
     */
    @Test void anIllConditionedPointIsPassedOverOnTheDrawsMadeBeforeOneNearUnderflow() {
        GeneratedCases tally = new GeneratedCases();
        Expr f = new ExpressionGenerator(2_000_000 + 72_343, 3).scalar();
        tally.run(72_343, f, wrt -> Hessians.of(f, wrt, RuleSet.builtin(), Functions.builtin(), true).selfCheck());
        assertTrue(tally.failures.isEmpty(), tally.report());
    }
}

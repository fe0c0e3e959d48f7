package io.tracediff.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.api.Problem;
import io.tracediff.diff.Gradients;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Var;
import io.tracediff.ops.Functions;
import io.tracediff.rules.RuleSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Closed form, reverse mode and finite differences agree on the textbook cases, and a wrong rule is caught. */
class CrossCheckTest {

    static CrossCheck.Report check(String expr, String lets, String wrt, RuleSet rules) {
        Problem t = Problem.of(expr, lets);
        List<Var> vars = List.of(t.variables().get(wrt));
        var g = Gradients.of(t.expr(), vars, rules, Functions.builtin(), false); // CrossCheck is under test, not the self-check
        return CrossCheck.run(t.expr(), t.variables(), vars, g.gradients(), 2, 11, null);
    }

    @TestFactory
    Stream<DynamicTest> allTextbookCasesAgreeThreeWays() {
        return io.tracediff.diff.TextbookCases.all().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            CrossCheck.Report r = check(c.expr(), c.lets(), c.wrt(), RuleSet.builtin());
            assertTrue(r.agree(), () -> c.name() + ": " + r.worst());
            assertEquals(3, r.comparisons().size());
        }));
    }

    @Test void aWrongRuleIsCaughtAndLocated() {
        RuleSet broken = RuleSet.builtin().with(io.tracediff.rules.RuleFileParser.parse(
                "d-inv: d(inv(?X)) = inv(?X) * d(?X) * inv(?X) ; the sign left out on purpose", "broken.rules").get(0));
        CrossCheck.Report r = check("a'*inv(X)*b", "a: vector(n); b: vector(n)", "X", broken);
        assertFalse(r.agree());
        CrossCheck.Comparison w = r.worst();
        assertEquals("X", w.variable());
        assertEquals(CrossCheck.CLOSED, w.left());
        assertTrue(w.leftValue() == -w.rightValue(), "the sign is what differs: " + w);
    }

    /** The same broken rule where f is scaled by 10⁻²⁰: every difference is below the absolute tolerance, and far above rounding. */
    @Test void aWrongRuleIsCaughtAtTinyValues() {
        RuleSet broken = RuleSet.builtin().with(io.tracediff.rules.RuleFileParser.parse(
                "d-inv: d(inv(?X)) = inv(?X) * d(?X) * inv(?X) ; the sign left out on purpose", "broken.rules").get(0));
        CrossCheck.Report r = check("1e-20*a'*inv(X)*b", "a: vector(n); b: vector(n)", "X", broken);
        assertFalse(r.agree());
        assertEquals(CrossCheck.REVERSE, r.worst().right());
        assertTrue(check("1e-20*a'*inv(X)*b", "a: vector(n); b: vector(n)", "X", RuleSet.builtin()).agree());
    }

    @Test void usersValidateTheirOwnGradients() {
        Matrix at = Matrix.of(new double[][] {{1, 2}, {3, 4}});
        // f(X) = Σ X_ij², whose gradient is 2X; a buggy user gradient forgets the 2.
        var good = CrossCheck.validate("X", m -> { double s = 0; for (double v : m.data) s += v * v; return s; },
                m -> { Matrix g = m.copy(); for (int i = 0; i < g.data.length; i++) g.data[i] *= 2; return g; }, at);
        var bad = CrossCheck.validate("X", m -> { double s = 0; for (double v : m.data) s += v * v; return s; }, Matrix::copy, at);
        assertTrue(good.agree(), good.toString());
        assertFalse(bad.agree());
        assertEquals(1, bad.row());
        assertEquals(1, bad.col());
    }

    // Every operator, closed form against reverse mode and differences: io.tracediff.ops.EveryOperatorTest enumerates the registry.
}

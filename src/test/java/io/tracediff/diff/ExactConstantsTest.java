package io.tracediff.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.api.Problem;
import io.tracediff.check.SelfCheck;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.ops.Functions;
import io.tracediff.print.Printer;
import io.tracediff.rules.RuleSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Constants off their exact values by rounding, taken exactly for a second self-check, and what that retry must not let pass. */
class ExactConstantsTest {
    private final Simplifier simplifier = new Simplifier(RuleSet.builtin(), Functions.builtin());

    private static Problem problem(String f) { return Problem.of(f, "x: vector(n)"); }

    private static Expr form(String text) { return problem(text).expr(); }

    @Test void theInnermostCancellationIsFolded() {
        Expr f = form("x'*x*sqrt(sqrt(2)*sqrt(2) - 2) + sum(x)*log(sqrt(3)*sqrt(3))");
        ExactConstants.Folded folded = ExactConstants.fold(f, simplifier);
        assertEquals("sqrt(2)*sqrt(2) = 2, sqrt(3)*sqrt(3) = 3", folded.description());
        assertEquals("sum(x)*log(3)", Printer.ascii(simplifier.simplify(folded.f())));
    }

    @Test void constantsThatEvaluateExactlyOrDoNotCancelAreLeftAsWritten() {
        assertNull(ExactConstants.fold(form("x'*x*sqrt(2) + sum(x)*(sqrt(2)*sqrt(8))"), simplifier));   // 4 in doubles too
        assertNull(ExactConstants.fold(form("x'*x*2"), simplifier));
    }

    @Test void aGradientThatNeedsTheExactConstantPassesTheRetry() {
        Problem p = problem("x'*x*sqrt(sqrt(2)*sqrt(2) - 2)");
        List<Var> wrt = List.of(p.variables().get("x"));
        Map<String, Expr> right = Map.of("x", form("0*x"));
        assertThrows(SelfCheck.Failed.class, () -> SelfCheck.gradients(p.expr(), wrt, right));   // as written: 4·10⁻⁸ x
        SelfCheck.Outcome o = ExactConstants.check(p.expr(), simplifier, h -> SelfCheck.gradients(h, wrt, right));
        assertTrue(o.checked(), o.toString());
        assertEquals("sqrt(2)*sqrt(2) = 2", o.exactConstants());
    }

    /** The retry runs the same comparison on the folded f: a form wrong for it fails with the first check's message. */
    @Test void aWrongGradientStillFailsWithTheConstantsFolded() {
        Problem p = problem("x'*x*sqrt(sqrt(2)*sqrt(2) - 2) + sum(x)");
        List<Var> wrt = List.of(p.variables().get("x"));
        Map<String, Expr> wrong = Map.of("x", form("2*ones(n)"));
        SelfCheck.Failed first = assertThrows(SelfCheck.Failed.class, () -> SelfCheck.gradients(p.expr(), wrt, wrong));
        SelfCheck.Failed retried = assertThrows(SelfCheck.Failed.class,
                () -> ExactConstants.check(p.expr(), simplifier, h -> SelfCheck.gradients(h, wrt, wrong)));
        assertEquals(first.getMessage(), retried.getMessage());
    }
}

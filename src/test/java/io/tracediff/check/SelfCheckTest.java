package io.tracediff.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tracediff.api.Problem;
import io.tracediff.expr.Var;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The self-check's verdict where both sides are rounding noise, and where they are not. */
class SelfCheckTest {

    private static SelfCheck.Outcome check(String f, String closed) {
        Problem p = Problem.of(f, "a: scalar");
        Var a = p.variables().get("a");
        return SelfCheck.gradients(p.expr(), List.of(a), Map.of("a", Problem.of(closed, "a: scalar").expr()));
    }

    /** d(a − a)/da = 0, and a form that is 0 up to rounding of terms near e²⁰ ≈ 5·10⁸ (a difference of about 10⁻⁷) passes. */
    @Test void zeroUpToTheRoundingOfLargeTermsPasses() {
        assertEquals(SelfCheck.POINTS, check("a - a", "exp(20 + a) - 1.0000000000000004*exp(20 + a)").points());
    }

    /** The same large terms do not excuse a wrong value of ordinary size: 10⁻³ where the derivative is 0. */
    @Test void largeTermsDoNotExcuseAWrongValue() {
        assertThrows(SelfCheck.Failed.class, () -> check("a - a", "0.001*exp(20 + a)/exp(20 + a)"));
    }
}

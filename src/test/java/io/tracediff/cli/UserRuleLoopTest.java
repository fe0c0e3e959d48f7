package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.diff.Differentiator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's rule that takes d of its own left side (or of a larger term), or a --fn out of double range: user errors, not crashes. */
class UserRuleLoopTest {
    @TempDir Path dir;

    private MainTest.Run gradWith(String rule) throws Exception {
        Path rules = Files.createDirectories(dir.resolve("r" + Math.abs(rule.hashCode())));
        Files.writeString(rules.resolve("mine.rules"), rule + "\n");
        return MainTest.run("grad", "sum(exp(x))", "--wrt", "x", "--rules", rules.toString());
    }

    @Test void aRuleThatTakesItsOwnDifferentialIsRefused() throws Exception {
        MainTest.Run r = gradWith("d-exp: d(exp(?A)) = d(exp(?A)) ; mine");
        assertEquals(2, r.code(), r.err());
        assertEquals("error: the differential rule 'd-exp' (mine.rules:1) takes d(exp(x)) inside d(exp(x)) itself; a rule's right side must take d of smaller terms\n", r.err());
    }

    @Test void aRuleThatGrowsItsArgumentStopsAtTheNestingBound() throws Exception {
        MainTest.Run r = gradWith("d-exp: d(exp(?A)) = d(exp(2 * ?A)) ; mine");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("error: the differential rule 'd-exp' (mine.rules:1) nests d(…) more than " + Differentiator.MAX_NESTED + " deep at "), r.err());
        assertTrue(r.err().endsWith("; a rule's right side must take d of smaller terms than its left side\n"), r.err());
    }

    /** A '->' rule whose right side holds its left side rewrote inside its own result for minutes (a doubling tree). */
    @Test void aSimplificationRuleThatContainsItsLeftSideIsNamed() throws Exception {
        for (String[] rule : new String[][] {{"dup: ?A -> ?A + ?A ; src", "dup", "?A"}, {"pw: ?X -> powsum(?X, ?X, 3) ; src", "pw", "?X"},
                {"tt: ?A * ?B -> ((?A * ?B)')' ; src", "tt", "?A * ?B"}}) {
            Path rules = Files.createDirectories(dir.resolve("s" + rule[1]));
            Files.writeString(rules.resolve("a.rules"), "# grows\n" + rule[0] + "\n");
            MainTest.Run r = assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                    () -> MainTest.run("grad", "norm2(A*x - b)^2", "--wrt", "x", "--rules", rules.toString()));
            assertEquals(2, r.code(), r.err());
            assertEquals("error: a.rules:2: the rule '" + rule[1] + "' rewrites " + rule[2] + " to a form that contains " + rule[2]
                    + " again, so rewriting never ends; a '->' rule's right side must not contain its left side: "
                    + "write it with '~>' (used only where the result is shorter) or '<->' (explored by the e-graph only)\n", r.err());
            assertEquals("", r.out());
        }
    }

    /** Symja's exact derivative of 10^400 x is a constant past double range: the definition's scale, not a bug. */
    @Test void aFunctionWhoseDerivativeOverflowsIsAUserError() {
        MainTest.Run r = MainTest.run("grad", "sum(sp(x))", "--wrt", "x", "--fn", "sp(x) = 10^400*x");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("error: the derivative of sp has a constant too large for a double (1000000") && r.err().endsWith("below 1.8e308\n"), r.err());
    }
}

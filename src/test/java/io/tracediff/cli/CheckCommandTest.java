package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tracediff check}: three ways to the same gradient, exit 3 when they part. */
class CheckCommandTest {
    @TempDir Path tmp;

    @Test void gaussianLikelihoodAgreesOnSpdPoints() {
        MainTest.Run r = MainTest.run("check", "logdet(S) + x'*inv(S)*x", "--wrt", "S", "--wrt", "x", "--let", "S: spd(n)", "--trials", "2");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("variable   comparison"), r.out());
        assertEquals(6, r.out().lines().filter(l -> l.endsWith("  ok")).count(), r.out());
        assertTrue(r.out().endsWith("all agree (2 points, seed 1)\n"), r.out());
    }

    @Test void anInjectedWrongRuleExitsThreeNamingTheEntry() throws Exception {
        Files.writeString(tmp.resolve("a-wrong.rules"), "d-inv-wrong: d(inv(?X)) = inv(?X) * d(?X) * inv(?X) ; sign dropped on purpose\n");
        MainTest.Run r = MainTest.run("check", "a'*inv(X)*b", "--wrt", "X", "--rules", tmp.toString());
        assertEquals(ExitCodes.DISAGREE, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("closed form vs reverse mode") && r.out().contains("DISAGREE"), r.out());
        assertTrue(r.out().contains("reverse mode vs finite differences") , r.out());
        assertTrue(r.err().startsWith("disagree: ∂f/∂X entry ("), r.err());
    }

    /** sqrt(2)·sqrt(2) − 2 is 0 exactly and 4.4·10⁻¹⁶ in doubles: compared with f's constants to 420 digits, and said so. */
    @Test void aConstantThatCancelsIsComparedAtItsExactValue() throws Exception {
        MainTest.Run r = MainTest.run("check", "a*sqrt(sqrt(2)*sqrt(2)-2)", "--wrt", "a", "--at", "{\"a\": 2}");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("f's constants taken to 420 digits, as the derivation takes them exactly, where floating point computes "
                + "others: sqrt(2)*sqrt(2) - 2 = 0 (4.44e-16 in floating point)\n"), r.out());
        assertTrue(r.out().endsWith("all agree (1 point)\n"), r.out());
        JsonNode j = new ObjectMapper().readTree(MainTest.run("check", "a*sqrt(sqrt(2)*sqrt(2)-2)", "--wrt", "a", "--json").out());
        assertTrue(j.get("agree").asBoolean(), j.toString());
        assertEquals("sqrt(2)*sqrt(2) - 2 = 0 (4.44e-16 in floating point)", j.get("exact_constants").asText(), j.toString());
        // A wrong form disagrees with the exact constants too; a constant off by one rounding (1 + 4.4e-16) is not named.
        Files.writeString(tmp.resolve("a-wrong.rules"), "d-inv-wrong: d(inv(?X)) = inv(?X) * d(?X) * inv(?X) ; sign dropped on purpose\n");
        MainTest.Run wrong = MainTest.run("check", "a'*inv(X)*b*(sqrt(2)*sqrt(2)-1)", "--wrt", "X", "--rules", tmp.toString());
        assertEquals(ExitCodes.DISAGREE, wrong.code(), wrong.out() + wrong.err());
        assertTrue(!wrong.out().contains("constants taken"), wrong.out());
    }

    @Test void jsonAndGivenValues() throws Exception {
        MainTest.Run r = MainTest.run("check", "x'*A*x", "--wrt", "x", "--at", "{\"x\": [1, 2], \"A\": [[2, 0], [1, 3]]}", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertTrue(j.get("agree").asBoolean());
        assertEquals(1, j.get("trials").asInt());
        assertEquals(3, j.get("comparisons").size());
    }

    @Test void badTrialsAreAUserError() {
        MainTest.Run r = MainTest.run("check", "x'*x", "--wrt", "x", "--trials", "0");
        assertEquals(ExitCodes.USER_ERROR, r.code());
        assertEquals("error: --trials must be between 1 and 10000, not 0\n", r.err());
    }

    /** A --fn function carries an autograd twin built from its body, so reverse mode runs it like a built-in. */
    @Test void userDefinedFunctionsRunInReverseModeToo() {
        MainTest.Run r = MainTest.run("check", "sum(sp(X*w)) + sum(cube(w))", "--wrt", "w",
                "--fn", "sp(x) = log(1 + exp(x))", "--fn", "cube(t) = t^3 / 3 - sp(t)");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("closed form vs reverse mode") && r.out().endsWith("all agree (3 points, seed 1)\n"), r.out());
    }

    // Points where central differences cannot tell the gradient (found by a red team: each gave DISAGREE, exit 3, for a
    // right gradient). The closed form and reverse mode still agree; the table says n/a and why.

    @Test void finiteDifferencesBelowRoundingAreUnresolvedNotADisagreement() {
        MainTest.Run r = MainTest.run("check", "sum(x) + 1e17", "--wrt", "x");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("closed form vs reverse mode") && r.out().contains("  ok\n"), r.out());
        assertEquals(2, r.out().lines().filter(l -> l.endsWith("  n/a")).count(), r.out());
        assertTrue(r.out().contains("finite differences cannot resolve ∂f/∂x here: f is about 1.00e+17 there, and its rounding"), r.out());
        assertTrue(r.out().endsWith("closed form and reverse mode agree (3 points, seed 1); finite differences could not check x\n"), r.out());
        // one small entry beside a huge one: the step of the small entry is below f's rounding
        r = MainTest.run("check", "sum(x)", "--wrt", "x", "--at", "{\"x\": [1e17, 1, 2]}", "--json");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("\"unresolved\" : \"f is about 1.00e+17 there") && r.out().contains("at entry (2, 1)"), r.out());
    }

    @Test void aKinkWithinAStepOrTheEdgeOfTheDomainIsUnresolved() {
        MainTest.Run r = MainTest.run("check", "sum(relu(x))", "--wrt", "x", "--at", "{\"x\": [1e-12, 1, 2]}");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("f has a kink or bends sharply within a step of 1.00e-06 from entry (1, 1)"), r.out());
        r = MainTest.run("check", "sum(log(x))", "--wrt", "x", "--at", "{\"x\": [1e-300, 1, 2]}");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("f is not finite a step of 1.00e-06 from entry (1, 1) (the step leaves its domain)"), r.out());
    }

    /** Entries central differences cannot tell are left out of their comparison; the others still catch a wrong form. */
    @Test void onlyTheUnresolvedEntriesAreLeftOut() throws Exception {
        Files.writeString(tmp.resolve("a-wrong.rules"), "d-exp-wrong: d(exp(?A)) = 2 * exp(?A) .* d(?A) ; doubled on purpose\n");
        MainTest.Run r = MainTest.run("check", "sum(exp(x) + relu(x))", "--wrt", "x", "--rules", tmp.toString(), "--at", "{\"x\": [1e-12, 1, 2]}");
        assertEquals(ExitCodes.DISAGREE, r.code(), r.out() + r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("closed form vs finite differences") && l.endsWith("DISAGREE")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("reverse mode vs finite differences") && l.endsWith("n/a")), r.out());
        assertTrue(r.out().contains("(1 of 3 entries; the others agree)"), r.out());
    }

    /** Reverse mode computes X − logsumexp(X) from X alone too: the closed form and it agree at entries of 10¹⁶. */
    @Test void reverseModeTakesXMinusLogsumexpXWithoutCancellation() {
        MainTest.Run r = MainTest.run("check", "sum(exp(X - logsumexp(X)) .* W)", "--wrt", "X", "--wrt", "W",
                "--at", "{\"X\": [[1e16, 2e16], [1e16, 1e16], [3e16, 3e16]], \"W\": [[1, 2], [3, 4], [5, 6]]}");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().lines().filter(l -> l.contains("closed form vs reverse mode")).allMatch(l -> l.endsWith("  ok")), r.out());
    }

    @Test void aWrongClosedFormStillDisagreesWithResolvedFiniteDifferences() throws Exception {
        Files.writeString(tmp.resolve("a-wrong.rules"), "d-inv-wrong: d(inv(?X)) = inv(?X) * d(?X) * inv(?X) ; sign dropped on purpose\n");
        MainTest.Run r = MainTest.run("check", "a'*inv(X)*b", "--wrt", "X", "--rules", tmp.toString(),
                "--at", "{\"a\": [1, 2, 3], \"b\": [0.5, -1, 2], \"X\": [[4, 1, 0], [1, 3, 1], [0, 1, 5]]}");
        assertEquals(ExitCodes.DISAGREE, r.code(), r.out() + r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("closed form vs finite differences") && l.endsWith("DISAGREE")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("reverse mode vs finite differences") && l.endsWith("ok")), r.out());
    }

    @Test void aClosedFormThatIsNotFiniteWhereFIsIsNoGradientThere() {
        MainTest.Run r = MainTest.run("check", "norm2(x)", "--wrt", "x", "--at", "{\"x\": [0, 0, 0]}");
        assertEquals(ExitCodes.USER_ERROR, r.code(), r.out() + r.err());
        assertEquals("error: the closed form of ∂f/∂x is NaN at entry (1, 1) at the given values (reverse mode gives 0.0 there): the form is undefined at"
                + " this point (f is not differentiable here, or the form is 0/0 here though the gradient exists, as 1.5 ‖x‖^0.5 x/‖x‖ is at x = 0),"
                + " so there is nothing to compare; give another point with --at\n", r.err());
        // the gradient of ‖x‖^1.5 exists at 0 (it is 0), and the form is 0/0 there: the same refusal, not a disagreement
        MainTest.Run p = MainTest.run("check", "norm2(x)^1.5", "--wrt", "x", "--at", "{\"x\": [0, 0, 0]}");
        assertEquals(ExitCodes.USER_ERROR, p.code(), p.out() + p.err());
    }
}

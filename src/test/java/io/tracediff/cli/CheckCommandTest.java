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
}

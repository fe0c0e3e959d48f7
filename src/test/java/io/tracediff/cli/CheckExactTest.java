package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tracediff check --exact}: the closed form proved with Symja at size 2, exit 3 when it differs. */
class CheckExactTest {
    @TempDir Path tmp;

    @Test void gaussianLikelihoodIsProvedForBothVariables() {
        MainTest.Run r = MainTest.run("check", "logdet(S) + x'*inv(S)*x", "--wrt", "S", "--wrt", "x", "--let", "S: spd(n)", "--trials", "1", "--exact");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("all agree (1 point, seed 1)\n"), r.out());
        assertTrue(r.out().endsWith("S          exact (n = 2): proved (4 entries)\nx          exact (n = 2): proved (2 entries)\n"), r.out());
        assertEquals("", r.err());
    }

    @Test void injectedWrongRuleDiffersExactlyAtANamedEntry() throws Exception {
        Files.writeString(tmp.resolve("a-wrong.rules"), "d-inv-wrong: d(inv(?X)) = inv(?X) * d(?X) * inv(?X) ; sign dropped on purpose\n");
        MainTest.Run r = MainTest.run("check", "u'*inv(X)*v", "--wrt", "X", "--let", "X: matrix(n, n); u: vector(n); v: vector(n)",
                "--trials", "1", "--rules", tmp.toString(), "--exact");
        assertEquals(ExitCodes.DISAGREE, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("X          exact (n = 2): DIFFERS at entry (1, 1): "), r.out());
        assertTrue(r.err().startsWith("differs exactly: ∂f/∂X entry (1, 1) at n = 2: "), r.err());
        // the difference is a formula in the entries, named as the user names them
        assertTrue(r.err().contains("u1") && r.err().contains("X22"), r.err());
        assertTrue(r.err().contains("\ndisagree: ∂f/∂X entry ("), r.err()); // the numeric verdict follows
    }

    @Test void jsonCarriesTheExactVerdict() throws Exception {
        MainTest.Run r = MainTest.run("check", "sum(sigmoid(X*w))", "--wrt", "w", "--wrt", "X", "--trials", "1", "--exact", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode exact = new ObjectMapper().readTree(r.out()).get("exact");
        assertTrue(exact.get("proved").asBoolean(), exact::toString);
        assertEquals(2, exact.get("sizes").size(), exact::toString); // m_X and n_X, each 2
        assertEquals(2, exact.get("sizes").get("m_X").asInt());
        assertEquals("w", exact.get("variables").get(0).get("variable").asText());
        assertEquals("proved", exact.get("variables").get(1).get("result").asText());
    }

    @Test void jsonNamesTheDifferingEntry() throws Exception {
        Files.writeString(tmp.resolve("b-wrong.rules"), "tanh: tanh'(x) = 1 + tanh(x) .^ 2 ; wrong sign on purpose\n");
        MainTest.Run r = MainTest.run("check", "sum(tanh(x))", "--wrt", "x", "--trials", "1", "--rules", tmp.toString(), "--exact", "--json");
        assertEquals(ExitCodes.DISAGREE, r.code(), r.out() + r.err());
        JsonNode v = new ObjectMapper().readTree(r.out()).get("exact").get("variables").get(0);
        assertEquals("differs", v.get("result").asText());
        assertEquals(1, v.get("entry").get(0).asInt());
        assertEquals(1, v.get("entry").get(1).asInt());
        assertTrue(v.get("difference").asText().contains("Tanh(x1)^2"), v::toString);
    }

    @Test void sizesAboveThreeAreAUserErrorWithNothingWritten() {
        MainTest.Run r = MainTest.run("check", "det(X)", "--wrt", "X", "--let", "X: matrix(4, 4)", "--exact");
        assertEquals(ExitCodes.USER_ERROR, r.code());
        assertEquals("", r.out());
        assertEquals("error: --exact expands expressions only at sizes up to 3×3, but X is 4×4\n", r.err());
    }

    @Test void withoutExactNothingIsProved() {
        MainTest.Run r = MainTest.run("check", "x'*x", "--wrt", "x", "--trials", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(!r.out().contains("exact"), r.out());
    }
}

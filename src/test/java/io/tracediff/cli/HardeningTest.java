package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad input of every kind gets one clean error and exit 2 (or 3 from check), never a stack trace, an
 * internal error or a hang: garbled text, huge and deeply nested expressions, singular or non-finite values.
 */
class HardeningTest {

    static void assertClean(MainTest.Run r, String input) {
        assertTrue(r.code() == 0 || r.code() == ExitCodes.USER_ERROR, () -> "exit " + r.code() + " for " + input + ": " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat ") || r.err().contains("internal error"), () -> input + " → " + r.err());
        if (r.code() != 0) assertTrue(r.err().startsWith("error: "), () -> input + " → " + r.err());
    }

    private static final List<String> VALID = List.of("a'*exp(X*b)", "norm2(A*x - b)^2", "logdet(X) + tr(inv(X)*A)",
            "sum(tanh(W*x + c).^2)", "x'*diag(v)*x", "det(X)*sum(sigmoid(X*w))", "(x - mu)'*inv(S)*(x - mu)");

    @Provide Arbitrary<String> garbled() {
        Arbitrary<String> tokens = Arbitraries.of("x", "X", "A", "(", ")", "'", "*", ".*", "./", "+", "-", "^", ".^", "2", "0.5",
                "exp(", "inv(", "tr(", "det(", "sum(", "norm2(", ",", "eye(n)", "ones(3)", "diag(", "1e400", "ᵀ", "?", "@", " ")
                .list().ofMinSize(1).ofMaxSize(25).map(l -> String.join("", l));
        Arbitrary<String> bytes = Arbitraries.strings().all().ofMaxLength(40);
        Arbitrary<String> mutated = Arbitraries.of(VALID).flatMap(v -> Arbitraries.integers().between(0, v.length() - 1)
                .flatMap(i -> Arbitraries.of("", "(", ")", "'", "*", "x", "+", "inv(", ".*").map(ins -> v.substring(0, i) + ins + v.substring(i + 1))));
        return Arbitraries.oneOf(tokens, bytes, mutated);
    }

    @Property(tries = 400)
    void fuzzedExpressionsGetCleanErrors(@ForAll("garbled") String expr) {
        assertClean(MainTest.run("print", expr), expr);
        assertClean(MainTest.run("grad", expr, "--wrt", "x"), expr);
    }

    @Test @Timeout(20) void hugeExpressionIsHandled() {
        String big = "x'*x" + " + x'*x".repeat(14_000); // about 100,000 characters
        MainTest.Run r = MainTest.run("grad", big, "--wrt", "x");
        assertClean(r, "100,000 characters");
    }

    @Test @Timeout(20) void deepNestingIsAClearErrorNotAStackOverflow() {
        String deep = "(".repeat(10_000) + "x'*x" + ")".repeat(10_000);
        MainTest.Run r = MainTest.run("grad", deep, "--wrt", "x");
        assertEquals(ExitCodes.USER_ERROR, r.code());
        assertTrue(r.err().contains("nests too deeply"), r.err());
        String deepCalls = "exp(".repeat(10_000) + "x" + ")".repeat(10_000);
        assertClean(MainTest.run("print", "sum(" + deepCalls + ")"), "10,000 nested calls");
    }

    /** A flat sum of 900 terms nests 900 deep: the message says so and names the setting that raises the limit. */
    /** 65536·65536 wrapped to 0 in an int (an internal error) and 65537·65537 to 131073 (a wrong shape, printed). */
    @Test void aVecDimensionPastAnIntIsAClearError() {
        for (String n : List.of("65536", "65537")) {
            MainTest.Run r = MainTest.run("print", "vec(X)", "--let", "X: matrix(" + n + ", " + n + ")");
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().startsWith("error: dimension " + n + "·" + n + " = ") && r.err().contains("is more entries than any matrix can hold"), r.err());
        }
        assertEquals("vector(25000000)", MainTest.run("print", "vec(X)", "--let", "X: matrix(5000, 5000)").out().strip().lines()
                .filter(l -> l.startsWith("result: ")).findFirst().orElseThrow().substring("result: ".length()));
    }

    /** Messages in the user's words (found by the hostile-input red team), each one line naming the fix. */
    @Test void messagesNameTheProblemInTheUsersWords() {
        assertEquals("error: --at: 'x' entry 0 is \"1\", not a number; write numbers without quotes\n",
                MainTest.run("grad", "x'*x", "--wrt", "x", "--at", "{\"x\": [\"1\", 2]}").err());
        // 1e999 reads as Infinity; a JSON writer (serve's requests) passes it on as "Infinity": neither is a quoting slip
        assertEquals("error: variable 'x' contains Infinity (a number past the largest double, 1.8e308, such as 1e999, reads as that); "
                + "values must be finite numbers\n", MainTest.run("grad", "x'*x", "--wrt", "x", "--at", "{\"x\": [1e999, 2]}").err());
        assertEquals("error: --at: 'x' entry 0 is Infinity (a number past the largest double, 1.8e308, such as 1e999, reads as that); "
                + "give finite numbers\n", MainTest.run("grad", "x'*x", "--wrt", "x", "--at", "{\"x\": [\"Infinity\", 2]}").err());
        assertTrue(MainTest.run("print", "rows*2", "--let", "rows: scalar").err()
                .startsWith("error: 'rows' is a word the rule files use (rows(?A), cols(?A), unvec), so it cannot name a variable"));
        assertEquals("error: --class is 300 characters long; give a name of at most 64 characters\n",
                MainTest.run("codegen", "x'*x", "--wrt", "x", "--class", "A".repeat(300)).err());
        assertEquals("error: --module is 300 characters long; a module name of at most 64 characters, e.g. --module loss_gradient\n",
                MainTest.run("codegen", "x'*x", "--wrt", "x", "--lang", "numpy", "--module", "a".repeat(300)).err());
        assertTrue(MainTest.run("print", "x*1e-999").err().startsWith("error: number '1e-999' is too small for a double (it would be 0;"));
        // below the smallest normal double a literal keeps a few digits: 1e-320 is 9.99989e-321
        assertTrue(MainTest.run("grad", "x'*x*1e-320", "--wrt", "x").err().startsWith(
                "error: number '1e-320' is below the smallest normal double (2.2e-308), where a double keeps only a few of its digits (it would be 9.99989e-321)"));
        assertEquals(0, MainTest.run("print", "x*0e5").code());
        assertEquals("NaN and Infinity are not JSON numbers; give finite numbers",
                io.tracediff.web.JsonText.plain("Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow"));
    }

    @Test void aLongFlatSumNamesTheDepthSetting() {
        MainTest.Run r = MainTest.run("print", "x'*x" + " + x'*x".repeat(900));
        assertEquals(ExitCodes.USER_ERROR, r.code());
        assertTrue(r.err().contains("a sum of that many terms nests as deep") && r.err().contains("-Dtracediff.maxDepth=N"), r.err());
    }

    /** A message that echoes a long value is cut in the middle: its reason and fix, at the end, stay. */
    @Test void aLongValueInAMessageKeepsTheReason() {
        MainTest.Run r = MainTest.run("codegen", "x'*x", "--wrt", "x", "--lang", "a".repeat(3000));
        assertEquals(ExitCodes.USER_ERROR, r.code());
        assertTrue(r.err().contains("characters in all) …") && r.err().strip().endsWith("is not a target; choose java, numpy, torch or jax"), r.err());
    }

    /** Path.of("") is the working folder: an empty path is named as empty, never read or written as that folder. */
    @Test void emptyPathsAreNamedNotTakenForTheWorkingFolder() {
        assertEquals("error: --rules is empty: give a folder of *.rules files\n", MainTest.run("grad", "x'*x", "--wrt", "x", "--rules", "").err());
        assertEquals("error: --out is empty: give the folder to write LossGradient.java in (. for this one)\n",
                MainTest.run("codegen", "x'*x", "--wrt", "x", "--out", "").err());
        assertEquals("error: the values file name is empty: give a file\n", MainTest.run("grad", "x'*x", "--wrt", "x", "--at", "").err());
        assertTrue(MainTest.run("grad", "x'*x", "--wrt", "x", "--rules", "rules/simplify.rules").err()
                .contains("is a file: give the folder that holds it"));
    }

    @Test void singularMatrixAtTheGivenValuesIsNamed() {
        MainTest.Run r = MainTest.run("grad", "logdet(X + A)", "--wrt", "X", "--at", "{\"X\": [[1, 2], [2, 4]], \"A\": [[0, 0], [0, 0]]}");
        assertEquals(ExitCodes.USER_ERROR, r.code());
        assertTrue(r.err().contains("singular") && r.err().contains("X + A"), r.err());
    }

    @Test void nonFiniteResultsAreNamed() {
        MainTest.Run r = MainTest.run("grad", "sum(log(x))", "--wrt", "x", "--at", "{\"x\": [1, -1]}");
        assertEquals(ExitCodes.USER_ERROR, r.code());
        assertTrue(r.err().contains("NaN"), r.err());
    }

    @Test void missingFilesAndBadJson() {
        assertClean(MainTest.run("grad", "x'*x", "--wrt", "x", "--at", Path.of("no", "such", "values.json").toString()), "missing file");
        assertClean(MainTest.run("grad", "x'*x", "--wrt", "x", "--at", "{\"x\": [1, 2"), "bad json");
        assertClean(MainTest.run("grad", "x'*x", "--wrt", "x", "--at", "{\"x\": \"one\"}"), "wrong json type");
        assertClean(MainTest.run("grad", "--problem", "no-such.problem", "--wrt", "x"), "missing problem file");
        assertClean(MainTest.run("codegen", "x'*x", "--wrt", "x", "--out", "/proc/no-such-dir/out"), "unwritable output");
    }

    /** The deepest nesting the parser admits, run from a thread with a 256 KB stack: commands bring their own stack. */
    @Test @Timeout(60) void deepButAdmissibleExpressionsDoNotDependOnTheCallersStack() throws Exception {
        String deep = "sum(" + "tanh(".repeat(195) + "x" + ")".repeat(195) + ")";
        MainTest.Run[] r = new MainTest.Run[1];
        Thread small = new Thread(null, () -> r[0] = MainTest.run("grad", deep, "--wrt", "x", "--steps", "--format", "latex"), "small", 256 * 1024);
        small.start();
        small.join();
        assertEquals(0, r[0].code(), r[0].err());
        assertTrue(r[0].out().startsWith("\\begin{align*}"), r[0].out().substring(0, 40));
    }
}

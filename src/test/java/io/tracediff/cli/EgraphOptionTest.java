package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The e-graph is the default: the rows in the compact form equality saturation and the scalar normal form
 * find, {@code --greedy} for rule-by-rule simplification only, and a bound that stops a run said on stderr and in --json.
 */
class EgraphOptionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        sqrt(x'*x)    | x | ∂f/∂x = x / ‖x‖
        norm2(A*X)^3  | X | ∂f/∂X = 3 ‖A X‖_F Aᵀ A X
        tr(X^3)       | X | ∂f/∂X = 3 (X²)ᵀ
        c^3           | c | ∂f/∂c = 3 c²
        a/c^2         | c | ∂f/∂c = −2 a / c³
        tr(inv(X'*X)) | X | ∂f/∂X = −2 X (Xᵀ X)⁻²
        """)
    void compactForms(String f, String wrt, String expected) {
        MainTest.Run r = MainTest.run("grad", f, "--wrt", wrt, "--let", "X: matrix(n); A: matrix(m, n); a: scalar; c: scalar");
        assertEquals(0, r.code(), r.err());
        assertEquals(expected + "\n", r.out());
        assertEquals("", r.err());
    }

    @Test void greedyAloneLeavesWhatOnlyTheEgraphFinds() {
        // a (eˣ ⊙ eᵃˣ) + eᵃˣ ⊙ eˣ: rule by rule the two orders of ⊙ are different terms; the e-graph, where A ⊙ B and
        // B ⊙ A are one class, collects them and writes eᵃˣ ⊙ eˣ as one exponential.
        String[] problem = {"grad", "sum(exp(a*x).*exp(x))", "--wrt", "x"};
        MainTest.Run r = MainTest.run(concat(problem, "--greedy"));
        assertEquals("∂f/∂x = a (exp(x) ⊙ exp(a x)) + exp(a x) ⊙ exp(x)\n", r.out());
        assertEquals("∂f/∂x = (a + 1) exp(a x + x)\n", MainTest.run(problem).out());
        // The option that asked for the e-graph before it was the default is still accepted.
        assertEquals("∂f/∂x = (a + 1) exp(a x + x)\n", MainTest.run(concat(problem, "--egraph")).out());
        // The trace of a scaled 𝟏𝟏ᵀ, which only the e-graph found before trace-divided: n, either way.
        assertEquals("∂f/∂a = −2 a n / (1 + a²)²\n", MainTest.run("grad", "tr(ones(n, n)/(1 + a^2))", "--wrt", "a", "--greedy").out());
    }

    private static String[] concat(String[] a, String... more) {
        String[] out = java.util.Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, out, a.length, more.length);
        return out;
    }

    @Test void theRulesThatLedThereAreListed() {
        MainTest.Run r = MainTest.run("grad", "sum(exp(a*x).*exp(x))", "--wrt", "x", "--steps");
        String last = r.out().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("∂f/∂x = (a + 1) exp(a x + x)") && last.contains("exp-of-sum") && last.contains("collect-scaled"), last);
        String sqrt = MainTest.run("grad", "sqrt(x'*x)", "--wrt", "x", "--steps").out().lines().reduce((a, b) -> b).orElse("");
        assertTrue(sqrt.startsWith("∂f/∂x = x / ‖x‖") && sqrt.contains("scalar-monomials"), sqrt);
    }

    @Test void aSaturatedRunIsQuiet() {
        MainTest.Run r = MainTest.run("grad", "a/c^2", "--wrt", "c", "--json", "--let", "a: scalar; c: scalar");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("\"egraph\""), r.out());
        assertEquals("", r.err());
    }

    @Test void aLimitIsReportedOnStderrAndInJson() {
        // A generated expression whose e-graph has not saturated after 30 iterations; on a loaded machine the 3 s
        // bound can come first, and either must be reported, the same one in both places.
        MainTest.Run r = MainTest.run("grad", "sigmoid(arccos(0.5*tanh(norm2(ones(1, m)*y*ones(1, N)))))^0.5", "--wrt", "y", "--json");
        assertEquals(0, r.code(), r.err());
        String limit = r.out().contains("\"stop\" : \"time_limit\"") ? "time" : "iteration";
        assertTrue(r.out().contains("\"stop\" : \"" + limit + "_limit\""), r.out());
        assertTrue(r.err().contains("the e-graph stopped at its " + limit + " limit"), r.err());
    }
}

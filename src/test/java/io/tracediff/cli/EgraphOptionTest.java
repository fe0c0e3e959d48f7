package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code grad --egraph}: the rows in the compact form equality saturation extracts, and its limits made visible. */
class EgraphOptionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        sqrt(x'*x)    | x | ∂f/∂x = x / sqrt(xᵀ x)
        norm2(A*X)^3  | X | ∂f/∂X = 3 ‖A X‖ Aᵀ A X
        tr(X^3)       | X | ∂f/∂X = 3 (X²)ᵀ
        c^3           | c | ∂f/∂c = 3 c²
        """)
    void compactForms(String f, String wrt, String expected) {
        MainTest.Run r = MainTest.run("grad", f, "--wrt", wrt, "--egraph", "--let", "X: matrix(n); A: matrix(m, n); c: scalar");
        assertEquals(0, r.code(), r.err());
        assertEquals(expected + "\n", r.out());
    }

    @Test void theRulesThatLedThereAreListed() {
        MainTest.Run r = MainTest.run("grad", "sqrt(x'*x)", "--wrt", "x", "--egraph", "--steps");
        String last = r.out().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("∂f/∂x = x / sqrt(xᵀ x)") && last.contains("cancel-in-denominator"), last);
    }

    @Test void aLimitIsReportedInJson() {
        MainTest.Run r = MainTest.run("grad", "a/c^2", "--wrt", "c", "--egraph", "--json", "--let", "a: scalar; c: scalar");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"egraph\""), r.out());
        // Saturated or stopped, the run says which, and a stop is on stderr too.
        boolean stopped = !r.out().contains("\"stop\" : \"saturated\"");
        assertEquals(stopped, r.err().contains("the e-graph stopped at its"), r.err());
    }
}

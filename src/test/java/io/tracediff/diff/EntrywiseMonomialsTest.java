package io.tracediff.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.api.Problem;
import io.tracediff.eval.Matrix;
import io.tracediff.eval.VariableValues;
import io.tracediff.eval.tree.Evaluator;
import io.tracediff.eval.tree.RandomPoints;
import io.tracediff.expr.Expr;
import io.tracediff.print.Printer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The entrywise normal form (through ScalarMonomials.normalize): start => goal, the value unchanged, m ≠ n ≥ 3 (X∘² is X ⊙ X). */
class EntrywiseMonomialsTest {
    private static final String DECLS = "A: matrix(m, n); B: matrix(m, n); C: matrix(m, n); S: matrix(m, n); X: matrix(m, n); "
            + "Y: matrix(m, n); a: scalar";

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(delimiter = '|', textBlock = """
            (B ./ A) .* A .* C                       | B ⊙ C
            sqrt(S) .* (1 ./ (2*sqrt(S))) .* exp(S)  | ½ exp(S)
            X .* X .* X ./ X                         | X∘²
            a*X .* (Y ./ a)                          | X ⊙ Y
            -(X ./ (-Y))                             | X ⊘ Y
            X .* Y                                   | X ⊙ Y
            """)
    void normalForm(String start, String goal) {
        Problem s = Problem.of(start, DECLS);
        Expr normal = ScalarMonomials.normalize(s.expr(), e -> e);
        assertEquals(goal, Printer.unicode(normal));
        var values = new RandomPoints(11, 3).values(s.variables().values());
        Matrix before = Evaluator.eval(s.expr(), VariableValues.bind(s.variables(), values));
        Matrix after = Evaluator.eval(normal, VariableValues.bind(s.variables(), values));
        assertTrue(before.rows > 2 && before.cols > 2 && before.rows != before.cols, "sizes " + before.rows + "×" + before.cols);
        assertTrue(before.maxAbsDiff(after) < 1e-9 * Math.max(1, before.maxAbs()), "value changed");
    }
}

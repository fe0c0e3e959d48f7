package io.tracediff.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.eval.tree.Evaluator;
import io.tracediff.api.Problem;
import io.tracediff.eval.Matrix;
import io.tracediff.eval.tree.RandomPoints;
import io.tracediff.eval.VariableValues;
import io.tracediff.ops.Functions;
import io.tracediff.print.Printer;
import io.tracediff.rules.RuleSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** simplify.rules and the regrouping strategy, egg style: start => goal, and the value never changes. */
class SimplifierTest {
    private static final String DECLS = "A: matrix(n); B: matrix(n); C: matrix(n); X: matrix(n); S: symmetric(n); "
            + "x: vector(n); y: vector(n); z: vector(n); lam: scalar; c: scalar";

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(delimiter = '|', textBlock = """
            (A*B)'                      | B'*A'
            (A*B*C)'                    | C'*(B'*A')
            inv(X')                     | inv(X)'
            inv(inv(X))                 | X
            -(-A)                       | A
            (-A)*B                      | -(A*B)
            A*(-B)                      | -(A*B)
            A + (-B)                    | A - B
            2*(3*A)                     | 6*A
            x + x                       | 2*x
            lam*x + x                   | (lam + 1)*x
            A' + A                      | A + A'
            A*x + A'*x                  | (A + A')*x
            A*B + A*C                   | A*(B + C)
            A*B*x + A*C*x               | A*(B + C)*x
            lam*(B/lam)                 | B
            (lam*A)*B                   | lam*(A*B)
            X*inv(X)*A                  | A
            inv(X)'*X'*A                | A
            x .* x                      | x.^2
            (y ./ x) .* x               | y
            z .* (y ./ x) .* x          | z.*y
            diag(x*y')                  | x.*y
            tr(x*y')                    | y'*x
            S'                          | S
            inv(S)'                     | inv(S)
            c*x + B*x                   | c*x + B*x
            """)
    void rewritesTo(String start, String goal) {
        Problem s = Problem.of(start, DECLS);
        var simplified = new Simplifier(RuleSet.builtin(), Functions.builtin()).simplify(s.expr());
        assertEquals(goal, Printer.ascii(simplified));
        var values = new RandomPoints(3, 3).values(s.variables().values());
        Matrix before = Evaluator.eval(s.expr(), VariableValues.bind(s.variables(), values));
        Matrix after = Evaluator.eval(simplified, VariableValues.bind(s.variables(), values));
        assertTrue(before.maxAbsDiff(after) < 1e-9 * Math.max(1, before.maxAbs()), "value changed");
    }
}

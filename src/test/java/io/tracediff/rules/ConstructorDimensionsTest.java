package io.tracediff.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.api.Problem;
import io.tracediff.diff.Gradients;
import io.tracediff.eval.Matrix;
import io.tracediff.eval.VariableValues;
import io.tracediff.eval.tree.Evaluator;
import io.tracediff.eval.tree.RandomPoints;
import io.tracediff.expr.Expr;
import io.tracediff.ops.Functions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A constructor on a rule's left side (ones, eye, zeros, unvec) matches only with the dimensions the rule gives it:
 * before, any ones matched, so "columns of a softmax sum to one" also fired on the 1×1 ones that scales and on
 * ones(p, n) with p ≠ n, and the self-check refused the results.
 */
class ConstructorDimensionsTest {

    private static Rule rule(String line) { return RuleFileParser.parse(line + "\n", "user.rules").get(0); }

    private static final Rule SOFTMAX_COLUMNS = rule("softmax-columns: ones(1, rows(?A)) * softmax(?A) -> ones(1, cols(?A)) ; columns of a softmax sum to 1");
    private static final Rule SOFTMAX_COLUMNS_SQUARE = rule("softmax-columns-all: ones(rows(?A), rows(?A)) * softmax(?A) -> ones(rows(?A), cols(?A)) ; 𝟏𝟏ᵀ S = 𝟏𝟏ᵀ");

    private static boolean matches(Rule r, String expr, String lets) {
        Expr e = Problem.of(expr, lets).expr();
        return !RuleSet.matches(r, List.of(e)).isEmpty();
    }

    @Test void onesMatchesWhenItsDimensionsAreTheRules() {
        assertTrue(matches(SOFTMAX_COLUMNS, "ones(1, n)*softmax(X)", "X: matrix(n, m)"));
        assertTrue(matches(SOFTMAX_COLUMNS_SQUARE, "ones(n, n)*softmax(X)", "X: matrix(n, m)"));
    }

    @Test void onesOfOtherDimensionsDoesNotMatch() {
        assertFalse(matches(SOFTMAX_COLUMNS, "ones(3, n)*softmax(X)", "X: matrix(n, m)"));
        assertFalse(matches(SOFTMAX_COLUMNS_SQUARE, "ones(p, n)*softmax(X)", "X: matrix(n, m)"));
    }

    @Test void theOneByOneOnesThatScalesDoesNotMatch() {
        assertFalse(matches(SOFTMAX_COLUMNS, "ones(1)*softmax(X)", "X: matrix(n, m)"));
    }

    @Test void gradientOfTheSumOfASoftmaxIsZero() {
        RuleSet rules = RuleSet.builtin().with(SOFTMAX_COLUMNS).with(SOFTMAX_COLUMNS_SQUARE);
        for (String f : List.of("sum(softmax(x))", "sum(softmax(X))", "norm2(ones(p, n)*softmax(X))^2 + sum(softmax(X))")) {
            Problem p = Problem.of(f, "x: vector(n); X: matrix(n, m)");
            var wrt = List.copyOf(p.variables().values());
            // The self-check (on by default) throws when the derived form disagrees with reverse mode.
            Gradients.Result r = Gradients.of(p.expr(), wrt, rules, Functions.builtin(), true);
            Map<String, Matrix> at = new RandomPoints(4, 3).values(p.variables().values());
            var bound = VariableValues.bind(p.variables(), at);
            if (f.startsWith("sum(")) {
                for (Expr g : r.gradients().values())
                    for (double v : Evaluator.eval(g, bound).data) assertEquals(0, v, 1e-12, f);
            }
        }
    }
}

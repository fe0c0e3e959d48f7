package io.tracediff.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.api.Problem;
import io.tracediff.diff.Gradients;
import io.tracediff.eval.Matrix;
import io.tracediff.eval.RandomPoints;
import io.tracediff.expr.Var;
import io.tracediff.ops.Functions;
import io.tracediff.rules.RuleSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Closed form, reverse mode and finite differences agree on the textbook cases, and a wrong rule is caught. */
class CrossCheckTest {

    static CrossCheck.Report check(String expr, String lets, String wrt, RuleSet rules) {
        Problem t = Problem.of(expr, lets);
        List<Var> vars = List.of(t.variables().get(wrt));
        var g = Gradients.of(t.expr(), vars, rules, Functions.builtin(), false); // CrossCheck is under test, not the self-check
        return CrossCheck.run(t.expr(), t.variables(), vars, g.gradients(), 2, 11, null);
    }

    @TestFactory
    Stream<DynamicTest> allTextbookCasesAgreeThreeWays() {
        return io.tracediff.diff.TextbookCases.all().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            CrossCheck.Report r = check(c.expr(), c.lets(), c.wrt(), RuleSet.builtin());
            assertTrue(r.agree(), () -> c.name() + ": " + r.worst());
            assertEquals(3, r.comparisons().size());
        }));
    }

    @Test void aWrongRuleIsCaughtAndLocated() {
        RuleSet broken = RuleSet.builtin().with(io.tracediff.rules.RuleFileParser.parse(
                "d-inv: d(inv(?X)) = inv(?X) * d(?X) * inv(?X) ; the sign left out on purpose", "broken.rules").get(0));
        CrossCheck.Report r = check("a'*inv(X)*b", "a: vector(n); b: vector(n)", "X", broken);
        assertFalse(r.agree());
        CrossCheck.Comparison w = r.worst();
        assertEquals("X", w.variable());
        assertEquals(CrossCheck.CLOSED, w.left());
        assertTrue(w.leftValue() == -w.rightValue(), "the sign is what differs: " + w);
    }

    @Test void usersValidateTheirOwnGradients() {
        Matrix at = Matrix.of(new double[][] {{1, 2}, {3, 4}});
        // f(X) = Σ X_ij², whose gradient is 2X; a buggy user gradient forgets the 2.
        var good = CrossCheck.validate("X", m -> { double s = 0; for (double v : m.data) s += v * v; return s; },
                m -> { Matrix g = m.copy(); for (int i = 0; i < g.data.length; i++) g.data[i] *= 2; return g; }, at);
        var bad = CrossCheck.validate("X", m -> { double s = 0; for (double v : m.data) s += v * v; return s; }, Matrix::copy, at);
        assertTrue(good.agree(), good.toString());
        assertFalse(bad.agree());
        assertEquals(1, bad.row());
        assertEquals(1, bad.col());
    }

    @Test void reverseModeRunsEveryOperator() {
        String expr = "tr(inv(X)*A) + logdet(X) + det(X) + sum(diag(X)) + norm1(x) + norm2(A*x)^2 + sum(exp(x) ./ (1 + x.^2))"
                + " + sum(vec(X)) + x'*diag(x)*x + tr(X^3) + sum(sigmoid(X) .* tanh(X)) + sum(softplus(x)) + sum(sqrt(x))"
                + " + sum(relu(x - 0.5)) + sum(log(x)) + sum(sin(x) + cos(x) + tan(x)) + sum(ones(n)) + x'*eye(n)*x / 2";
        Problem t = Problem.of(expr, "X: matrix(n); A: matrix(n); x: vector(n)");
        List<Var> vars = List.of(t.variables().get("X"), t.variables().get("x"));
        Map<String, Matrix> values = new RandomPoints(5, 3).values(t.variables().values());
        var sizes = io.tracediff.eval.VariableValues.bind(t.variables(), values).sizes();
        var r = AutogradBridge.gradients(t.expr(), values, vars, sizes);
        assertEquals(FiniteDifferences.value(t.expr(), t.variables(), values), r.value(), 1e-9);
        for (Var v : vars) {
            Matrix numeric = FiniteDifferences.gradient(t.expr(), t.variables(), values, v, 1e-6);
            assertTrue(CrossCheck.compare(v.name(), "reverse", r.gradients().get(v.name()), "fd", numeric, 1e-6, 1e-4).agree(), v.name());
        }
    }
}

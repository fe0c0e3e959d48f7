package io.tracediff.symja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.tracediff.symja.engine.Symja;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.kernel.CentralDifference;
import io.tracediff.ops.Functions;
import io.tracediff.ops.ScalarFunction;
import io.tracediff.rules.Pattern;
import io.tracediff.rules.Rule;
import io.tracediff.rules.RuleFileParser;
import io.tracediff.rules.RuleSet;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * The built-in derivative table (rules/elementwise.rules) against Symja: D(f(x), x) − rule is
 * simplified to 0, or else agrees at 20 points of f's domain. Non-smooth functions are checked against
 * central differences away from their kink.
 */
class DerivativeTableAgreesWithSymjaTest {
    private static final Functions FUNCTIONS = Functions.builtin();

    /** Where each smooth function is checked numerically (inside its domain, away from poles). */
    private static final Map<String, double[]> DOMAINS = Map.ofEntries(
            Map.entry("exp", new double[] {-3, 3}), Map.entry("log", new double[] {0.1, 5}),
            Map.entry("sin", new double[] {-3, 3}), Map.entry("cos", new double[] {-3, 3}),
            Map.entry("tan", new double[] {-1.4, 1.4}), Map.entry("tanh", new double[] {-3, 3}),
            Map.entry("sigmoid", new double[] {-6, 6}), Map.entry("softplus", new double[] {-6, 6}),
            Map.entry("sqrt", new double[] {0.1, 5}), Map.entry("arcsin", new double[] {-0.9, 0.9}),
            Map.entry("arccos", new double[] {-0.9, 0.9}), Map.entry("arctan", new double[] {-5, 5}),
            Map.entry("sinh", new double[] {-3, 3}), Map.entry("cosh", new double[] {-3, 3}),
            Map.entry("log1p", new double[] {-0.9, 5}), Map.entry("expm1", new double[] {-3, 3}),
            Map.entry("erf", new double[] {-3, 3}));

    /** Kinked at 0: Symja has no derivative to compare, so central differences on each side. */
    private static final Set<String> NON_SMOOTH = Set.of("abs", "sign", "step", "relu");

    @TestFactory
    Stream<DynamicTest> everyDerivativeRuleAgreesWithSymja() {
        var rules = RuleSet.builtin().of(Rule.Kind.DERIVATIVE);
        assertTrue(rules.size() >= 16, "the table has its rules: " + rules);
        return rules.stream().map(r -> DynamicTest.dynamicTest(r.toString(), () -> check(r)));
    }

    static void check(Rule rule) {
        String name = ((Pattern.Call) rule.lhs()).name();
        ScalarFunction f = FUNCTIONS.get(name).orElse(null);
        assertNotNull(f, rule + " is the derivative of an unknown function");
        DoubleUnaryOperator stated = Terms.compile(Terms.fromPattern(rule.rhs(), FUNCTIONS));
        if (NON_SMOOTH.contains(name)) {
            for (int i = 0; i < 20; i++) {
                double x = (i < 10 ? -1 : 1) * (0.1 + 0.2 * (i % 10));
                double numeric = CentralDifference.slope(t -> f.apply(x + t), 1e-6);
                assertEquals(numeric, stated.applyAsDouble(x), 1e-6, rule + " disagrees with central differences at x = " + x);
            }
            return;
        }
        double[] domain = DOMAINS.get(name);
        assertNotNull(domain, rule + ": say where " + name + " is smooth (DOMAINS) or that it is not (NON_SMOOTH)");
        String fx = Terms.symja(new Term.Call(f, new Term.Param()), "x");
        String d = "D(" + fx + ", x)";
        String rhs = Terms.symja(Terms.fromPattern(rule.rhs(), FUNCTIONS), "x");
        if (Symja.eval("Simplify(" + d + " - (" + rhs + "))").isZero()) return;
        for (int i = 0; i < 20; i++) {
            double x = domain[0] + (domain[1] - domain[0]) * (i + 0.5) / 20;
            double symja = Symja.eval("N(ReplaceAll(" + d + ", x -> " + BigDecimal.valueOf(x).toPlainString() + "))").evalf();
            assertEquals(symja, stated.applyAsDouble(x), 1e-10 * Math.max(1, Math.abs(symja)),
                    rule + " disagrees with Symja's " + Symja.eval(d) + " at x = " + x);
        }
    }

    @Test
    void aWrongRuleIsCaughtAndNamed() {
        Rule wrong = RuleFileParser.parse("tanh-wrong: tanh'(x) = 1 - tanh(x) .^ 3 ; a typo", "wrong.rules").get(0);
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> check(wrong));
        assertTrue(e.getMessage().startsWith("tanh-wrong (wrong.rules:1) disagrees with Symja's "), e.getMessage());
        Rule wrongKink = RuleFileParser.parse("relu-wrong: relu'(x) = sign(x) ; a typo", "wrong.rules").get(0);
        e = assertThrows(AssertionFailedError.class, () -> check(wrongKink));
        assertTrue(e.getMessage().startsWith("relu-wrong (wrong.rules:1) disagrees with central differences"), e.getMessage());
    }
}

package io.tracediff.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.api.Problem;
import io.tracediff.diff.Gradients;
import io.tracediff.expr.Var;
import io.tracediff.ops.Functions;
import io.tracediff.core.UserError;
import io.tracediff.print.Printer;
import io.tracediff.shape.Dim;
import io.tracediff.shape.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every shipped rule holds numerically at random well-conditioned points; a failure names the rule. */
class RuleFilesTest {

    private static final RuleChecker BUILTIN = new RuleChecker(RuleSet.builtin(), Functions.builtin());

    @TestFactory Stream<DynamicTest> everyBuiltinRuleHoldsNumerically() {
        return RuleSet.builtin().all().stream().map(rule -> DynamicTest.dynamicTest(rule.name() + " (" + rule.where() + ")", () -> {
            RuleChecker.Report report = BUILTIN.check(rule);
            assertTrue(report.ok(), report::message);
            assertTrue(report.checks() > 0, rule + " was not checked");
        }));
    }

    @Test void everyKindOfRuleIsShipped() {
        Set<Rule.Kind> kinds = EnumSet.noneOf(Rule.Kind.class);
        for (Rule r : RuleSet.builtin().all()) kinds.add(r.kind());
        assertEquals(EnumSet.allOf(Rule.Kind.class), kinds);
    }

    @Test void chainRuleIsCheckedForEveryFunctionWithADerivative() {
        int functions = RuleSet.builtin().of(Rule.Kind.DERIVATIVE).size();
        assertEquals(21, functions);
        RuleChecker.Report report = BUILTIN.check(rule(RuleSet.builtin(), "d-elementwise"));
        assertEquals(functions * 3 * 3, report.checks(), report::message); // ?A a matrix, a scalar, a column
    }

    // ---- shapes the checker chooses ---------------------------------------------------------------------

    @Test void inverseAndDeterminantArgumentsAreSquare() {
        for (String name : List.of("d-inv", "d-det", "d-logdet")) {
            Shape x = BUILTIN.typing(rule(RuleSet.builtin(), name)).shapes().get("X");
            assertEquals(x.rows(), x.cols(), name);
            assertFalse(x.rows().isOne(), name);
        }
    }

    @Test void productOperandsShareTheInnerDimensionOnly() {
        Map<String, Shape> s = BUILTIN.typing(rule(RuleSet.builtin(), "d-mul")).shapes();
        assertEquals(s.get("A").cols(), s.get("B").rows());
        assertNotEquals(s.get("A").rows(), s.get("A").cols());
        assertNotEquals(s.get("A").rows(), s.get("B").cols());
    }

    @Test void traceMultiplierIsColsByRowsOfTheOperand() {
        // tr(?L * (?A * ?B)): L is cols(B)×rows(A), A and B otherwise free.
        Map<String, Shape> s = BUILTIN.typing(rule(RuleSet.builtin(), "trace-cyclic")).shapes();
        assertEquals(new Shape(s.get("B").cols(), s.get("A").rows()), s.get("L"));
        // tr(?L * vec(?A)): L is the row 1×(m·n).
        Map<String, Shape> v = BUILTIN.typing(rule(RuleSet.builtin(), "trace-vec")).shapes();
        Shape a = v.get("A");
        assertEquals(new Shape(Dim.ONE, Dim.times(a.rows(), a.cols())), v.get("L"));
    }

    @Test void matrixPowerExponentIsAWholeNumberAndScalarsStayScalars() {
        RuleChecker.Typing t = BUILTIN.typing(rule(RuleSet.builtin(), "d-matpow"));
        assertEquals(Set.of("b"), t.exponents());
        assertTrue(BUILTIN.typing(rule(RuleSet.builtin(), "d-div")).shapes().get("b").isScalar());
        assertTrue(BUILTIN.typing(rule(RuleSet.builtin(), "d-div")).exponents().isEmpty());
    }

    // ---- the checker can fail ---------------------------------------------------------------------------

    @Test void wrongSignOfTheInverseDifferentialIsCaughtAndNamed() {
        RuleSet user = RuleSet.load(Map.of("user.rules", "d-bad: d(inv(?X)) = inv(?X) * d(?X) * inv(?X) ; wrong sign\n"));
        RuleChecker.Report report = new RuleChecker(user, Functions.builtin()).check(rule(user, "d-bad"));
        assertFalse(report.ok());
        String m = report.message();
        assertTrue(m.startsWith("rule d-bad (user.rules:1) `d(inv(?X)) = inv(?X) * d(?X) * inv(?X)` [trial 0]: at ?X 2×2"), m);
        assertTrue(m.matches("(?s).*left side 2×2 \\[\\S+ \\S+; \\S+ \\S+], right side 2×2 \\[\\S+ \\S+; \\S+ \\S+].*"), m);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "d-mul-swapped: d(?A * ?B) = d(?A) * ?B + d(?B) * ?A ; operands swapped",
        "d-det-no-det: d(det(?X)) = tr(inv(?X) * d(?X)) ; forgot the factor det(X)",
        "d-elementwise-no-prime: d(?f(?A)) = ?f(?A) .* d(?A) ; f instead of f'",
        "d-matpow-commuted: d(?X ^ ?b) = ?b * ?X ^ (?b - 1) * d(?X) ; matrices do not commute",
        "trace-not-cyclic: tr(?L * (?A * ?B)) = tr((?L * ?B) * ?A) ; a transposition, not a rotation",
        "tr-transpose-wrong: tr(?A * ?B') = tr(?A * ?B) ; drops a transpose",
        "transpose-same-order: (?A * ?B)' ~> ?A' * ?B' ; order not reversed",
        "collect-off-by-one: ?a * ?A + ?A -> ?a * ?A ; drops a term",
        "tanh-wrong: tanh'(x) = 1 + tanh(x) .^ 2 ; sign of the square",
        "relu-wrong: relu'(x) = 0 * x + 1 ; ignores x < 0",
    })
    void wrongRulesAreCaughtAndNamed(String line) {
        String name = line.substring(0, line.indexOf(':'));
        RuleSet user = RuleSet.builtin().with(RuleFileParser.parse("# deliberately wrong\n" + line + "\n", "user.rules").get(0));
        RuleChecker.Report report = new RuleChecker(user, Functions.builtin()).check(rule(user, name));
        assertFalse(report.ok(), name + " passed");
        assertTrue(report.message().startsWith("rule " + name + " (user.rules:2) `"), report.message());
        assertTrue(report.message().contains("left side") && report.message().contains("right side"), report.message());
    }

    @Test void chainRuleFailureNamesTheFunction() {
        RuleSet user = RuleSet.builtin().with(RuleFileParser.parse("d-elementwise: d(?f(?A)) = ?f(?A) .* d(?A) ; f instead of f'", "user.rules").get(0));
        String m = new RuleChecker(user, Functions.builtin()).check(rule(user, "d-elementwise")).message();
        assertTrue(m.contains("?f = log"), m);
        assertFalse(m.contains("?f = exp"), m); // exp' = exp: the wrong rule happens to hold there
    }

    @Test void ruleWithAnUnknownOperatorCannotBeChecked() {
        RuleSet user = RuleSet.load(Map.of("user.rules", "frob-id: frob(?A) -> ?A ; nowhere\n"));
        String m = new RuleChecker(user, Functions.builtin()).check(rule(user, "frob-id")).message();
        assertEquals("rule frob-id (user.rules:1) `frob(?A) -> ?A`: its sides do not typecheck: unknown operator 'frob'", m);
    }

    // ---- rule files added by the user, no Java --------------------------------------------------------

    @Test void userRuleFileChangesTheClosedForm(@TempDir Path dir) throws IOException {
        var typed = Problem.of("sum(sigmoid(x))");
        Var x = typed.variables().get("x");
        assertEquals("σ(x) ⊙ (1 − σ(x))", Printer.unicode(Gradients.of(typed.expr(), List.of(x)).gradients().get("x")));

        Files.writeString(dir.resolve("sigmoid.rules"),
                "# σ' expanded\n"
                + "sigmoid: sigmoid'(x) = sigmoid(x) - sigmoid(x) .^ 2 ; σ(1 − σ) multiplied out\n");
        RuleSet rules = RuleSet.builtinPlus(dir);
        Rule replaced = rules.derivative("sigmoid");
        assertEquals("sigmoid.rules:2", replaced.where());
        assertTrue(new RuleChecker(rules, Functions.builtin()).check(replaced).ok());
        assertEquals("σ(x) − σ(x)²", Printer.unicode(Gradients.of(typed.expr(), List.of(x), rules, Functions.builtin()).gradients().get("x")));
    }

    @Test void ruleThatIsWrongOnlyWhenAnOperandIsAScalarIsCaught() {
        // trace-ediv as it stood alone: right for a matrix numerator, wrong for a scalar one (broadcast).
        String text = "trace-ediv: tr(?L * (?A ./ ?B)) = tr((?L' ./ ?B)' * ?A) ; Minka (2000) sec. 3 with C = 1 ⊘ B";
        RuleSet rules = RuleSet.load(Map.of("old.rules", text));
        String m = new RuleChecker(rules, Functions.builtin()).check(rule(rules, "trace-ediv")).message();
        assertTrue(m.startsWith("rule trace-ediv (old.rules:1) `tr(?L * (?A ./ ?B)) = tr((?L' ./ ?B)' * ?A)` [?A a scalar, trial 0]: at ?L 2×2, ?A 1×1, ?B 2×2 the sides differ"), m);
        // With the scalar case first, as in trace.rules, the engine never uses it there.
        assertTrue(BUILTIN.check(rule(RuleSet.builtin(), "trace-ediv")).ok());
    }

    @Test void scalarOverMatrixDivisionMovesThroughTheTrace() {
        // trace-ediv-scalar: before it, tr(L (c ⊘ B)) with dc in c was moved as if c were a matrix.
        for (String f : List.of("sum(c ./ x)", "tr(A * (c ./ B))")) {
            var typed = Problem.of(f);
            Var c = typed.variables().get("c");
            var g = Gradients.of(typed.expr(), List.of(c)).gradients().get("c");
            var values = new io.tracediff.eval.tree.RandomPoints(11, 3).values(typed.variables().values());
            var closed = io.tracediff.eval.tree.Evaluator.eval(g, io.tracediff.eval.VariableValues.bind(typed.variables(), values));
            var fd = io.tracediff.check.FiniteDifferences.gradient(typed.expr(), typed.variables(), values, c, 1e-6);
            assertEquals(fd.scalarValue(), closed.scalarValue(), 1e-6 * Math.abs(fd.scalarValue()), f);
        }
    }

    @Test void userRuleFileCanOverrideABuiltinRuleByName(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("mine.rules"), "d-inv: d(inv(?X)) = inv(?X) * d(?X) * inv(?X) ; wrong on purpose\n");
        RuleSet rules = RuleSet.builtinPlus(dir);
        Rule overridden = rule(rules, "d-inv");
        assertEquals("mine.rules:1", overridden.where());
        assertFalse(new RuleChecker(rules, Functions.builtin()).check(overridden).ok());
    }

    @Test void malformedRuleLinesNameFileLineAndProblem(@TempDir Path dir) throws IOException {
        assertEquals("broken.rules:2: missing '; source' (say where the rule comes from)",
                firstLine(malformed(dir, "d-transpose2: d(?A') = d(?A)'")));
        assertEquals("broken.rules:2: the right side uses ?C, which the left side does not bind",
                firstLine(malformed(dir, "sum-out-of-nowhere: ?A + ?B -> ?C ; nowhere")));
        assertEquals("broken.rules:2: an '=' rule is d(…) = …, tr(…) = …, vec(…) = R * vec(?Z) + … or f'(x) = …",
                firstLine(malformed(dir, "equals-nothing: ?A = ?B ; no such form")));
        assertEquals("broken.rules:2: expected '=', '->' or '~>' between the two sides",
                firstLine(malformed(dir, "no-arrow: ?A ?B ; no arrow")));
    }

    private static String malformed(Path dir, String line) throws IOException {
        Files.writeString(dir.resolve("broken.rules"), "# one good line, then a bad one\n" + line + "\n");
        return assertThrows(UserError.class, () -> RuleSet.builtinPlus(dir)).getMessage();
    }

    private static String firstLine(String s) { return s.lines().findFirst().orElse(""); }

    private static Rule rule(RuleSet set, String name) {
        return set.all().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no rule " + name));
    }
}

package io.tracediff.egraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.eval.tree.Evaluator;
import io.tracediff.api.Problem;
import io.tracediff.eval.Matrix;
import io.tracediff.eval.tree.RandomPoints;
import io.tracediff.eval.VariableValues;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.ops.ElementFn;
import io.tracediff.ops.Functions;
import io.tracediff.print.Printer;
import io.tracediff.rules.RuleSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The e-graph: congruence after rebuilding, conditioned rules, extraction by the paper's taste, and visible limits. */
class SaturationTest {

    private static final String D = "a: scalar; b: scalar; c: scalar; A: matrix(n, m); B: matrix(m, k); "
            + "x: vector(n); y: vector(n); M: matrix(n, n)";

    private static Expr typed(String text) { return Problem.of(text, D).expr(); }

    private static Saturation builtin() { return new Saturation(RuleSet.builtin(), Functions.builtin(), Saturation.Limits.DEFAULT); }

    @Test void mergedOperandsMakeMergedApplications() {
        EGraph g = new EGraph();
        Expr x = typed("x"), y = typed("y");
        ElementFn exp = new ElementFn(Functions.builtin().get("exp").orElseThrow());
        int ex = g.add(Apply.of(exp, x)), ey = g.add(Apply.of(exp, y));
        assertNotEquals(g.find(ex), g.find(ey));
        g.union(g.add(x), g.add(y));
        g.rebuild();
        assertEquals(g.find(ex), g.find(ey), "exp(x) = exp(y) once x = y (congruence)");
        int nodes = g.nodes();
        g.add(Apply.of(exp, y));
        assertEquals(nodes, g.nodes(), "the hash-cons finds the existing node");
    }

    @Test void theCheapestFormIsExtracted() {
        Saturation.Result r = builtin().run(typed("(A*B)' + (A*B)'"));
        assertEquals("2*(B'*A')", Printer.ascii(r.best()));
        assertEquals(Saturation.Stop.SATURATED, r.stop());
        assertTrue(r.rulesUsed().contains("collect-twice"), r.rulesUsed().toString());
        assertTrue(r.nodes() > 0 && r.classes() > 0);
    }

    @Test void conditionedRulesApplyOnlyWhereTheConditionHolds() {
        RuleSet rules = RuleSet.load(Map.of("t.rules", "swap: ?A * ?B -> ?B * ?A ; if scalar(?A) and scalar(?B) ; scalars commute"));
        Saturation s = new Saturation(rules, Functions.builtin(), Saturation.Limits.DEFAULT);
        // a*b gains b*a (four nodes: a, b and both products); A*B stays three. Neither reads shorter, so the
        // extracted form is the input's and no rule is on the way to it.
        assertEquals(4, s.run(typed("a*b")).nodes());
        assertEquals(3, s.run(typed("A*B")).nodes());
        assertEquals(List.of(), s.run(typed("a*b")).rulesUsed());
    }

    @Test void theExplanationListsTheRulesOnTheProofPathOnly() {
        // (A B)ᵀ + (A B)ᵀ: collect-twice and transpose-product lead to 2 (Bᵀ Aᵀ); rules that fired elsewhere do not show.
        Saturation.Result r = builtin().run(typed("(A*B)' + (A*B)'"));
        assertEquals("2*(B'*A')", Printer.ascii(r.best()));
        assertTrue(r.rulesUsed().containsAll(List.of("collect-twice", "transpose-product")), r.rulesUsed().toString());
        assertTrue(r.rulesUsed().size() <= 3, r.rulesUsed().toString());
    }

    @Test void explosiveRulesStopOnALimitWithAnEqualForm() {
        RuleSet rules = RuleSet.load(Map.of("t.rules", """
                add-comm: ?A + ?B -> ?B + ?A ; commutativity
                add-assoc: (?A + ?B) + ?C -> ?A + (?B + ?C) ; associativity
                add-assoc-back: ?A + (?B + ?C) -> (?A + ?B) + ?C ; associativity
                """));
        StringBuilder sum = new StringBuilder("x");
        for (int i = 1; i < 40; i++) sum.append(i % 2 == 0 ? " + x" : " + y");
        Expr e = typed(sum.toString());
        long t0 = System.nanoTime();
        Saturation.Result r = new Saturation(rules, Functions.builtin(), new Saturation.Limits(2_000, 30, 2_000_000_000L)).run(e);
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "bounded time");
        assertTrue(r.limited(), "stopped on " + r.stop());
        Map<String, Var> vars = new LinkedHashMap<>();
        vars.put("x", (Var) typed("x"));
        vars.put("y", (Var) typed("y"));
        VariableValues at = VariableValues.bind(vars, new RandomPoints(3, 3).values(vars.values()));
        Matrix before = Evaluator.eval(e, at), after = Evaluator.eval(r.best(), at);
        assertTrue(before.maxAbsDiff(after) < 1e-9 * before.maxAbs(), "the best form so far is equal");
    }
}

package io.tracediff.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.api.Problem;
import io.tracediff.diff.Simplifier;
import io.tracediff.expr.Expr;
import io.tracediff.ops.Functions;
import io.tracediff.core.UserError;
import io.tracediff.print.Printer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Side conditions (egg's `if`): parsed, honoured by matching, and checked only where they hold. */
class RuleConditionsTest {

    private static final String D = "a: scalar; b: scalar; A: matrix(n, m); B: matrix(m, k); "
            + "S: symmetric(n); M: matrix(n, n); x: vector(n); y: vector(n)";

    private static Expr typed(String text) { return Problem.of(text, D).expr(); }

    private static Rule one(String line) { return RuleSet.load(Map.of("t.rules", line)).all().get(0); }

    private static RuleChecker.Report check(String line) {
        return new RuleChecker(RuleSet.builtin(), Functions.builtin()).check(one(line));
    }

    @Test void conditionsAreParsedBeforeTheSource() {
        Rule r = one("diag-product: diag(?U) * diag(?V) -> diag(?U .* ?V) ; if cols(?U) = 1 and not scalar(?V) ; diagonal matrices");
        assertEquals("diagonal matrices", r.source());
        assertEquals("[cols(?U) = 1, not scalar(?V)]", r.conditions().toString());
        assertEquals(List.of(), one("plain: ?A + ?A -> 2 * ?A ; A + A = 2A").conditions());
    }

    @Test void badConditionsNameTheLineAndTheFix() {
        UserError unknown = assertThrows(UserError.class, () -> one("r: ?A' -> ?A ; if hermitian(?A) ; src"));
        assertTrue(unknown.getMessage().startsWith("t.rules:1: unknown condition 'hermitian'"), unknown.getMessage());
        UserError unbound = assertThrows(UserError.class, () -> one("r: ?A' -> ?A ; if symmetric(?B) ; src"));
        assertTrue(unbound.getMessage().contains("the condition reads ?B, which the left side does not bind"), unbound.getMessage());
        UserError move = assertThrows(UserError.class, () -> one("r: tr(?L * (?A * ?B)) = tr((?B * ?L) * ?A) ; if square(?A) ; src"));
        assertTrue(move.getMessage().contains("not to trace-move rules"), move.getMessage());
        assertEquals("[square(?A)]", one("r: d(?A') = d(?A)' ; if square(?A) ; src").conditions().toString());
        assertThrows(UserError.class, () -> one("r: ?A' -> ?A ; if cols(?A) = 0 ; src"));
        assertThrows(UserError.class, () -> one("r: ?A' -> ?A ; if symmetric(?A) ;"));
    }

    @Test void matchingHonoursTheCondition() {
        // True only of scalars: with the condition the simplifier swaps a b and leaves A B alone.
        RuleSet rules = RuleSet.load(Map.of("t.rules", "swap: ?A * ?B -> ?B * ?A ; if scalar(?A) and scalar(?B) ; scalars commute"));
        Simplifier s = new Simplifier(rules, Functions.builtin());
        assertEquals("b*a", Printer.ascii(s.simplify(typed("a*b"))));
        assertEquals("A*B", Printer.ascii(new Simplifier(rules, Functions.builtin()).simplify(typed("A*B"))));
    }

    /**
     * A differential takes the first rule whose condition holds: d tr(Xᵏ) = k tr(Xᵏ⁻¹ dX) is for a number k, and it
     * matched tr(exp(c a)^a), a scalar power whose exponent is the variable (the self-check refused a c exp(c a)^a).
     */
    @Test void aDifferentialRuleHonoursItsCondition() {
        Problem p = Problem.of("tr(exp(c*a)^a)", D);
        var r = io.tracediff.diff.Gradients.of(p.expr(), List.of(p.variables().get("a")), RuleSet.builtin(), Functions.builtin(), true);
        assertEquals("(a*c + log(exp(c*a)))*exp(c*a)^a", Printer.ascii(r.gradients().get("a")));
    }

    @Test void shippedConditionedRulesApply() {
        Simplifier s = new Simplifier(RuleSet.builtin(), Functions.builtin());
        assertEquals("diag(x.*y)", Printer.ascii(s.simplify(typed("diag(x)*diag(y)"))));
        // diag of a matrix is a vector: diag(M) diag(M) is not a product of diagonal matrices.
        assertEquals("diag(M)'*diag(M)", Printer.ascii(s.simplify(typed("diag(M)'*diag(M)"))));
    }

    @Test void theCheckerChecksOnlyWhereTheConditionHolds() {
        String wrongInGeneral = "swap: ?A * ?B -> ?B * ?A ; scalars commute";
        RuleChecker.Report general = check(wrongInGeneral);
        assertFalse(general.ok(), "A B = B A is false for matrices");
        RuleChecker.Report conditioned = check("swap: ?A * ?B -> ?B * ?A ; if scalar(?A) and scalar(?B) ; scalars commute");
        assertTrue(conditioned.ok(), conditioned::message);
        assertTrue(conditioned.checks() > 0, "the scalar case is checked");
        // Symmetry is a condition the checker makes true: Sᵀ = S only for a symmetric S.
        assertFalse(check("sym: ?A' -> ?A ; transpose").ok());
        RuleChecker.Report symmetric = check("sym: ?A' -> ?A ; if symmetric(?A) ; a symmetric matrix is its transpose");
        assertTrue(symmetric.ok() && symmetric.checks() > 0, symmetric::message);
        // A condition that holds nowhere the checker looks is reported, not silently passed.
        RuleChecker.Report never = check("never: ?A' -> ?A ; if rows(?A) = 1 and cols(?A) = 1 and not scalar(?A) ; vacuous");
        assertFalse(never.ok());
        assertTrue(never.message().contains("holds at none of the checker's points"), never::message);
    }

    @Test void sizeConditionsUnifyTheCheckersShapes() {
        RuleChecker.Report mixed = check("mp: kron(?A, ?B) * kron(?C, ?D) -> kron(?A * ?C, ?B * ?D) ; if cols(?A) = rows(?C) and cols(?B) = rows(?D) ; M&N 2.2");
        assertTrue(mixed.ok() && mixed.checks() > 0, mixed::message);
        RuleChecker.Report wrong = check("mp: kron(?A, ?B) * kron(?C, ?D) -> kron(?B * ?D, ?A * ?C) ; if cols(?A) = rows(?C) and cols(?B) = rows(?D) ; swapped");
        assertFalse(wrong.ok(), "AC ⊗ BD is not BD ⊗ AC");
    }
}

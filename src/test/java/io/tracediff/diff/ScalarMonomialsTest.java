package io.tracediff.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.api.Problem;
import io.tracediff.eval.Matrix;
import io.tracediff.eval.VariableValues;
import io.tracediff.eval.tree.Evaluator;
import io.tracediff.eval.tree.RandomPoints;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.ops.ElementFn;
import io.tracediff.ops.Functions;
import io.tracediff.ops.Sum;
import io.tracediff.print.Printer;
import io.tracediff.rules.RuleSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scalar normal form: start => goal (Unicode), the value unchanged at a point with distinct sizes ≥ 3. */
class ScalarMonomialsTest {
    private static final String DECLS = "A: matrix(m, n); B: matrix(n); C: matrix(n); X: matrix(n); P: matrix(p, m); "
            + "x: vector(n); y: vector(m); a: scalar; b: scalar; c: scalar";

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2*x/(2*sqrt(x'*x))                | x / sqrt(xᵀ x)
            3*norm2(A*x)^2*(A'*A*x)/norm2(A*x) | 3 ‖A x‖ Aᵀ A x
            -2*c*a/(c^2)^2                    | −2 a / c³
            4*exp(a)*c*b/(2*c^2)^2            | b exp(a) / c³
            a*b*a/(b*b)                       | a² / b
            c*(b*a)*c                         | a b c²
            -(a/(2*b))                        | −a / (2 b)
            5*a^2*b^2 - 2*b^2*a^2             | 3 a² b²
            a*x - x*a                         | 0
            B*B*B*x                           | B³ x
            B*inv(B)*C                        | C
            X'*inv(X*B*C)'*C'                 | B⁻ᵀ
            exp(a)*b/(1 + exp(a))             | b σ(a)
            2*a/(6*b)                         | a / (3 b)
            0.3333333333*a*3/(b*b)            | 0.9999999999 a / b²
            a^(-2/3)*a                        | a^(1/3)
            a^(b - 1)*a*c                     | a^b c
            a^b/a^b*c                         | c
            a^(b + 1)*x/a^(1 + b)             | x
            c^(1/3)*x/c                       | x / c^(2/3)
            a^(1/2)*a^(1/2)*b                 | a b
            (a*b)^(1/2)*a*b                   | a sqrt(a b) b
            a^0.3333333333*a                  | a^0.3333333333 a
            (B*B*x*x')' - x*x'*(B')^2         | 0
            1e-20*a*b*2                       | 2·10⁻²⁰ a b
            a^1e-20*a                         | a^(10⁻²⁰) a
            (B + C)*X - C*X + B*X             | 2 B X
            2*(X + B)*C - 2*B*C               | 2 X C
            (X*B*C)' - C'*(X*B)'              | 0
            """)
    void normalForm(String start, String goal) {
        Problem s = Problem.of(start, DECLS);
        Simplifier simplifier = new Simplifier(RuleSet.builtin(), Functions.builtin());
        Expr normal = ScalarMonomials.normalize(s.expr(), simplifier::simplify);
        assertEquals(goal, Printer.unicode(normal));
        // Sizes 3, 4, 5 for m, n, p (distinct and past 2, where a dropped 𝟏ᵀ𝟏 = n would hide).
        var values = new RandomPoints(7, 3).values(s.variables().values());
        Matrix before = Evaluator.eval(s.expr(), VariableValues.bind(s.variables(), values));
        Matrix after = Evaluator.eval(normal, VariableValues.bind(s.variables(), values));
        assertTrue(before.maxAbsDiff(after) < 1e-9 * Math.max(1, before.maxAbs()), "value changed: " + before + " vs " + after);
    }

    @ParameterizedTest(name = "{0} is left as it is")
    @CsvSource(delimiter = '|', textBlock = """
            A*x + y
            (a*b)^2
            P*A*x
            X*B - B*X
            """)
    void formsThatReadNoShorterStay(String start) {
        Problem s = Problem.of(start, DECLS);
        Expr normal = ScalarMonomials.normalize(s.expr(), e -> e);
        assertEquals(Printer.unicode(s.expr()), Printer.unicode(normal));
    }

    @Test void cookbookDeterminantOfAProduct() {
        // Cookbook eq. (51): ∂det(AXB)/∂X = det(AXB) X⁻ᵀ for square A, X, B; rule by rule it stays Aᵀ (A X B)⁻ᵀ Bᵀ.
        Problem p = Problem.of("det(A*X*B)", "A: matrix(n); B: matrix(n); X: matrix(n)");
        var g = Gradients.of(p.expr(), List.of(p.variables().get("X")));
        assertEquals("det(A X B) X⁻ᵀ", Printer.unicode(g.gradients().get("X")));
        assertTrue(g.selfCheck().checked());
    }

    @Test void longSumsAndDeepChainsAreReadWithoutRecursion() {
        Problem p = Problem.of("a*x", "x: vector(n); a: scalar");
        Expr sum = p.expr();
        for (int i = 0; i < 100_000; i++) sum = Apply.of(io.tracediff.ops.Add.OP, sum, p.expr());
        assertEquals("100001 a x", Printer.unicode(ScalarMonomials.normalize(sum, e -> e)));
        Expr deep = p.expr();
        for (int i = 0; i < 200_000; i++) deep = Apply.of(io.tracediff.ops.Neg.OP, deep);
        assertEquals("a x", Printer.unicode(ScalarMonomials.normalize(deep, e -> e)));   // an even number of signs
    }

    @Test void aSimplifierLimitIsReportedNotSilent() {
        // exp(exp(…(x)…)) 450 deep: past the rule-by-rule pass's nesting limit of 400.
        Problem p = Problem.of("x", "x: vector(n)");
        Expr e = p.expr();
        ElementFn exp = new ElementFn(Functions.builtin().get("exp").orElseThrow());
        for (int i = 0; i < 450; i++) e = Apply.of(exp, e);
        Simplifier s = new Simplifier(RuleSet.builtin(), Functions.builtin());
        s.simplify(Apply.of(Sum.OP, e));
        assertNotNull(s.limitReached());
        assertTrue(s.limitReached().contains("nesting limit"), s.limitReached());
        // And the gradient says so (grad prints it on stderr and under "simplifier_limit" in --json).
        Var x = p.variables().get("x");
        Gradients.Result g = Gradients.of(Apply.of(Sum.OP, e), List.of(x), RuleSet.builtin(), Functions.builtin(), false, null);
        assertNotNull(g.simplifierLimit());
        assertNull(Gradients.of(Problem.of("sum(exp(exp(x)))", "x: vector(n)").expr(),
                List.of(Problem.of("sum(exp(exp(x)))", "x: vector(n)").variables().get("x"))).simplifierLimit());
        Simplifier shallow = new Simplifier(RuleSet.builtin(), Functions.builtin());
        shallow.simplify(Problem.of("sum(exp(exp(x)))", "x: vector(n)").expr());
        assertNull(shallow.limitReached());
    }

    /**
     * Multiplying a sum out inside M (uᵀ v): the number uᵀ v stays one factor, as chaining u and v back left to right
     * would read M uᵀ v (a shape error, printed to the user as one: found by a 30,000-case run, seed 90594).
     */
    @Test void aSumIsMultipliedOutBesideANumberMadeByAProduct() {
        Problem p = Problem.of("(step(ones(1))*ones(N)' + ones(1)*(ones(1, m)*y*ones(1, N) + ones(1, p)*z*ones(1, N)))"
                + "*(arccos(0.5*tanh(ones(N, n)*B*ones(p))).*(ones(N)*b*ones(1)) + vec(exp(A).^1.5)'*vec(A./(1 + A.^2))*log1p(2 + sin(ones(N, n)*B*ones(p))))",
                List.of("b: scalar; y: vector(m); A: matrix(m, n); z: vector(p); B: matrix(n, p)"));
        Var bv = p.variables().get("B");
        Gradients.Result r = Gradients.of(p.expr(), List.of(bv), RuleSet.builtin(), Functions.builtin(), true);
        assertTrue(r.selfCheck().checked(), "self-checked");
    }
}

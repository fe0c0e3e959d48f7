package io.tracediff.jacobian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.eval.tree.Evaluator;
import io.tracediff.api.Problem;
import io.tracediff.check.AutogradBridge;
import io.tracediff.check.FiniteDifferences;
import io.tracediff.eval.Matrix;
import io.tracediff.eval.tree.RandomPoints;
import io.tracediff.eval.VariableValues;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.ops.Functions;
import io.tracediff.core.UserError;
import io.tracediff.print.notation.Format;
import io.tracediff.print.Printer;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Jacobians ∂vec(F)/∂vec(X)ᵀ of vector- and matrix-valued expressions: each closed form against central
 * differences and against the reverse-mode engine (Functional.jacobian) at two random points, the famous
 * ones against the form the notes print. Expected text null means "any form, as long as it is right".
 */
public class JacobiansTest {

    public record Case(String name, String expr, String lets, String wrt, String expected) {}

    public static List<Case> cases() {
        return List.of(
                new Case("linear map", "A*x", "A: matrix(m, n); x: vector(n)", "x", "A"),
                new Case("affine map", "A*x - b", "A: matrix(m, n); x: vector(n); b: vector(m)", "x", "A"),
                new Case("exp of X b", "exp(X*b)", "X: matrix(m, n); b: vector(n)", "X", "diag(exp(X b)) (bᵀ ⊗ I)"),
                new Case("sandwich A X B", "A*X*B", "A: matrix(m, n); X: matrix(n, p); B: matrix(p, q)", "X", "Bᵀ ⊗ A"),
                new Case("transpose is the commutation matrix", "X'", "X: matrix(m, n)", "X", "K_(m,n)"),
                new Case("inverse", "inv(X)", "X: matrix(n, n)", "X", "−X⁻ᵀ ⊗ X⁻¹"),
                new Case("square of a matrix", "X*X", "X: matrix(n, n)", "X", "Xᵀ ⊗ I + I ⊗ X"),
                new Case("gram matrix", "X'*X", "X: matrix(m, n)", "X", null),
                new Case("X A Xᵀ", "X*A*X'", "X: matrix(m, n); A: matrix(n, n)", "X", null),
                new Case("cube", "X^3", "X: matrix(n, n)", "X", null),
                new Case("A X + X B", "A*X + X*B", "A: matrix(n, n); X: matrix(n, n); B: matrix(n, n)", "X", "I ⊗ A + Bᵀ ⊗ I"),
                new Case("layer wrt weights", "tanh(W*x + c)", "W: matrix(m, n); x: vector(n); c: vector(m)", "W", null),
                new Case("layer wrt input", "tanh(W*x + c)", "W: matrix(m, n); x: vector(n); c: vector(m)", "x", null),
                new Case("gated input", "sigmoid(A*x) .* x", "A: matrix(n, n); x: vector(n)", "x", null),
                new Case("quadratic times a vector", "(x'*x)*a", "x: vector(n); a: vector(m)", "x", "2 a xᵀ"),
                new Case("outer product", "x*x'", "x: vector(n)", "x", "x ⊗ I + I ⊗ x"),
                new Case("entrywise quotient", "x ./ y", "x: vector(n); y: positive(n)", "y", null),
                new Case("entrywise log times itself", "log(X) .* X", "X: positive(m, n)", "X", null),
                new Case("normalised vector", "x / norm2(x)", "x: vector(n)", "x", null),
                new Case("determinant times X", "det(X) * X", "X: matrix(n, n)", "X", null),
                new Case("trace times a vector", "tr(X) * a", "X: matrix(n, n); a: vector(m)", "X", null),
                new Case("sum broadcast", "x + sum(x)", "x: vector(n)", "x", null),
                new Case("vec of a matrix", "vec(A*X)", "A: matrix(m, n); X: matrix(n, p)", "X", "I ⊗ A"),
                new Case("softmax", "exp(x) / sum(exp(x))", "x: vector(n)", "x", null),
                new Case("entrywise square", "X .^ 2", "X: matrix(m, n)", "X", "2 diag(vec(X))"),
                new Case("entrywise quotient in the divisor", "X ./ Y", "X: matrix(m, n); Y: positive(m, n)", "Y", "−diag(vec(X ⊘ Y∘²))"),
                new Case("sandwich of a transpose", "A*X'*B", "A: matrix(p, n); X: matrix(m, n); B: matrix(m, q)", "X", "(Bᵀ ⊗ A) K_(m,n)"),
                new Case("two-layer net wrt the first weights", "W2*tanh(W1*x)", "W1: matrix(h, n); W2: matrix(o, h); x: vector(n)", "W1",
                        "W2 diag(1 − tanh(W1 x)²) (xᵀ ⊗ I)"),
                new Case("projection matrix", "X*inv(X'*X)*X'", "X: matrix(5, 2)", "X", null),
                new Case("row times a matrix", "x'*A", "x: vector(n); A: matrix(n, m)", "x", "Aᵀ"),
                new Case("scalar variable", "a*X", "a: scalar; X: matrix(m, n)", "a", "vec(X)"),
                new Case("broadcast constant", "X + 1", "X: matrix(m, n)", "X", "I"),
                new Case("diagonal matrix of a vector", "diag(exp(x))", "x: vector(n)", "x", null),
                new Case("diagonal of a matrix", "diag(X*X)", "X: matrix(n, n)", "X", null));
    }

    @TestFactory Stream<DynamicTest> jacobiansAgreeWithDifferencesAndReverseMode() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name() + ": ∂vec(" + c.expr() + ")/∂" + c.wrt(), () -> check(c)));
    }

    static void check(Case c) {
        Problem typed = Problem.of(c.expr(), c.lets());
        Var x = typed.variables().get(c.wrt());
        Expr j = Jacobians.of(typed.expr(), List.of(x)).jacobians().get(c.wrt());
        if (c.expected() != null) assertEquals(c.expected(), Printer.unicode(j), c.name());
        for (long seed = 1; seed <= 2; seed++) {
            Map<String, Matrix> values = new RandomPoints(seed, 3).values(typed.variables().values());
            Matrix closed = Evaluator.eval(j, VariableValues.bind(typed.variables(), values));
            Matrix numeric = FiniteDifferences.jacobian(typed.expr(), typed.variables(), values, x, 1e-6);
            Matrix reverse = AutogradBridge.jacobian(typed.expr(), values, x, VariableValues.bind(typed.variables(), values).sizes());
            close(c.name() + " vs central differences", numeric, closed, 1e-5);
            close(c.name() + " vs reverse mode", reverse, closed, 1e-9);
            close(c.name() + " structurally evaluated", closed, new StructuredEvaluator(values, VariableValues.bind(typed.variables(), values).sizes()).value(j), 1e-12);
        }
    }

    static void close(String what, Matrix expected, Matrix actual, double tol) {
        assertTrue(expected.rows == actual.rows && expected.cols == actual.cols,
                what + ": " + actual.shapeString() + " instead of " + expected.shapeString());
        double scale = Math.max(1, expected.maxAbs());
        assertTrue(expected.maxAbsDiff(actual) <= tol * scale, () -> what + ": off by " + expected.maxAbsDiff(actual));
    }

    /** ⊗ has generated code (K has not: its size may be symbolic), so Jacobians built with it compile. */
    @Test void kroneckerJacobiansCompile() {
        for (Case c : List.of(cases().get(2), cases().get(3), cases().get(6))) {
            Problem typed = Problem.of(c.expr(), c.lets());
            Expr j = Jacobians.of(typed.expr(), List.of(typed.variables().get(c.wrt()))).jacobians().get(c.wrt());
            assertTrue(Printer.ascii(j).contains("kron"), Printer.ascii(j));
            Map<String, Matrix> values = new RandomPoints(4, 3).values(typed.variables().values());
            Matrix compiled = io.tracediff.codegen.CompiledFunction.compile(new java.util.ArrayList<>(typed.variables().values()), Map.of("j", j))
                    .evaluate(values).get("j");
            close(c.name() + " compiled", Evaluator.eval(j, VariableValues.bind(typed.variables(), values)), compiled, 1e-12);
        }
    }

    @Test void jacobianOfAScalarIsItsGradientAsARow() {
        Problem typed = Problem.of("x'*A*x", "A: matrix(n, n); x: vector(n)");
        Expr j = Jacobians.of(typed.expr(), List.of(typed.variables().get("x"))).jacobians().get("x");
        assertEquals("xᵀ (A + Aᵀ)", Printer.unicode(j));
    }

    @Test void aConstantHasAZeroJacobianOfTheRightShape() {
        Problem typed = Problem.of("A*y", "A: matrix(m, n); x: vector(p); y: vector(n)");
        Var x = new Var("x", typed.variables().get("y").shape(), io.tracediff.expr.VarKind.VECTOR);
        Expr j = Jacobians.of(typed.expr(), List.of(x)).jacobians().get("x");
        assertEquals("zeros(m, n)", Printer.ascii(j));
    }

    @Test void derivationNamesTheVecRules() {
        Problem typed = Problem.of("A*X*B", "A: matrix(m, n); X: matrix(n, p); B: matrix(p, q)");
        String steps = Jacobians.of(typed.expr(), List.of(typed.variables().get("X"))).steps().render(Format.UNICODE);
        assertTrue(steps.contains("[vec-product-right]") && steps.contains("[vec-product-left]"), steps);
        assertTrue(steps.strip().endsWith("Bᵀ ⊗ A"), steps);
    }

    /** Each line's head is written in the format of its formula: LaTeX steps hold no Unicode, ASCII steps none either. */
    @Test void stepHeadsAreWrittenInTheirFormat() {
        Problem typed = Problem.of("exp(X)*A", "A: matrix(n, m); X: matrix(k, n)");
        var steps = Jacobians.of(typed.expr(), List.of(typed.variables().get("X"))).steps();
        String latex = steps.render(Format.LATEX);
        assertTrue(latex.contains("  F &= ") && latex.contains("\\operatorname{vec}\\left(\\mathrm{d}F\\right) &= ")
                && latex.contains("\\frac{\\partial \\operatorname{vec} F}{\\partial \\operatorname{vec}(X)^\\top} &= "), latex);
        assertTrue(latex.chars().allMatch(c -> c < 128), latex);
        String ascii = steps.render(Format.ASCII);
        assertTrue(ascii.contains("dvec(F)/dvec(X)' = ") && ascii.contains("\nvec(dF) "), ascii);
        assertTrue(ascii.chars().allMatch(c -> c < 128), ascii);
        assertTrue(steps.render(Format.UNICODE).contains("∂vec(F)/∂vec(X)ᵀ = "));
        Problem h = Problem.of("lam*x'*x", "lam: scalar; x: vector(n)");
        String hessian = Hessians.of(h.expr(), List.of(h.variables().get("x")), io.tracediff.rules.RuleSet.builtin(), Functions.builtin(), false)
                .steps().render(Format.LATEX);
        assertTrue(hessian.contains("\\frac{\\partial f}{\\partial x} &= 2 \\lambda x"), hessian);
    }

    /** Past the expansion limit X^k differentiates to one powsum term: Jacobians and Hessians stop there, naming the way past. */
    @Test void aMatrixPowerPastTheExpansionLimitNamesTheLimitToRaise() {
        Problem power = Problem.of("X^12", "X: matrix(n)");
        UserError j = assertThrows(UserError.class, () -> Jacobians.of(power.expr(), List.of(power.variables().get("X"))));
        assertTrue(j.getMessage().startsWith("cannot take the Jacobian through powsum(X, d(X), 12): a matrix power X^12 is past the expansion limit of 8 terms")
                && j.getMessage().endsWith("expand it with TRACEDIFF_JAVA_OPTS=-Dtracediff.maxPowerTerms=12"), j.getMessage());
        Problem trace = Problem.of("tr(X^12*A)", "X: matrix(n); A: matrix(n)");
        UserError h = assertThrows(UserError.class, () -> Hessians.of(trace.expr(), List.of(trace.variables().get("X")),
                io.tracediff.rules.RuleSet.builtin(), Functions.builtin(), false));
        assertTrue(h.getMessage().startsWith("cannot differentiate powsum(X, A, 12) again (a Hessian): a matrix power X^12 is past")
                && h.getMessage().endsWith("-Dtracediff.maxPowerTerms=12"), h.getMessage());
    }

    @Test void anOperatorWithoutAVecRuleIsAUserErrorNamingIt() {
        Problem typed = Problem.of("diag(x)", "x: vector(n)");
        var withoutDiag = io.tracediff.rules.RuleSet.load(Map.of("differentials.rules", "d-diag: d(diag(?A)) = diag(d(?A)) ; linearity"));
        UserError e = assertThrows(UserError.class, () -> Jacobians.of(typed.expr(), List.of(typed.variables().get("x")), withoutDiag, Functions.builtin()));
        assertTrue(e.getMessage().contains("vec(diag(d(x)))"), e.getMessage());
    }
}

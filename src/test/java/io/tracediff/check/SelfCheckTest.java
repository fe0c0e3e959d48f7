package io.tracediff.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tracediff.api.Problem;
import io.tracediff.expr.Var;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The self-check's verdict where both sides are rounding noise, and where they are not. */
class SelfCheckTest {

    private static SelfCheck.Outcome check(String f, String closed) {
        Problem p = Problem.of(f, "a: scalar");
        Var a = p.variables().get("a");
        return SelfCheck.gradients(p.expr(), List.of(a), Map.of("a", Problem.of(closed, "a: scalar").expr()));
    }

    /** d(a − a)/da = 0, and a form that is 0 up to rounding of terms near e²⁰ ≈ 5·10⁸ (a difference of about 10⁻⁷) passes. */
    @Test void zeroUpToTheRoundingOfLargeTermsPasses() {
        assertEquals(SelfCheck.POINTS, check("a - a", "exp(20 + a) - 1.0000000000000004*exp(20 + a)").points());
    }

    /**
     * sin(e⁴⁰⁺ᵃ): an operand moved by one rounding moves the sine by O(1), so the two sides (e²⁰⁺ᵃ e²⁰⁺ᵃ against
     * e⁴⁰⁺ᵃ inside the cosine) differ by O(1) at every point. Such points say nothing either way: the form is neither
     * refused nor passed, but "not self-checked", as where every point overflows.
     */
    @Test void illConditionedPointsArePassedOver() {
        SelfCheck.Outcome o = check("sin(exp(40 + a))", "cos(exp(20 + a)*exp(20 + a))*exp(40 + a)");
        assertEquals(0, o.points());
        org.junit.jupiter.api.Assertions.assertFalse(o.checked());
        assertThrows(SelfCheck.Failed.class, () -> check("sin(exp(a))", "cos(exp(a)*exp(a))*exp(a)"));   // an ordinary point
    }

    /** The same large terms do not excuse a wrong value of ordinary size: 10⁻³ where the derivative is 0. */
    @Test void largeTermsDoNotExcuseAWrongValue() {
        assertThrows(SelfCheck.Failed.class, () -> check("a - a", "0.001*exp(20 + a)/exp(20 + a)"));
    }

    private static final List<String> VECTOR_LETS = List.of("x: vector(n)", "A: matrix(n)", "c: scalar");

    private static Var var(Problem p, String name) { return p.variables().get(name); }

    private static SelfCheck.Outcome gradientWrtX(String f, String closed) {
        Problem p = Problem.of(f, VECTOR_LETS);
        return SelfCheck.gradients(p.expr(), List.of(var(p, "x")), Map.of("x", Problem.of(closed, VECTOR_LETS).expr()));
    }

    /** ∇ₓ 10⁻²⁰ c xᵀx = 2·10⁻²⁰ c x: a closed form of 0 is below the absolute allowance, and far above rounding. */
    @Test void tinyGradientPrintedAsZeroFails() {
        assertThrows(SelfCheck.Failed.class, () -> gradientWrtX("1e-20*x'*x*c", "0*x"));
        assertEquals(SelfCheck.POINTS, gradientWrtX("1e-20*x'*x*c", "2e-20*c*x").points());
    }

    /** A form with a tiny term where the gradient is exactly 0 (f does not depend on x at all). */
    @Test void tinyTermWhereTheGradientIsExactlyZeroFails() {
        SelfCheck.Failed failed = assertThrows(SelfCheck.Failed.class, () -> gradientWrtX("0*c*sum(x)", "1e-20*c*x"));
        org.junit.jupiter.api.Assertions.assertTrue(failed.getMessage().contains("where rounding accounts for "), failed.getMessage());
        assertEquals(SelfCheck.POINTS, gradientWrtX("0*c*sum(x)", "0*x").points());
    }

    /**
     * A rounding residue that the perturbation cannot move: d(a./a)/da is 0 for every scaling of the two operands, so
     * reverse mode's 10⁻¹⁶ stays a multiple of an ulp in every draw, and is not taken for a value.
     */
    @Test void residueOfAnInvariantFormulaIsRounding() {
        assertEquals(SelfCheck.POINTS, gradientWrtX("sum(x./x)*c", "0*x").points());
        assertEquals(SelfCheck.POINTS, gradientWrtX("sum(x./x)*c + 1e-20*x'*x", "2e-20*x").points());
    }

    /**
     * Reverse mode's adjoint of log(10³⁰⁰ xᵀx) scaled by 10⁻¹⁸ is 10⁻³¹⁸, subnormal: its reference is off by 10⁻⁵ (or 0
     * for 10⁻³⁰) and no perturbation shows it, so the values near underflow or overflow leave the allowances as they were.
     */
    @Test void subnormalAdjointsLeaveTheAllowances() {
        assertEquals(SelfCheck.POINTS, gradientWrtX("1e-18*log(1e300*x'*x)", "2e-18*x/(x'*x)").points());
        assertEquals(SelfCheck.POINTS, gradientWrtX("1e-30*log(1e300*x'*x)", "2e-30*x/(x'*x)").points());
        Problem p = Problem.of("1e-18*log(1e300*x'*x)", VECTOR_LETS);
        assertEquals(SelfCheck.POINTS, SelfCheck.hessians(p.expr(), List.of(var(p, "x")), Map.of("x", Map.of("x",
                Problem.of("2e-18*eye(n)/(x'*x) - 4e-18*x*x'/(x'*x)^2", VECTOR_LETS).expr()))).points());
    }

    /** A tiny gradient off by a factor: 3·10⁻²⁰ c x for 2·10⁻²⁰ c x. */
    @Test void tinyGradientWithAWrongFactorFails() {
        assertThrows(SelfCheck.Failed.class, () -> gradientWrtX("1e-20*x'*x*c", "3e-20*c*x"));
    }

    /** ∇ sum(softmax(x)) = 0 exactly; reverse mode leaves about 10⁻¹⁷, which rounding accounts for. */
    @Test void sumOfSoftmaxIsZeroUpToRounding() {
        assertEquals(SelfCheck.POINTS, gradientWrtX("sum(softmax(x))", "0*x").points());
    }

    /** The Hessian of 10⁻²⁰ xᵀA x is 10⁻²⁰ (A + Aᵀ): 0 fails, and so does 10⁻²⁰ A (a dropped transpose). */
    @Test void tinyHessianBlocks() {
        Problem p = Problem.of("1e-20*x'*A*x", VECTOR_LETS);
        java.util.function.Function<String, SelfCheck.Outcome> hessian = form -> SelfCheck.hessians(p.expr(), List.of(var(p, "x")),
                Map.of("x", Map.of("x", Problem.of(form, VECTOR_LETS).expr())));
        assertEquals(SelfCheck.POINTS, hessian.apply("1e-20*(A + A')").points());
        assertThrows(SelfCheck.Failed.class, () -> hessian.apply("0*A"));
        assertThrows(SelfCheck.Failed.class, () -> hessian.apply("2e-20*A"));
    }

    /** ∂vec(10⁻²⁰ A x)/∂xᵀ = 10⁻²⁰ A, not 10⁻²⁰ Aᵀ. */
    @Test void tinyJacobian() {
        Problem p = Problem.of("1e-20*A*x", VECTOR_LETS);
        java.util.function.Function<String, SelfCheck.Outcome> jacobian = form -> SelfCheck.jacobians(p.expr(), List.of(var(p, "x")),
                Map.of("x", Problem.of(form, VECTOR_LETS).expr()));
        assertEquals(SelfCheck.POINTS, jacobian.apply("1e-20*A").points());
        assertThrows(SelfCheck.Failed.class, () -> jacobian.apply("1e-20*A'"));
    }

    /** Generated code's value against the interpreter's: a dropped 10⁻²⁰ c x term fails, a last-bit difference does not. */
    @Test void generatedCodeMissingATinyTermFails() {
        Problem p = Problem.of("1e-20*c*x + 0*x", VECTOR_LETS);
        var point = io.tracediff.eval.tree.RandomPoints.sample(List.of(p.expr()), p.variables(), 1, 7).get(0);
        io.tracediff.eval.Matrix want = io.tracediff.eval.tree.Evaluator.eval(p.expr(), point.bindings());
        io.tracediff.eval.Matrix nearly = want.copy(), zero = new io.tracediff.eval.Matrix(want.rows, want.cols);
        for (int i = 0; i < nearly.data.length; i++) nearly.data[i] = Math.nextUp(nearly.data[i]);
        SelfCheck.confirmRounding("grad_x", p.expr(), point, want, nearly, 1e-7);
        assertThrows(SelfCheck.Failed.class, () -> SelfCheck.confirmRounding("grad_x", p.expr(), point, want, zero, 1e-7));
    }

    /** A declared 300×300 X: the dominant diagonal (300) overflows exp, so the check draws X without it and is done. */
    @Test void largeDeclaredSquareMatrixIsChecked() {
        Problem p = Problem.of("sum(exp(X))", "X: matrix(300)");
        assertEquals(SelfCheck.POINTS, SelfCheck.gradients(p.expr(), List.of(var(p, "X")),
                Map.of("X", Problem.of("exp(X)", "X: matrix(300)").expr())).points());
    }
}

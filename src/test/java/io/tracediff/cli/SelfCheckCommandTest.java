package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import io.tracediff.api.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The self-check before printing: a wrong rule withholds the form in every deriving command; its outcome in --json. */
class SelfCheckCommandTest {
    @TempDir Path tmp;

    private Path brokenRules() throws Exception {
        Files.writeString(tmp.resolve("bad.rules"), "d-logdet: d(logdet(?X)) = 2 * tr(inv(?X) * d(?X)) ; deliberately wrong\n"
                + "d-inv: d(inv(?X)) = inv(?X) * d(?X) * inv(?X) ; deliberately wrong (sign)\n");
        return tmp;
    }

    /** Withheld, and the user's rules named as the likely cause: a user error (exit 2), not a request to report a bug. */
    private static void assertWithheld(MainTest.Run r) {
        assertEquals(ExitCodes.USER_ERROR, r.code(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("error: the derived closed form failed its self-check ("), r.err());
        assertTrue(r.err().contains("; rules from --rules were in use (d-inv, d-logdet), and a wrong one is the likely cause"), r.err());
        assertFalse(r.err().contains("please report"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test void aWrongRuleFileIsCaughtByEveryDerivingCommand() throws Exception {
        String rules = brokenRules().toString();
        assertWithheld(MainTest.run("grad", "logdet(X)", "--wrt", "X", "--rules", rules));
        assertWithheld(MainTest.run("grad", "logdet(X)", "--wrt", "X", "--rules", rules, "--json"));
        assertWithheld(MainTest.run("hessian", "logdet(X)", "--wrt", "X", "--rules", rules));
        assertWithheld(MainTest.run("jacobian", "inv(X)", "--wrt", "X", "--rules", rules));
        assertWithheld(MainTest.run("codegen", "logdet(X)", "--wrt", "X", "--rules", rules));
        assertWithheld(MainTest.run("codegen", "logdet(X)", "--wrt", "X", "--rules", rules, "--lang", "numpy"));
        // Asked not to check, the (wrong) form is printed as derived: the option is the user's own risk.
        MainTest.Run skipped = MainTest.run("grad", "logdet(X)", "--wrt", "X", "--rules", rules, "--no-self-check");
        assertEquals(0, skipped.code(), skipped.err());
        assertEquals("∂f/∂X = 2 X⁻ᵀ\n", skipped.out());
    }

    @Test void theOutcomeIsReportedInJson() throws Exception {
        var o = new ObjectMapper().readTree(MainTest.run("hessian", "x'*A*x + sum(exp(x))", "--wrt", "x", "--json").out());
        assertEquals(2, o.path("self_check").path("points").asInt());
        assertTrue(o.path("self_check").path("max_rel_err").asDouble() < 1e-9, o.toString());
        var none = new ObjectMapper().readTree(MainTest.run("grad", "x'*A*x", "--wrt", "x", "--json", "--no-self-check").out());
        assertFalse(none.has("self_check"), none.toString());
    }

    private static final String NOTE = "tracediff: note: f's constants taken to 420 digits, as the derivation takes them exactly, where floating "
            + "point computes others: ";

    /**
     * sqrt(2)·sqrt(2) − 2 is 0 exactly, as the derivation takes it, and 4.4·10⁻¹⁶ in doubles, which a sqrt makes 2·10⁻⁸: reverse
     * mode on f in doubles disagrees with the exact gradient 0. The check runs f with its constants to 420 digits, and the
     * result is printed with a note, where it was called an internal error to report.
     */
    @Test void aConstantThatCancelsIsCheckedAtItsExactValue() throws Exception {
        MainTest.Run r = MainTest.run("grad", "a*sqrt(sqrt(2)*sqrt(2)-2)", "--wrt", "a");
        assertEquals(0, r.code(), r.err());
        assertEquals("∂f/∂a = 0\n", r.out());
        assertEquals(NOTE + "sqrt(2)*sqrt(2) - 2 = 0 (4.44e-16 in floating point)\n", r.err());
        var o = new ObjectMapper().readTree(MainTest.run("grad", "a*sqrt(sqrt(2)*sqrt(2)-2)", "--wrt", "a", "--json").out());
        assertEquals(2, o.path("self_check").path("points").asInt(), o.toString());
        assertEquals("sqrt(2)*sqrt(2) - 2 = 0 (4.44e-16 in floating point)", o.path("self_check").path("exact_constants").asText(), o.toString());
        for (String command : List.of("grad", "hessian")) {
            // Under a sqrt of 0 reverse mode has no derivative at all (0·∞): printed, not self-checked, and said so.
            MainTest.Run unchecked = MainTest.run(command, "sqrt((sqrt(2)*sqrt(2)-2)*a)", "--wrt", "a");
            assertEquals(0, unchecked.code(), unchecked.err());
            assertTrue(unchecked.out().endsWith(" = 0\n"), unchecked.out());
            assertTrue(unchecked.err().contains("warning: the result was not self-checked"), unchecked.err());
            assertTrue(unchecked.err().endsWith(NOTE + "sqrt(2)*sqrt(2) - 2 = 0 (4.44e-16 in floating point)\n"), unchecked.err());
        }
        MainTest.Run jacobian = MainTest.run("jacobian", "x*sqrt(sqrt(2)*sqrt(2)-2)", "--wrt", "x", "--let", "x: vector(n)");
        assertEquals(0, jacobian.code(), jacobian.err());
        assertEquals("∂F/∂xᵀ = 0\n", jacobian.out());
        assertEquals(NOTE + "sqrt(2)*sqrt(2) - 2 = 0 (4.44e-16 in floating point)\n", jacobian.err());
    }

    /**
     * (|1 − √2| + 10¹⁵) − 10¹⁵ is 0.375 in doubles for 0.414: rounding that large excused a form wrong in sign, made by a wrong
     * rule for abs, when the check ran f's constants in doubles; to 420 digits it is refused.
     */
    @Test void aConstantThatLosesDigitsCannotExcuseAWrongForm() throws Exception {
        Files.writeString(tmp.resolve("abs.rules"), "bad-abs: abs(?a) -> ?a ; if scalar(?a) ; deliberately wrong\n");
        for (String f : List.of("a*((abs(1-sqrt(2)) + 1e15) - 1e15)", "a*abs(1-sqrt(2))", "a*((abs(1-sqrt(2)) + sin(1e15)) - sin(1e15))",
                // a third red team's: 1.39e-17 against 0.3 − 0.1·3, which binary values made −5.6e-17
                "a*(abs(sqrt(2)*sqrt(2) - (2 + 1.3877787807814457e-17)) + (0.3 - 0.1*3))*1e17",
                // a fourth's: wrong where sin < 0, and a perturbation of 2⁻⁴⁰ moves cosh(b + 29) by radians, so those points
                // were passed over as ill-conditioned (and the first two drawn agree: f with abs is checked at four)
                "a*abs(sin(cosh(b+29)))", "a*abs(sin(exp(40*b)))")) {
            MainTest.Run r = MainTest.run("grad", f, "--wrt", "a", "--rules", tmp.toString());
            assertEquals(ExitCodes.USER_ERROR, r.code(), f + ": " + r.out() + r.err());
            assertTrue(r.err().startsWith("error: the derived closed form failed its self-check"), r.err());
        }
        // A fifth red team's: random entries were all in (0.2, 0.8), where abs and relu are the identity; f with a piecewise
        // function is now compared at points whose entries have either sign too.
        Files.writeString(tmp.resolve("relu.rules"), "bad-relu: relu(?a) -> ?a ; if scalar(?a) ; deliberately wrong\n"
                + "bad-drelu: d(relu(?A)) = d(?A) ; deliberately wrong\nbad-dabs: d(abs(?A)) = d(?A) ; deliberately wrong\n");
        for (String[] c : new String[][] {{"grad", "a*relu(b)", "a"}, {"grad", "sum(relu(W2*relu(W1*x)))", "W1"}, {"grad", "sum(abs(x))", "x"},
                {"hessian", "sum(relu(x).^2)", "x"}, {"hessian", "a^2*abs(b)", "a"}, {"grad", "a*abs(b - 0.5) + b*a", "a"}}) {
            MainTest.Run r = MainTest.run(c[0], c[1], "--wrt", c[2], "--rules", tmp.toString());
            assertEquals(ExitCodes.USER_ERROR, r.code(), c[1] + ": " + r.out() + r.err());
            assertTrue(r.err().startsWith("error: the derived closed form failed its self-check"), r.err());
        }
        // a sixth's: beside a log of a matrix, points with every variable's signs drawn were never defined; now about half
        // the variables get signs drawn in a point, so X can stay positive while b's sign varies
        for (String[] c : new String[][] {{"grad", "a*relu(b) + sum(sum(log(X)))", "a"}, {"hessian", "sum(relu(x).^2) + sum(sum(sqrt(X)))", "x"}}) {
            MainTest.Run r = MainTest.run(c[0], c[1], "--wrt", c[2], "--let", "X: matrix(m, n)", "--rules", tmp.toString());
            assertEquals(ExitCodes.USER_ERROR, r.code(), c[1] + ": " + r.out() + r.err());
        }
        // and a wrong entry of its own size beside large ones: cos x read as 1, next to 20 e²⁰ˣ (10⁻⁹ of the largest entry)
        Files.writeString(tmp.resolve("sin.rules"), "bad-dsin: d(sin(?A)) = d(?A) ; deliberately wrong\n");
        MainTest.Run small = MainTest.run("grad", "sum(exp(20*x)) + sum(sin(x))", "--wrt", "x", "--rules", tmp.toString());
        assertEquals(ExitCodes.USER_ERROR, small.code(), small.out() + small.err());
        assertTrue(small.err().startsWith("error: the derived closed form failed its self-check (∂f/∂x, entry "), small.err());
        Files.delete(tmp.resolve("sin.rules"));
        // 10⁸⁰ · 10⁻¹⁶⁰ · 10⁸⁰ with a wrong sign: f's values past 2⁵¹¹ excused the difference, and no perturbed draw could
        // confirm it; such a point is passed over, and with every point passed over the form is refused.
        MainTest.Run huge = MainTest.run("grad", "a*1e170*abs(sqrt(2)*sqrt(2) - (2 + 1e-170*1e-170))*1e170", "--wrt", "a", "--rules", tmp.toString());
        assertEquals(ExitCodes.USER_ERROR, huge.code(), huge.out() + huge.err());
        assertTrue(huge.err().startsWith("error: cannot self-check the result: at every random point f's values reach past 2^511"), huge.err());
        assertEquals("", huge.out());
    }

    /** 0.1·10 − 1 is 0 to the derivation and to the check alike (a third red team found 'internal error' here). */
    @Test void decimalConstantsAreTheNumbersWritten() {
        for (String[] c : new String[][] {{"grad", "a*(0.1*10-1)", "∂f/∂a = 0\n"}, {"grad", "a*1e60*(1e-30*1e-30-1e-60)", "∂f/∂a = 0\n"},
                {"hessian", "a^2*(0.7*3-2.1)", "∂²f/∂a∂aᵀ = 0\n"}}) {
            MainTest.Run r = MainTest.run(c[0], c[1], "--wrt", "a");
            assertEquals(0, r.code(), c[1] + ": " + r.err());
            assertEquals(c[2], r.out());
        }
    }

    @Test void aFormUndefinedWhereverTheFunctionIsDefinedIsRefused() {
        // det(x xᵀ) is 0 for n ≥ 2, and its derived form 2 det(x xᵀ) (x xᵀ)⁻¹ x inverts a singular matrix at every point.
        MainTest.Run r = MainTest.run("grad", "det(x*x')", "--wrt", "x", "--let", "x: vector(n)");
        assertEquals(ExitCodes.USER_ERROR, r.code(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("error: cannot self-check the result: the derived form is undefined"), r.err());
        assertTrue(r.err().strip().endsWith("no closed form is printed"), r.err());
        // Defined wherever f is, the same shape of form is checked and printed.
        assertEquals("∂f/∂X = 2 det(X Xᵀ) (X Xᵀ)⁻¹ X\n", MainTest.run("grad", "det(X*X')", "--wrt", "X", "--let", "X: matrix(n, k)").out());
    }

    /** A 5000×5000 Hessian block is past what a check may cost: it is printed unchecked, with the warning, not refused as undefined. */
    @Test void aHessianTooLargeToCheckIsPrintedWithAWarning() {
        MainTest.Run r = MainTest.run("hessian", "sum(softplus(X*w))", "--wrt", "w", "--let", "X: matrix(10, 5000)");
        assertEquals(0, r.code(), r.err());
        assertEquals("∂²f/∂w∂wᵀ = Xᵀ diag(σ(X w) ⊙ (1 − σ(X w))) X\n", r.out());
        assertTrue(r.err().contains("warning: the result was not self-checked"), r.err());
    }

    /**
     * Sizes written as numbers are the sizes a check evaluates at: tr(X X) for a 4096×4096 X is 7·10¹⁰ multiply-adds (a
     * minute, 2 GB) for each of several evaluations, so the result is printed unchecked; the estimate counts products,
     * LU and entries, and stays under its bound at the sizes a check draws for named dimensions.
     */
    @Test void declaredSizesTooCostlyToEvaluateArePrintedWithAWarning() {
        for (String[] c : List.of(new String[] {"grad", "tr(X*X)", "X: matrix(4096)", "∂f/∂X = 2 Xᵀ\n"},
                new String[] {"grad", "logdet(X)", "X: matrix(3000)", "∂f/∂X = X⁻ᵀ\n"},
                new String[] {"hessian", "sum(exp(X))", "X: matrix(4096)", "∂²f/∂vec(X)∂vec(X)ᵀ = diag(vec(exp∘(X)))\n"})) {
            MainTest.Run r = MainTest.run(c[0], c[1], "--wrt", "X", "--let", c[2]);
            assertEquals(0, r.code(), r.err());
            assertEquals(c[3], r.out());
            assertTrue(r.err().contains("warning: the result was not self-checked"), r.err());
        }
        Problem small = Problem.of("tr(X*X) + logdet(X)", "X: matrix(n)");
        assertFalse(io.tracediff.check.SelfCheck.tooCostlyToEvaluate(small.expr(), List.of(), List.of(small.variables().get("X"))));
        Problem big = Problem.of("tr(X*X)", "X: matrix(1300)");   // 1300³ = 2.2·10⁹ multiply-adds
        assertTrue(io.tracediff.check.SelfCheck.tooCostlyToEvaluate(big.expr(), List.of(), List.of(big.variables().get("X"))));
    }

    @Test void aFormWithNoPointToCheckItAtIsPrintedWithAWarning() {
        // log of a negative number is undefined at every point: nothing to compare, which is no verdict on the form.
        MainTest.Run r = MainTest.run("grad", "sum(log(-exp(x)))", "--wrt", "x");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warning: the result was not self-checked"), r.err());
        assertTrue(r.out().startsWith("∂f/∂x = "), r.out());
    }

    @Test void checkDrawsPointsWhereTheExpressionIsDefined() {
        // A wide X makes XᵀX singular; the sizes are redrawn in another order instead of refusing a correct form.
        for (String f : new String[] {"tr(inv(X'*X))", "logdet(X'*X)"}) {
            MainTest.Run r = MainTest.run("check", f, "--wrt", "X");
            assertEquals(0, r.code(), f + ": " + r.err());
            assertTrue(r.out().contains("all agree"), r.out());
        }
    }

    /** Found by review: at a point outside f's domain check said DISAGREE (exit 3); there is nothing to compare there. */
    @Test void checkAtAPointWhereFIsUndefinedIsABadInputNotADisagreement() {
        MainTest.Run r = MainTest.run("check", "logdet(X)", "--wrt", "X", "--at", "{\"X\": [[0, 1], [1, 0]]}");
        assertEquals(ExitCodes.USER_ERROR, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("is NaN at the given values"), r.err());
    }

    /** Found by review: a value outside a declared domain (positive) passed silently. */
    @Test void aPositiveVariableRefusesANonPositiveValue() {
        MainTest.Run r = MainTest.run("grad", "sum(y)", "--wrt", "y", "--let", "y: positive(n)", "--at", "{\"y\": [-1, 2, 3]}");
        assertEquals(ExitCodes.USER_ERROR, r.code(), r.out());
        assertTrue(r.err().contains("'y' is declared positive but its value contains -1.0"), r.err());
    }

    /** spd is a promise too: a symmetric value that is not positive definite is refused (its determinant may still be positive). */
    @Test void anSpdVariableRefusesAnIndefiniteValue() {
        MainTest.Run r = MainTest.run("eval", "logdet(S)", "--let", "S: spd(n)", "--at", "{\"S\": [[-1, 0], [0, -3]]}");
        assertEquals(ExitCodes.USER_ERROR, r.code(), r.out());
        assertTrue(r.err().contains("'S' is declared spd but its value is not positive definite"), r.err());
        assertEquals(0, MainTest.run("eval", "logdet(S)", "--let", "S: spd(n)", "--at", "{\"S\": [[2, 1], [1, 2]]}").code());
        // a positive diagonal is not enough: [[1, 2], [2, 1]] has eigenvalues 3 and −1
        assertTrue(MainTest.run("eval", "sum(S)", "--let", "S: spd(n)", "--at", "{\"S\": [[1, 2], [2, 1]]}").err().contains("not positive definite"));
    }

    /** A fixed size cannot be drawn small: past a work bound the form is shown unchecked instead of checked for seconds. */
    @Test void aCheckCostlierThanTheDerivationIsSkippedWithAWarning() {
        MainTest.Run big = MainTest.run("hessian", "x'*x + sum(exp(x))", "--wrt", "x", "--let", "x: vector(4000)");
        assertEquals(0, big.code(), big.err());
        assertEquals("∂²f/∂x∂xᵀ = 2 I + diag(exp(x))\n", big.out());
        assertTrue(big.err().contains("cost more than the derivation"), big.err());
        MainTest.Run small = MainTest.run("hessian", "x'*x + sum(exp(x))", "--wrt", "x", "--let", "x: vector(1000)");
        assertEquals("", small.err());   // 1000 × 1000 reverse-pass entries: within the bound, checked
    }
}

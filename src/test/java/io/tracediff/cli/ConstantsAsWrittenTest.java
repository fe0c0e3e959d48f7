package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A constant is one number wherever it is used: in f, in its derivative, in reverse mode and in generated code. The
 * derivation adds the numbers as written (10²⁰ + 1 − 10²⁰ is 1), so evaluating f in doubles (0) disagreed with the
 * printed gradient 2 x; reverse mode wrote log1p and sinh from log and exp, and lost 10⁻²⁰.
 */
class ConstantsAsWrittenTest {

    @Test void aSumOfNumbersIsItsExactValueInEveryEvaluator(@TempDir Path dir) throws Exception {
        Path at = Files.writeString(dir.resolve("x.json"), "{\"x\": [1, 2, 4]}");
        MainTest.Run eval = MainTest.run("eval", "(1e20+1-1e20)*x'*x", "--at", at.toString());
        assertEquals(0, eval.code(), eval.err());
        assertEquals("21.0\n", eval.out());
        MainTest.Run grad = MainTest.run("grad", "(1e20+1-1e20)*x'*x", "--wrt", "x");
        assertEquals("∂f/∂x = 2 x\n", grad.out());
        assertEquals("", grad.err());   // self-checked, no warning
    }

    /** Reverse mode has torch's own sinh, log1p and expm1: the closed form 10⁻²⁰ cosh(10⁻²⁰ a) a + sinh(10⁻²⁰ a) was refused. */
    @Test void smallArgumentsOfSinhLog1pAndExpm1AreCheckedNotRefused() {
        for (String f : new String[] {"sum(log1p(1e-20)*x)", "sum(expm1(1e-20)*x)", "sinh(1e-20)*x'*x", "sum(sinh(1e-20*x))"}) {
            MainTest.Run r = MainTest.run("grad", f, "--wrt", "x");
            assertEquals(0, r.code(), f + ": " + r.err());
            assertEquals("", r.err(), f);
        }
        MainTest.Run check = MainTest.run("check", "a*sinh(1e-20*a)", "--wrt", "a");
        assertEquals(0, check.code(), check.out() + check.err());
        MainTest.Run hessian = MainTest.run("hessian", "sum(softplus((1e20+1-1e20)*x))", "--wrt", "x");
        assertEquals(0, hessian.code(), hessian.err());
        assertEquals("∂²f/∂x∂xᵀ = diag(σ(x) ⊙ (1 − σ(x)))\n", hessian.out());
    }

    /** sqrt(-1), log(0), (-2)^0.5 and arcsin(2) have no real value: a user error at the number, not a form of NaNs. */
    @Test void numbersWithoutARealValueAreRefusedWhereWritten() {
        String[][] cases = {
            {"sqrt(-1)*sum(x)", "error: sqrt(-1) has no real value; tracediff computes with real numbers: correct the number"},
            {"log(0)*sum(x)", "error: log(0) has no real value (it is infinite); tracediff computes with real numbers: correct the number"},
            {"sum(x)*(-2)^0.5", "error: (-2)^0.5 has no real value; tracediff computes with real numbers: correct the number"},
            {"arcsin(2)*sum(x)", "error: arcsin(2) has no real value; tracediff computes with real numbers: correct the number"},
            // exactly −1, however large its parts: negative, not rounding
            {"log(1e20-(1e20+1))*sum(x)", "error: log(1.0e20 - (1.0e20 + 1)) has no real value; tracediff computes with real numbers: correct the number"},
            // 0 exactly, −4.4·10⁻¹⁶ in doubles: the message says so rather than calling the number wrong
            {"sqrt(sqrt(3)*sqrt(3)-3)*sum(x)", "error: sqrt(sqrt(3)*sqrt(3) - 3) has no real value in floating point: sqrt(3)*sqrt(3) - 3 comes "
                    + "to -4.4e-16, which is 0 to 420 digits; if it is 0 exactly, write 0"},
            // negative however large its parts, and not computed to 420 digits here (sin): the plain message
            {"sqrt(sin(1e17)-2)*sum(x)", "error: sqrt(sin(1.0e17) - 2) has no real value; tracediff computes with real numbers: correct the number"},
            {"sqrt(1e20-1e20+sqrt(2)-2)*sum(x)", "error: sqrt(1.0e20 - 1.0e20 + sqrt(2) - 2) has no real value; tracediff computes with real numbers: correct the number"},
        };
        for (String[] c : cases) {
            MainTest.Run r = MainTest.run("grad", c[0], "--wrt", "x");
            assertEquals(ExitCodes.USER_ERROR, r.code(), c[0]);
            assertTrue(r.err().startsWith(c[1] + "\n"), r.err());
            assertEquals("", r.out());
        }
        MainTest.Run large = MainTest.run("grad", "exp(1000)*sum(x)", "--wrt", "x");   // a number past a double's range is kept
        assertEquals("∂f/∂x = exp(1000) 𝟏\n", large.out());
    }

    /** 9007199254740993 is held as 9007199254740992: a − b of two such literals printed 0 for 1. Refused at the number. */
    @Test void aLiteralWithMoreDigitsThanADoubleKeepsIsRefused() {
        MainTest.Run r = MainTest.run("grad", "a*(9007199254740993 - 9007199254740992)", "--wrt", "a");
        assertEquals(ExitCodes.USER_ERROR, r.code());
        assertTrue(r.err().startsWith("error: number '9007199254740993' has more digits than a double keeps (it would be 9007199254740992); "
                + "a double keeps 15 to 17 significant digits: write at most 15, or the number it would be\n"), r.err());
        for (String ok : new String[] {"a*1.4142135623730951", "a*0.1", "a*1e23", "a*0.3333333333333333"})
            assertEquals(0, MainTest.run("grad", ok, "--wrt", "a").code(), ok);
    }
}

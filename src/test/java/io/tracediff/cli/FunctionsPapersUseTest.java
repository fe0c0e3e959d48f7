package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** sinh, cosh, log1p, expm1, erf and the aliases trace and norm: derived, self-checked and printed like the others. */
class FunctionsPapersUseTest {

    static String grad(String... args) {
        MainTest.Run r = MainTest.run(args);
        assertEquals(0, r.code(), r.err());
        return r.out();
    }

    @Test void hyperbolicFunctionsDifferentiateIntoEachOther() {
        assertEquals("∂f/∂x = cosh(x)\n", grad("grad", "sum(sinh(x))", "--wrt", "x"));
        assertEquals("∂f/∂x = sinh(x)\n", grad("grad", "sum(cosh(x))", "--wrt", "x"));
        assertEquals("\\frac{\\partial f}{\\partial x} = \\sinh(x)\n", grad("grad", "sum(cosh(x))", "--wrt", "x", "--format", "latex"));
    }

    @Test void log1pAndExpm1KeepTheirAccurateForms() {
        assertEquals("∂f/∂x = 1 ⊘ (1 + x)\n", grad("grad", "sum(log1p(x))", "--wrt", "x"));
        assertEquals("∂f/∂X = (a ⊙ exp(X b)) bᵀ\n", grad("grad", "a'*expm1(X*b)", "--wrt", "X"));
        // The accurate forms, not exp(x) − 1 = 1.000050001667141E-4 and log(1 + x) = 1.000000082690371E-10.
        assertEquals("1.0000500016667084E-4\n", grad("eval", "expm1(x)", "--at", "{\"x\": 1e-4}"));
        assertEquals("9.999999999500001E-11\n", grad("eval", "log1p(x)", "--at", "{\"x\": 1e-10}"));
    }

    @Test void erfDifferentiatesToTwoOverRootPiTimesGaussian() {
        // 1.1283791670955126 is 2/√π (the language has no π); check --exact reads it back as 2/√π and proves the form
        assertEquals("∂f/∂x = 1.1283791670955126 exp(−x²)\n", grad("grad", "sum(erf(x))", "--wrt", "x"));
        assertEquals("∂f/∂X = 1.1283791670955126 (a ⊙ exp(−(X b)²)) bᵀ\n", grad("grad", "a'*erf(X*b)", "--wrt", "X"));
        assertEquals("\\frac{\\partial f}{\\partial x} = 1.1283791670955126 \\exp(-x^{\\circ 2})\n",
                grad("grad", "sum(erf(x))", "--wrt", "x", "--format", "latex"));
        String exact = grad("check", "a'*erf(X*b)", "--wrt", "X", "--exact", "--let", "X: matrix(m, n)");
        assertTrue(exact.contains("exact (m = 2, n = 3): proved (6 entries)"), exact);
        // A&S Table 7.1: erf(0.5) = 0.520499877813047, erf(1) = 0.842700792949715, erf(2) = 0.995322265018953
        assertEquals("0.5204998778130465 0.8427007929497148 -0.9953222650189527\n", grad("eval", "erf(x)'", "--at", "{\"x\": [0.5, 1, -2]}"));
    }

    @Test void traceAndNormAreAliases() {
        assertEquals("∂f/∂X = Aᵀ Bᵀ\n", grad("grad", "trace(A*X*B)", "--wrt", "X"));
        assertEquals("∂f/∂x = 2 Aᵀ (A x − b)\n", grad("grad", "norm(A*x - b)^2", "--wrt", "x", "--let", "b: vector(m)"));
    }
}

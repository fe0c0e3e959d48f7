package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** sinh, cosh, log1p, expm1, erf, softmax, logsumexp, max, min and the aliases trace and norm: derived, self-checked and printed like the others. */
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

    @Test void erfInAUserFunctionDifferentiatesThroughSymja() {
        // Symja's d/du (u erf(u)) = 2u/(√π e^(u²)) + erf(u), written back with erf and 2/√π as a number
        assertEquals("∂f/∂x = 1.1283791670955126 (exp(−x²) ⊙ x) + erf(x)\n", grad("grad", "sum(g(x))", "--wrt", "x", "--fn", "g(u) = erf(u)*u"));
    }

    @Test void softmaxJacobianIsDiagSMinusSSt() {
        assertEquals("∂F/∂xᵀ = diag(softmax(x)) − softmax(x) softmax(x)ᵀ\n", grad("jacobian", "softmax(x)", "--wrt", "x", "--let", "x: vector(n)"));
        // column by column for a matrix: each column's block is diag(s) − s sᵀ, in vec form
        assertEquals("∂vec(F)/∂vec(X)ᵀ = diag(vec(softmax(X))) − diag(vec(softmax(X))) (Iₙ ⊗ 𝟏ₘ𝟏ₘᵀ) diag(vec(softmax(X)))\n",
                grad("jacobian", "softmax(X)", "--wrt", "X", "--let", "X: matrix(m, n)"));
        // the same matrix as a Hessian: logsumexp's gradient is softmax
        assertEquals("∂²f/∂x∂xᵀ = diag(softmax(x)) − softmax(x) softmax(x)ᵀ\n", grad("hessian", "logsumexp(x)", "--wrt", "x"));
        // numbers: s = softmax([1, 2, 4]); row 0 of diag(s) − s sᵀ is s0 (1 − s0), −s0 s1, −s0 s2
        String j = grad("jacobian", "softmax(x)", "--wrt", "x", "--at", "{\"x\": [1, 2, 4]}", "--json");
        double z = Math.exp(1) + Math.exp(2) + Math.exp(4), s0 = Math.exp(1) / z, s1 = Math.exp(2) / z;
        assertTrue(j.contains("[ " + (s0 - s0 * s0) + ", " + (-s0 * s1) + ", "), j);
    }

    @Test void gradLogsumexpIsSoftmax() {
        assertEquals("∂f/∂x = softmax(x)\n", grad("grad", "logsumexp(x)", "--wrt", "x"));
        assertEquals("∂f/∂x = Aᵀ softmax(A x)\n", grad("grad", "logsumexp(A*x)", "--wrt", "x", "--let", "A: matrix(m, n)"));
        // over all entries of a matrix the weights are not the column-wise softmax
        assertEquals("∂f/∂X = exp(X − logsumexp(X))\n", grad("grad", "logsumexp(X)", "--wrt", "X"));
        assertEquals("\\frac{\\partial f}{\\partial x} = \\operatorname{softmax}(x)\n", grad("grad", "logsumexp(x)", "--wrt", "x", "--format", "latex"));
        // evaluated without overflow: log(e¹⁰⁰⁰ + e¹⁰⁰⁰) = 1000 + log 2
        assertEquals((1000 + Math.log(2)) + "\n", grad("eval", "logsumexp(x)", "--at", "{\"x\": [1000, 1000]}"));
        String exact = grad("check", "logsumexp(A*x) + softmax(x)'*b", "--wrt", "x", "--exact", "--let", "A: matrix(m, n); b: vector(n)");
        assertTrue(exact.contains("exact (m = 3, n = 2): proved (2 entries)"), exact);
    }

    @Test void gradLogsumexpOfLargeEntriesWeighsEachEntryOneOverTheirCount() {
        // In doubles X − logsumexp(X) cancels: log 6 = 1.79 next to 10¹⁶ rounds to 2, and exp of it gave 0.135 for 1/6
        // (PyTorch's backward gives the same; reverse mode agreed, so the self-check passed it). At 10³³ it gave 1.
        for (String big : new String[] {"1e16", "1e33"}) {
            String at = "{\"X\": [[" + big + ", " + big + "], [" + big + ", " + big + "], [" + big + ", " + big + "]]}";
            String j = grad("grad", "logsumexp(X)", "--wrt", "X", "--at", at, "--json");
            assertTrue(j.matches("(?s).*\\[ \\[ 0\\.166666666666666\\d*, 0\\.166666666666666\\d* \\], \\[ 0\\.166666666666666.*"), j);
        }
        // the same weights from reverse mode: check agrees with the closed form and with central differences
        String c = grad("check", "logsumexp(X)", "--wrt", "X", "--at", "{\"X\": [[1e16, 2e16], [1e16, 1e16], [3e16, 3e16]]}");
        assertTrue(c.contains("all agree") && !c.contains("DISAGREE"), c);
    }

    @Test void crossEntropyWithSoftmaxGradient() {
        String f = "-y'*log(softmax(W*x))";
        // Σ yᵢ stays: the textbook (softmax(W x) − y) xᵀ holds only for y summing to 1
        assertEquals("∂f/∂W = (sum(y) softmax(W x) − y) xᵀ\n", grad("grad", f, "--wrt", "W"));
        String at = "{\"W\": [[0.5, -1, 2, 0.25], [1.5, 0.75, -0.5, 1], [-2, 0.1, 0.3, -0.6]], \"x\": [0.3, -1.2, 2, 0.7], \"y\": [0.2, 0.5, 0.3]}";
        String closed = grad("grad", f, "--wrt", "W", "--at", at, "--json");
        String textbook = grad("eval", "(softmax(W*x) - y)*x'", "--at", at);
        for (String row : textbook.strip().split("\n")) assertTrue(closed.contains("[ " + row.replace(" ", ", ") + " ]"), closed + "\n" + textbook);
        String exact = grad("check", f, "--wrt", "W", "--exact", "--let", "W: matrix(m, n)");
        assertTrue(exact.contains("exact (m = 2, n = 3): proved (6 entries)"), exact);
    }

    @Test void maxGradientIsTheIndicatorOfTheArgmax() {
        assertEquals("∂f/∂x = 𝟙_argmax(x)\n", grad("grad", "max(x)", "--wrt", "x"));
        assertEquals("∂f/∂X = 𝟙_argmin(X b) bᵀ\n", grad("grad", "min(X*b)", "--wrt", "X", "--let", "b: vector(n)"));
        assertEquals("df/dx = argmax_indicator(x)\n", grad("grad", "max(x)", "--wrt", "x", "--format", "ascii"));
        assertEquals("\\frac{\\partial f}{\\partial x} = \\mathbb{I}_{\\operatorname{argmax}}(x)\n", grad("grad", "max(x)", "--wrt", "x", "--format", "latex"));
        assertTrue(grad("grad", "max(x)", "--wrt", "x", "--at", "{\"x\": [1, 3, 2]}", "--json").contains("\"x\" : [ 0.0, 1.0, 0.0 ]"));
        assertEquals("∂²f/∂x∂xᵀ = 0\n", grad("hessian", "max(x)", "--wrt", "x"));
        // piecewise: no exact expansion, and --exact says so rather than prove a subgradient
        MainTest.Run exact = MainTest.run("check", "max(x)", "--wrt", "x", "--exact");
        assertEquals(2, exact.code(), exact.out());
        assertTrue(exact.err().contains("--exact cannot expand max(x): 'max' has no entrywise expansion"), exact.err());
    }

    @Test void maxGradientRefusesTies() {
        MainTest.Run r = MainTest.run("grad", "max(x)", "--wrt", "x", "--at", "{\"x\": [1, 3, 3]}");
        assertEquals(2, r.code(), r.out());
        assertEquals("", r.out());
        assertEquals("error: argmax_indicator(x) is undefined at the given values: its largest entry, 3.0, is attained 2 times, "
                + "so max has no gradient there; give values with a unique largest entry\n", r.err());
        r = MainTest.run("grad", "min(A*x)", "--wrt", "x", "--at", "{\"A\": [[1, 0], [0, 1], [1, 1]], \"x\": [1, 1]}");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("its smallest entry, 1.0, is attained 2 times"), r.err());
        r = MainTest.run("check", "max(x)", "--wrt", "x", "--at", "{\"x\": [1, 3, 3]}");
        assertEquals(2, r.code(), r.out());
        // the value itself is defined at a tie
        assertEquals("3.0\n", grad("eval", "max(x)", "--at", "{\"x\": [1, 3, 3]}"));
    }

    @Test void aTieAtEveryRandomPointIsNamedAsATie() {
        // a symmetric matrix repeats its off-diagonal entries, 𝟏 a repeats a: the refusal said "a singular inverse or an overflow"
        for (String[] args : new String[][] {{"grad", "min(P)", "--wrt", "P", "--let", "P: spd(n)"}, {"grad", "max(ones(n)*a)", "--wrt", "a"}}) {
            MainTest.Run r = MainTest.run(args);
            assertEquals(2, r.code(), r.out());
            assertTrue(r.err().contains("max or min meets a tie there (its extreme entry attained more than once"), r.err());
        }
    }

    @Test void traceAndNormAreAliases() {
        assertEquals("∂f/∂X = Aᵀ Bᵀ\n", grad("grad", "trace(A*X*B)", "--wrt", "X"));
        assertEquals("∂f/∂x = 2 Aᵀ (A x − b)\n", grad("grad", "norm(A*x - b)^2", "--wrt", "x", "--let", "b: vector(m)"));
    }
}

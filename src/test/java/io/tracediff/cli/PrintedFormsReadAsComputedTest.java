package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Printed forms that once read as a different formula (found by comparing printed forms, read back by hand, with
 * central differences): a function of a zero vector printed as f(0), which reads as a number, and a scalar raised to
 * a square matrix entrywise printed as 2^C, which reads as the matrix exponential.
 */
class PrintedFormsReadAsComputedTest {
    private static String grad(String... args) {
        MainTest.Run r = MainTest.run(args);
        assertEquals(0, r.code(), r.err());
        return r.out();
    }

    @Test void softmaxOfTheZeroVectorIsOnesOverN() {
        assertEquals("∂f/∂y = 𝟏 / n\n", grad("grad", "y'*softmax(D*(y - y))", "--wrt", "y", "--let", "y: vector(n); D: matrix(n)"));
        assertEquals("∂f/∂Y = 𝟏𝟏ᵀ / n\n", grad("grad", "sum(softmax(D*(Y - Y)) .* Y)", "--wrt", "Y", "--let", "Y: matrix(n, k); D: matrix(n)"));
    }

    @Test void anEntrywiseFunctionOfTheZeroVectorIsItsValueTimesOnes() {
        assertEquals("∂f/∂y = 𝟏\n", grad("grad", "sum(exp(D*(y - y)) .* y)", "--wrt", "y", "--let", "y: vector(n); D: matrix(n)"));
        assertEquals("∂f/∂y = ½ 𝟏\n", grad("grad", "sum(sigmoid(D*(y - y)) .* y)", "--wrt", "y", "--let", "y: vector(n); D: matrix(n)"));
    }

    @Test void aScalarToAMatrixPowerEntrywiseIsMarked() {
        String[] g = {"grad", "x'*h7(C)*x", "--wrt", "C", "--fn", "h7(x) = 2^x", "--let", "x: vector(n); C: matrix(n)"};
        assertEquals("∂f/∂C = log(2) ((x xᵀ) ⊙ 2^∘C)\n", grad(g));
        String[] ascii = java.util.Arrays.copyOf(g, g.length + 2);
        ascii[g.length] = "--format";
        ascii[g.length + 1] = "ascii";
        assertEquals("df/dC = log(2)*(x*x'.*2.^C)\n", grad(ascii));
    }

    @Test void logsumexpOfTheZeroMatrixIsTheLogOfItsSize() {
        assertEquals("∂f/∂D = log(n) 𝟏𝟏ᵀ\n", grad("grad", "logsumexp(z - z)*sum(D)", "--wrt", "D", "--let", "z: vector(n); D: matrix(n)"));
        assertEquals("∂f/∂D = log(n k) 𝟏𝟏ᵀ\n", grad("grad", "logsumexp(Z - Z)*sum(D)", "--wrt", "D", "--let", "Z: matrix(n, k); D: matrix(n)"));
    }

    /** sᵀ X dy s read as a chain of matrix products; the number sᵀ X dy scaling s is bracketed. */
    @Test void anInnerProductScalingAVectorIsBracketed() {
        String steps = grad("grad", "-x'*log(softmax(X*y))", "--wrt", "y", "--steps", "--let", "x: vector(m); X: matrix(m, n); y: vector(n)");
        assertEquals(true, steps.contains("(softmax(X y)ᵀ X dy) softmax(X y)"), steps);
        assertEquals(false, steps.contains("softmax(X y)ᵀ X dy softmax(X y)"), steps);
        assertEquals("∂f/∂x = sum(x) A y + (xᵀ A y) 𝟏\n", grad("grad", "(x'*A*y)*sum(x)", "--wrt", "x", "--let", "x: vector(n); y: vector(k); A: matrix(n, k)"));
    }

    /** A variable d in --steps: the differentials print d(x), and d is set apart from what it multiplies. */
    @Test void aVariableNamedDBesideDifferentials() {
        String steps = grad("grad", "d*sum(x.*x)", "--let", "x: vector(n); d: scalar", "--wrt", "x", "--wrt", "d", "--steps");
        assertEquals(true, steps.contains("df = d(d) sum(x²) + 2 d·xᵀ d(x)"), steps);
        assertEquals("∂f/∂x                = d·(A + Aᵀ) x\nvec(d(∂f/∂x))        = d·(A + Aᵀ) d(x)\n∂vec(∂f/∂x)/∂vec(x)ᵀ = d·(A + Aᵀ)\n",
                grad("hessian", "d*x'*A*x", "--let", "x: vector(n); A: matrix(n); d: scalar", "--wrt", "x", "--steps"));
    }

    /** --cse names are of another family when a variable is of theirs: t_1 prints t_{1} in LaTeX, as the temporary t1 would. */
    @Test void temporariesAvoidTheVariablesTheyWouldReadAs() {
        String out = grad("grad", "sum(exp(t_1*x)) + t_1*sum(exp(t_1*x).*x)", "--let", "x: vector(n); t_1: scalar", "--wrt", "x", "--cse", "--format", "latex");
        assertEquals(false, out.contains("t_{1} ="), out);
        assertEquals(true, out.startsWith("s_{0} = \\exp(t_{1} x)\n"), out);
        // beside a variable t0 the temporaries are s₀, s₁: t₁ would read as one family with it
        String t0 = grad("grad", "norm2(exp(X*x) - t0)^2 + sum(exp(X*x))", "--let", "x: vector(n); X: matrix(m, n); t0: vector(m)", "--wrt", "x", "--cse");
        assertEquals("s₀ = exp(X x)\n∂f/∂x = 2 Xᵀ ((s₀ − t0) ⊙ s₀) + Xᵀ s₀\n", t0);
        assertEquals("t₀ = exp(X x)\n", grad("grad", "sum(exp(X*x)) + y'*exp(X*x)", "--let", "x: vector(n); X: matrix(m, n); y: vector(m)", "--wrt", "x", "--cse")
                .lines().findFirst().orElseThrow() + "\n");
    }

    /** exp(A) of a square matrix reads as the matrix exponential: entrywise, it is marked as A∘² is. */
    @Test void anEntrywiseFunctionOfASquareMatrixIsMarked() {
        assertEquals("∂f/∂A = b exp∘(A) + 1 ⊘ (2 sqrt∘(A))\n", grad("grad", "sum(exp(A))*b + sum(sqrt(A))", "--let", "A: matrix(n); b: scalar", "--wrt", "A"));
        assertEquals("\\frac{\\partial f}{\\partial A} = b \\exp^{\\circ}(A) + 1 \\oslash \\left(2 \\operatorname{sqrt}^{\\circ}(A)\\right)\n",
                grad("grad", "sum(exp(A))*b + sum(sqrt(A))", "--let", "A: matrix(n); b: scalar", "--wrt", "A", "--format", "latex"));
        // of a vector or a non-square matrix there is no other reading: unmarked
        assertEquals("∂f/∂X = (a ⊙ exp(X b)) bᵀ\n", grad("grad", "a'*exp(X*b)", "--let", "a: vector(m); X: matrix(m, n); b: vector(n)", "--wrt", "X"));
    }

    /** det(C − C) is 0, but reverse mode cannot differentiate it (an inverse of 0): refused as a user error, not a crash. */
    @Test void aFunctionSingularEverywhereIsRefused() {
        MainTest.Run r = MainTest.run("grad", "det(C - C) + sum(C)", "--wrt", "C", "--let", "C: matrix(n)");
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(true, r.err().startsWith("error: cannot self-check the result: reverse mode fails at a random point (")
                && r.err().endsWith("so no closed form is printed\n"), r.err());
    }

    /** I ⊗ 𝟏𝟏ᵀ of size mn reads as Iₙ ⊗ 𝟏ₘ𝟏ₘᵀ and as Iₘ ⊗ 𝟏ₙ𝟏ₙᵀ alike: beside I of another size, 𝟏 shows its size too. */
    @Test void identityBesideOnesOfAnotherSizeShowsSizes() {
        assertEquals("∂vec(F)/∂vec(X)ᵀ = diag(vec(softmax(X))) − diag(vec(softmax(X))) (Iₙ ⊗ 𝟏ₘ𝟏ₘᵀ) diag(vec(softmax(X)))\n",
                grad("jacobian", "softmax(X)", "--wrt", "X", "--let", "X: matrix(m, n)"));
        assertEquals("\\frac{\\partial \\operatorname{vec} F}{\\partial \\operatorname{vec}(X)^\\top} = "
                + "\\operatorname{diag}(\\operatorname{vec}(\\operatorname{softmax}(X))) - \\operatorname{diag}(\\operatorname{vec}(\\operatorname{softmax}(X))) "
                + "\\left(\\mathbf{I}_{n} \\otimes \\mathbf{1}_{m}\\mathbf{1}_{m}^\\top\\right) \\operatorname{diag}(\\operatorname{vec}(\\operatorname{softmax}(X)))\n",
                grad("jacobian", "softmax(X)", "--wrt", "X", "--let", "X: matrix(m, n)", "--format", "latex"));
        // one size: nothing to tell apart
        assertEquals("∂F/∂xᵀ = diag(softmax(x)) − softmax(x) softmax(x)ᵀ\n", grad("jacobian", "softmax(x)", "--wrt", "x"));
        assertEquals("∂f/∂X = 𝟏 yᵀ\n", grad("grad", "sum(X*y)", "--wrt", "X", "--let", "X: matrix(m, n)"));
    }

    /** A size that neither a variable nor the result has is shown: ‖𝟏𝟏ᵀ‖_F² of a p×p 𝟏𝟏ᵀ is p², which "‖𝟏𝟏ᵀ‖_F²" does not say. */
    @Test void aSizeNoVariableHasIsShown() {
        assertEquals("∂f/∂c = exp(c ‖𝟏ₚ𝟏ₚᵀ‖_F²) ‖𝟏ₚ𝟏ₚᵀ‖_F²\n", grad("grad", "exp(c*norm_fro(ones(p,p))^2)", "--wrt", "c", "--let", "c: scalar"));
        assertEquals("∂f/∂c = 2 ‖vec(c Iₚ)‖₁ sum(Iₚ ⊙ sign∘(c Iₚ))\n", grad("grad", "norm1(c*eye(p))^2", "--wrt", "c", "--let", "c: scalar"));
        // the result's shape, or a variable's, tells the size: nothing added
        assertEquals("∂f/∂X = 𝟏 yᵀ\n", grad("grad", "sum(X*y)", "--wrt", "X", "--let", "X: matrix(m, n)"));
    }

    /** 0∘³ of a zero matrix is 0 before it reaches a function whose value depends on its size (logsumexp(0) of p n entries). */
    @Test void aPowerOfTheZeroMatrixFolds() {
        assertEquals("∂f/∂x = 2 log(p n) x\n", grad("grad", "logsumexp(zeros(p,n).^3)*x'*x", "--wrt", "x"));
        assertEquals("∂f/∂x = 2 n p x\n", grad("grad", "sum(exp(zeros(p,n).^3))*x'*x", "--wrt", "x"));
    }

    // The forms below were found by a red team reading printed forms back as a paper's reader would (sizes of 𝟏 and I
    // inferred from their neighbours, fractions and juxtaposition read as on paper).

    @Test void onesOfASizeTheFormulaLeavesOpenShowIt() {
        String decl = "a: scalar; x: vector(n); C: matrix(p, m); z: vector(p)";
        // 𝟏𝟏ᵀ C fixes the second 𝟏 by C, the first by nothing (sum takes any shape): n×p and p×p printed alike
        assertEquals("∂f/∂a = sum(𝟏ₙ𝟏ₚᵀ C) sum(x)\n", grad("grad", "a*sum(ones(n,p)*C)*sum(x)", "--wrt", "a", "--let", decl));
        assertEquals("∂f/∂a = sum(𝟏ₚ𝟏ₚᵀ C) sum(x)\n", grad("grad", "a*sum(ones(p,p)*C)*sum(x)", "--wrt", "a", "--let", decl));
        assertEquals("\\frac{\\partial f}{\\partial a} = \\operatorname{sum}(\\mathbf{1}_{n}\\mathbf{1}_{p}^\\top C) \\operatorname{sum}(x)\n",
                grad("grad", "a*sum(ones(n,p)*C)*sum(x)", "--wrt", "a", "--let", decl, "--format", "latex"));
        // det(2 I) is 2ᵖ or 2ⁿ by the size of I; logsumexp(𝟏) is log n or log p
        assertEquals("∂f/∂a = det(2 Iₚ) sum(x) sum(z)\n", grad("grad", "a*det(2*eye(p))*sum(x)*sum(z)", "--wrt", "a", "--let", decl));
        assertEquals("∂f/∂a = logsumexp(𝟏ₙ) sum(z) sum(x)\n", grad("grad", "a*logsumexp(ones(n))*sum(z)*sum(x)", "--wrt", "a", "--let", decl));
        // a size its neighbours fix stays unwritten: 𝟏ᵀ x and A + I
        assertEquals("∂f/∂x = (A + I + (A + I)ᵀ) x\n", grad("grad", "x'*(A + eye(n))*x", "--wrt", "x", "--let", "x: vector(n); A: matrix(n)"));
        assertEquals("∂f/∂c = 𝟏ᵀ x\n", grad("grad", "c*ones(n)'*x", "--wrt", "c", "--let", "c: scalar; x: vector(n)"));
    }

    @Test void aFractionUnderAPowerIsBracketedNotAMixedNumber() {
        String decl = "a: scalar; b: scalar";
        // 2 ½^a read as (2½)^a; \frac{3}{2}^{a} as 3/2ᵃ
        assertEquals("∂f/∂x = 2 (½)^a x\n", grad("grad", "0.5^a*x'*x", "--wrt", "x", "--let", decl));
        assertEquals("∂f/∂b = 3 (¼)^a\n", grad("grad", "3*0.25^a*b", "--wrt", "b", "--let", decl));
        assertEquals("\\frac{\\partial f}{\\partial b} = 3 \\left(\\frac{3}{2}\\right)^{a}\n", grad("grad", "3*1.5^a*b", "--wrt", "b", "--let", decl, "--format", "latex"));
        assertEquals("\\frac{\\partial f}{\\partial b} = 2 \\left(\\frac{1}{3}\\right)^{a}\n", grad("grad", "2*(1/3)^a*b", "--wrt", "b", "--let", decl, "--format", "latex"));
    }

    @Test void aScalarNamedLikeAFunctionIsSetApartFromWhatItMultiplies() {
        // f1 (x + 2 w) reads as f₁ applied, E (…) as an expectation, dx (…) as a differential
        for (String v : new String[] {"f1", "sigma1", "E", "dx", "phi_1"}) {
            String out = grad("grad", v + "*(x+w)'*(x+w)", "--wrt", "w", "--let", v + ": scalar");
            assertEquals(true, out.matches("∂f/∂w = 2 \\S+·\\(x \\+ w\\)\\n"), out);
        }
        assertEquals("∂f/∂w = 2 c (x + w)\n", grad("grad", "c*(x+w)'*(x+w)", "--wrt", "w", "--let", "c: scalar"));
    }

    @Test void aVariableNamedIIsNotedAsReadingAsTheIdentity() {
        MainTest.Run r = MainTest.run("hessian", "x'*I*x", "--wrt", "x", "--let", "I: matrix(n)");
        assertEquals("∂²f/∂x∂xᵀ = I + Iᵀ\n", r.out());
        assertEquals(true, r.err().contains("the variable I prints as I, which a reader may take for the identity matrix"), r.err());
    }
}

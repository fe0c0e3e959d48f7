package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rows of the closed-forms issue: what tracediff prints where it used to print a form no paper would. */
class PaperFormsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        sum(log(1 + exp(c*(A*x))))                                   | c | c: scalar                                       | ∂f/∂c = xᵀ Aᵀ σ(c A x)
        y'*log(sigmoid(X*w)) + (1-y)'*log(1-sigmoid(X*w))            | w |                                                 | ∂f/∂w = Xᵀ (y − σ(X w))
        10 - (w3*(w1*a) + w4*(w2*a))                                 | a | a: scalar; w1: scalar; w2: scalar; w3: scalar; w4: scalar | ∂f/∂a = −(w1 w3 + w2 w4)
        (t - x1*U*V)'*(t - x1*U*V) + (t - x2*U*U*V)'*(t - x2*U*U*V)  | U | x1: scalar; x2: scalar; V: vector(n); U: matrix(n) | ∂f/∂U = −2 (x1 (t − x1 U V) Vᵀ + x2 (t − x2 U² V) Vᵀ Uᵀ + x2 Uᵀ (t − x2 U² V) Vᵀ)
        1/(x'*x)                                                     | x |                                                 | ∂f/∂x = −2 x / (xᵀ x)²
        c^3                                                          | c | c: scalar                                       | ∂f/∂c = 3 c²
        x'*diag(y)*diag(d)*diag(y)*x                                 | x | d: vector(n); y: vector(n)                      | ∂f/∂x = 2 diag(y² ⊙ d) x
        sum(exp(-x'*x/(2*sigma^2)))                                  | sigma | sigma: scalar                             | ∂f/∂σ = exp(−xᵀ x / (2 σ²)) xᵀ x / σ³
        u'*y + x'*A*y                                                | y | A: matrix(n, m); y: vector(m)                   | ∂f/∂y = u + Aᵀ x
        trace(inv(W'*W)*W'*S*W)                                      | W | W: matrix(n, k); S: symmetric(n)               | ∂f/∂W = 2 (S − W (Wᵀ W)⁻¹ Wᵀ S) W (Wᵀ W)⁻¹
        det(X)^(1/3)                                                 | X |                                                 | ∂f/∂X = (1/3) det(X)^(1/3) X⁻ᵀ
        log(sqrt(det(X)))                                            | X |                                                 | ∂f/∂X = ½ X⁻ᵀ
        sqrt(x'*x)*norm2(x)                                          | x |                                                 | ∂f/∂x = 2 x
        x'*x/norm2(x)                                                | x |                                                 | ∂f/∂x = x / ‖x‖
        sum(log(S))                                                  | S | S: symmetric(n)                                 | ∂f/∂S = 1 ⊘ S
        det(X)^p*det(X)                                              | X | p: scalar                                       | ∂f/∂X = (p + 1) det(X)^(p + 1) X⁻ᵀ
        norm2(x - y)^p                                               | x | p: scalar                                       | ∂f/∂x = p ‖x − y‖^(p − 2) (x − y)
        sum(exp(X)./sum(exp(X)))                                     | X | X: matrix(m, n)                                 | ∂f/∂X = 0
        sum(softmax(x))                                              | x |                                                 | ∂f/∂x = 0
        (x'*A*x)/(x'*B*x)                                            | x |                                                 | ∂f/∂x = ((A + Aᵀ) / (xᵀ B x) − (xᵀ A x) (B + Bᵀ) / (xᵀ B x)²) x
        det(2*X)                                                     | X |                                                 | ∂f/∂X = det(2 X) X⁻ᵀ
        0.5*(x-m)'*inv(s^2*eye(n))*(x-m)                             | s | s: scalar; m: vector(n)                         | ∂f/∂s = −(x − m)ᵀ (x − m) / s³
        sum((X + a).^2)                                              | a | X: matrix(m, n)                                 | ∂f/∂a = 2 sum(X + a)
        norm_fro(X - Y)                                              | X | X: matrix(m, n); Y: matrix(m, n)                | ∂f/∂X = (X − Y) / ‖X − Y‖_F
        norm1(X)*trace(X)                                            | X |                                                 | ∂f/∂X = tr(X) sign∘(X) + ‖vec(X)‖₁ I
        sum(exp(a*x).*exp(x))                                        | x |                                                 | ∂f/∂x = (a + 1) exp(a x + x)
        logdet(A^3)                                                  | A |                                                 | ∂f/∂A = 3 A⁻ᵀ
        det(A^2)                                                     | A |                                                 | ∂f/∂A = 2 det(A²) A⁻ᵀ
        tr(inv(A)*A^2)                                               | A |                                                 | ∂f/∂A = I
        a'*A^2*inv(A)*b                                              | A |                                                 | ∂f/∂A = a bᵀ
        tr(A^-3)                                                     | A |                                                 | ∂f/∂A = −3 (A⁻⁴)ᵀ
        exp(a)*exp(2*a)                                              | a |                                                 | ∂f/∂a = 3 exp(3 a)
        exp(2*a)/exp(a)                                              | a |                                                 | ∂f/∂a = exp(a)
        exp(log(c))                                                  | c | c: scalar                                       | ∂f/∂c = 1
        sum(p.*log(p./q))                                            | p | q: vector(n)                                    | ∂f/∂p = log(p ⊘ q) + 𝟏
        log(abs(det(X)))                                             | X |                                                 | ∂f/∂X = X⁻ᵀ
        log(abs(a))                                                  | a |                                                 | ∂f/∂a = 1 / a
        x'*a*a'*x                                                    | x | a: vector(n); x: vector(n)                      | ∂f/∂x = 2 (xᵀ a) a
        tr(A*S*B*S)                                                  | S | A: symmetric(n); B: symmetric(n); S: symmetric(n) | ∂f/∂S = A S B + B S A
        logdet(S) - tr(S*C)                                          | S | S: symmetric(n); C: matrix(n)                   | ∂f/∂S = S⁻¹ − ½ (C + Cᵀ)
        -0.5*logdet(S) - 0.5*(x-m)'*inv(S)*(x-m)                     | S | S: spd(n); m: vector(n)                         | ∂f/∂S = ½ (S⁻¹ (x − m) (x − m)ᵀ S⁻¹ − S⁻¹)
        tr(X^2*X^-3)                                                 | X |                                                 | ∂f/∂X = −(X⁻²)ᵀ
        x'*X^-3*X^3*u                                                | X | u: vector(n)                                    | ∂f/∂X = 0
        sum(vec(X).^3)                                               | X | X: matrix(m, n)                                 | ∂f/∂X = 3 X∘²
        1e-20*x'*x*c + sum(x)                                        | x | c: scalar                                       | ∂f/∂x = 2·10⁻²⁰ c x + 𝟏
        1e-20*x'*x*c                                                 | x | c: scalar                                       | ∂f/∂x = 2·10⁻²⁰ c x
        norm2(1e-200*x)                                              | x |                                                 | ∂f/∂x = (10⁻²⁰⁰)² x / ‖10⁻²⁰⁰ x‖
        sum(x)*1e-200*1e-200*1e300                                   | x |                                                 | ∂f/∂x = 10⁻¹⁰⁰ 𝟏
        (1e-200*c)^2*1e300                                           | c | c: scalar                                       | ∂f/∂c = 2·10⁻¹⁰⁰ c
        1e-20*x'*x + norm2(x)^2 - x'*x                               | x |                                                 | ∂f/∂x = 2·10⁻²⁰ x
        1e-20*x'*x + logsumexp(x) - log(sum(exp(x)))                 | x |                                                 | ∂f/∂x = 2·10⁻²⁰ x
        x'*x/3*3 - x'*x                                              | x |                                                 | ∂f/∂x = 0
        (1e160*y)'*x/((1e160*x)'*x)                                  | x | y: vector(n)                                    | ∂f/∂x = y / (xᵀ x) − 2 (yᵀ x) x / (xᵀ x)²
        y'*x/(1e200*x'*x)                                            | x | y: vector(n)                                    | ∂f/∂x = 10⁻²⁰⁰ y / (xᵀ x) − 2·10⁻²⁰⁰ (yᵀ x) x / (xᵀ x)²
        1e-5*sum(log(1e150*exp(x)))                                  | x |                                                 | ∂f/∂x = 10⁻⁵ 𝟏
        sqrt(x'*x)                                                   | x |                                                 | ∂f/∂x = x / ‖x‖
        (2*(1e-20 + 1) - 2)*c                                        | c | c: scalar                                       | ∂f/∂c = 2·10⁻²⁰
        (1+1e-20)*sum(exp(x)) + 2*(1e-20+1)*sum(exp(x)) - 3*sum(exp(x)) | x |                                              | ∂f/∂x = 3·10⁻²⁰ exp(x)
        sum(x.^(1+1e-20)) - sum(x)                                   | x |                                                 | ∂f/∂x = (1 + 10⁻²⁰) x^(10⁻²⁰) − 𝟏
        (1e20+1)*(1e20-1)*x'*x - 1e40*x'*x                           | x |                                                 | ∂f/∂x = −2 x
        sqrt(x'*x)*(1e-20+1) - sqrt(x'*x)                            | x |                                                 | ∂f/∂x = 10⁻²⁰ x / ‖x‖
        log(1+1e-20)*x'*x                                            | x |                                                 | ∂f/∂x = 2 log(1 + 10⁻²⁰) x
        sqrt(1e-20+2)*x'*x - sqrt(2)*x'*x                            | x |                                                 | ∂f/∂x = 2 (sqrt(10⁻²⁰ + 2) − sqrt(2)) x
        exp(1e-20)*x'*x - x'*x                                       | x |                                                 | ∂f/∂x = 2 (exp(10⁻²⁰) − 1) x
        sqrt(2)*x'*x                                                 | x |                                                 | ∂f/∂x = 2 sqrt(2) x
        4^0.5*x'*x                                                   | x |                                                 | ∂f/∂x = 4 x
        sum(2.^x)                                                    | x |                                                 | ∂f/∂x = log(2) 2^x
        a*(c-1+1e-15)                                                | a | c: scalar                                       | ∂f/∂a = c − 0.999999999999999
        a*(exp(1e-20)-1) + a*1e-15                                   | a |                                                 | ∂f/∂a = exp(10⁻²⁰) − 0.999999999999999
        a^(1e-16) - 1e-16*log(a)                                     | a |                                                 | ∂f/∂a = 10⁻¹⁶ (a^(−0.9999999999999999) − 1 / a)
        exp(a)^(1/27)                                                | a |                                                 | ∂f/∂a = (1/27) exp(a) exp(a)^(−26/27)
        a*1e23                                                       | a |                                                 | ∂f/∂a = 10²³
        tan(7^30*a)                                                  | a |                                                 | ∂f/∂a = (1 + tan(7³⁰ a)²) 7³⁰
        a*1.1^20                                                     | a |                                                 | ∂f/∂a = 1.1²⁰
        a/(1e-20/202)                                                | a |                                                 | ∂f/∂a = 2.02·10²²
        x'*x*0.1^3                                                   | x |                                                 | ∂f/∂x = 0.002 x
        x'*x*1e200/1e199                                             | x |                                                 | ∂f/∂x = 20 x
        x'*x/202                                                     | x |                                                 | ∂f/∂x = (1/101) x
        x'*x*1e20/3                                                  | x |                                                 | ∂f/∂x = 6.666666666666666·10¹⁹ x
        tr(X'*X)^(1/2)                                               | X | X: matrix(m, n)                                 | ∂f/∂X = X / ‖X‖_F
        sum(exp(vec(X)))                                             | X | X: matrix(m, n)                                 | ∂f/∂X = exp(X)
        sum(vec(X))                                                  | X | X: matrix(m, n)                                 | ∂f/∂X = 𝟏𝟏ᵀ
        y'*B*((z - z) + sigmoid(a - b))                              | y | B: matrix(m, p); z: vector(p); a: scalar; b: scalar; y: vector(m) | ∂f/∂y = σ(a − b) B 𝟏
        """)
    void gradients(String f, String wrt, String lets, String expected) {
        MainTest.Run r = lets == null ? MainTest.run("grad", f, "--wrt", wrt) : MainTest.run("grad", f, "--wrt", wrt, "--let", lets);
        assertEquals(0, r.code(), r.err());
        assertEquals(expected + "\n", r.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        sum(log(exp(X*W)*ones(k))) - sum(Y .* (X*W))          | ∂f/∂W = Xᵀ (exp(X W) ⊘ (exp(X W) 𝟏𝟏ᵀ) − Y)
        -sum(Y .* (X*W - log(exp(X*W)*ones(k))*ones(k)'))     | ∂f/∂W = Xᵀ ((((Y 𝟏) ⊘ (exp(X W) 𝟏)) 𝟏ᵀ) ⊙ exp(X W) − Y)
        -sum(Y .* log(exp(X*W) ./ (exp(X*W)*ones(k)*ones(k)'))) | ∂f/∂W = Xᵀ (((Y ⊘ (exp(X W) 𝟏𝟏ᵀ)) 𝟏𝟏ᵀ) ⊙ exp(X W) − Y)
        """)
    void rowWiseSoftmaxCrossEntropy(String f, String expected) {
        // Xᵀ (S − Y) with S the row-wise softmax; the second, for labels whose rows need not sum to 1, is Xᵀ (S ⊙ (Y 𝟏𝟏ᵀ) − Y).
        MainTest.Run r = MainTest.run("grad", f, "--wrt", "W", "--let", "X: matrix(N, d); W: matrix(d, k); Y: matrix(N, k)");
        assertEquals(0, r.code(), r.err());
        assertEquals(expected + "\n", r.out());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
        hessian  | sqrt(x'*x)     | ∂²f/∂x∂xᵀ = (I − x xᵀ / ‖x‖²) / ‖x‖
        hessian  | 1/(x'*x)       | ∂²f/∂x∂xᵀ = −2 I / (xᵀ x)² + 8 x xᵀ / (xᵀ x)³
        jacobian | x/sqrt(x'*x)   | ∂F/∂xᵀ = I / ‖x‖ − x xᵀ / ‖x‖³
        """)
    void jacobiansAndHessiansInTheScalarNormalForm(String command, String f, String expected) {
        // Were I / sqrt(xᵀ x) − 2 x xᵀ / (2 sqrt(xᵀ x)) / sqrt(xᵀ x)² and −2 I / (xᵀ x)² + 8 xᵀ x x xᵀ / ((xᵀ x)²)².
        MainTest.Run r = MainTest.run(command, f, "--wrt", "x");
        assertEquals(0, r.code(), r.err());
        assertEquals(expected + "\n", r.out());
    }

    /**
     * Hessians wrt X: a power of a transpose stays one symbol to a power, (Xᵀ)², not Xᵀ Xᵀ (which beside ⊗ also lost its
     * brackets); juxtaposition binds tighter than ⊗ (Vᵀ V ⊗ I, as textbooks write it), but a chain of three or more
     * factors is bracketed; the number det(X) is outside vec (it was vec(det(X) X⁻ᵀ) vec(X⁻ᵀ)ᵀ).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        tr(X^4)      | ∂²f/∂vec(X)∂vec(X)ᵀ = 4 K ((Xᵀ)² ⊗ I + Xᵀ ⊗ X + I ⊗ X²)
        a'*inv(X)*b  | ∂²f/∂vec(X)∂vec(X)ᵀ = K (X⁻ᵀ ⊗ (X⁻¹ b aᵀ X⁻¹) + (X⁻ᵀ a bᵀ X⁻ᵀ) ⊗ X⁻¹)
        det(X)       | ∂²f/∂vec(X)∂vec(X)ᵀ = det(X) (vec(X⁻ᵀ) vec(X⁻ᵀ)ᵀ − K (X⁻ᵀ ⊗ X⁻¹))
        """)
    void hessiansOfMatrixFunctions(String f, String expected) {
        MainTest.Run r = MainTest.run("hessian", f, "--wrt", "X");
        assertEquals(0, r.code(), r.err());
        assertEquals(expected + "\n", r.out());
    }

    /** ‖X‖ of a matrix reads as the spectral norm and ‖X‖₁ as the induced 1-norm: the Frobenius and entrywise norms are marked. */
    @Test void matrixNormsSayWhichNorm() {
        MainTest.Run r = MainTest.run("grad", "norm_fro(X) + norm1(X)", "--wrt", "X", "--let", "X: matrix(m, n)", "--format", "latex");
        assertEquals(0, r.code(), r.err());
        assertEquals("\\frac{\\partial f}{\\partial X} = \\frac{X}{\\lVert X \\rVert_F} + \\operatorname{sign}(X)\n", r.out());
        r = MainTest.run("print", "norm1(X) + norm1(x) + norm2(x)", "--let", "X: matrix(m, n); x: vector(n)");
        assertEquals(0, r.code(), r.err());
        assertEquals(true, r.out().contains("‖vec(X)‖₁ + ‖x‖₁ + ‖x‖"), r.out());
    }

    /** e^a log(e) reads as eᵃ to anyone: a scalar e, i or j, or T in an exponent, gets a note beside the (right) result. */
    @Test void namesThatReadAsConstantsGetANote() {
        MainTest.Run r = MainTest.run("grad", "e^a", "--wrt", "a", "--let", "e: scalar; a: scalar");
        assertEquals(0, r.code(), r.err());
        assertEquals("∂f/∂a = e^a log(e)\n", r.out());
        assertTrue(r.err().contains("tracediff: note: the variable e prints as e, which a reader may take for Euler's number"), r.err());
        r = MainTest.run("grad", "a^T", "--wrt", "T", "--let", "a: scalar; T: scalar", "--format", "latex");
        assertTrue(r.err().contains("the variable T prints as T, which a reader may take for a transpose"), r.err());
        // a vector e, a factor T and the ASCII form read as nothing else
        assertEquals("", MainTest.run("grad", "e'*e", "--wrt", "e", "--let", "e: vector(n)").err());
        assertEquals("", MainTest.run("grad", "T*sum(x)", "--wrt", "x", "--let", "T: scalar").err());
        assertEquals("", MainTest.run("grad", "e^a", "--wrt", "a", "--let", "e: scalar; a: scalar", "--format", "ascii").err());
    }

    /** I_m and I_n in one formula read alike as I: each shows its size. */
    @Test void identitiesOfSeveralSizesShowTheirSizes() {
        String lets = "X: matrix(m, n); B: matrix(n); A: matrix(m)";
        MainTest.Run r = MainTest.run("jacobian", "X*B + A*X", "--wrt", "X", "--let", lets);
        assertEquals(0, r.code(), r.err());
        assertEquals("∂vec(F)/∂vec(X)ᵀ = Bᵀ ⊗ Iₘ + Iₙ ⊗ A\n", r.out());
        r = MainTest.run("jacobian", "X*B + A*X", "--wrt", "X", "--let", lets, "--format", "latex");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().endsWith("B^\\top \\otimes \\mathbf{I}_{m} + \\mathbf{I}_{n} \\otimes A\n"), r.out());
        // one size: plain I
        r = MainTest.run("jacobian", "A*X", "--wrt", "X", "--let", lets);
        assertEquals("∂vec(F)/∂vec(X)ᵀ = I ⊗ A\n", r.out());
    }

    @Test void matrixFactorizationHessianBlocks() {
        // The (V, V) block was 2 (Uᵀ ⊗ I) K (I ⊗ U) K: K moves left past I ⊗ U by Magnus & Neudecker's Theorem 3.9
        // (with sizes m, n, k all distinct, only the right orientation of K is exact) and cancels the other K.
        MainTest.Run r = MainTest.run("hessian", "norm_fro(X - U*V')^2", "--wrt", "U", "--wrt", "V",
                "--let", "X: matrix(m, n); U: matrix(m, k); V: matrix(n, k)");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                ∂²f/∂vec(U)∂vec(U)ᵀ = 2 (Vᵀ V ⊗ I)
                ∂²f/∂vec(U)∂vec(V)ᵀ = 2 ((Vᵀ ⊗ U) K_(n,k) − I ⊗ (X − U Vᵀ))
                ∂²f/∂vec(V)∂vec(U)ᵀ = 2 (K_(k,n) (V ⊗ Uᵀ) − I ⊗ (X − U Vᵀ)ᵀ)
                ∂²f/∂vec(V)∂vec(V)ᵀ = 2 (Uᵀ U ⊗ I)
                """, r.out());
    }

    @Test void aZeroHessianBlockIsZeroInEveryFormat() {
        for (String format : new String[] {"ascii", "unicode", "latex"}) {
            MainTest.Run r = MainTest.run("hessian", "x'*A*y + sum(exp(x))", "--wrt", "x", "--wrt", "y", "--format", format);
            assertEquals(0, r.code(), r.err());
            assertFalse(r.out().contains("n_A"), r.out());
            assertEquals("0", r.out().strip().lines().reduce((a, b) -> b).orElse("").replaceAll(".*= ", ""), r.out());
        }
    }
}

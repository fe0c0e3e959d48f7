package io.tracediff.print;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tracediff.expr.Expr;
import io.tracediff.expr.Sexp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden outputs: input | ASCII (parses back) | Unicode (as a paper) | LaTeX. An entrywise power of a matrix is marked
 * X∘² whatever its shape (a reader cannot see that X is n×m); a vector's square is x², its reciprocal x∘⁻¹.
 */
class PrinterGoldenTest {

    private static final String DECLS = "X: matrix(n, m); A: matrix(n, n); B: matrix(n, n); S: symmetric(n); "
            + "x: vector(n); y: vector(n); b: vector(m); a: vector(n); lam: scalar; c: scalar; W1: matrix(n, n); h0: vector(n)";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        a'*exp(X*b)            | a'*exp(X*b)          | aᵀ exp(X b)          | a^\\top \\exp(X b)
        x'*A*x                 | x'*A*x               | xᵀ A x               | x^\\top A x
        -x'*x                  | -x'*x                | −xᵀ x                | -x^\\top x
        -(x'*x)                | -(x'*x)              | −xᵀ x                | -x^\\top x
        A*B'                   | A*B'                 | A Bᵀ                 | A B^\\top
        2*x.^2                 | 2*x.^2               | 2 x²                 | 2 x^{\\circ 2}
        A.^2 + A^2             | A.^2 + A^2           | A∘² + A²             | A^{\\circ 2} + A^{2}
        1./(x/c) + (1./x)/c    | 1./(x/c) + 1./x/c    | 1 ⊘ (x / c) + (1 ⊘ x) / c | 1 \\oslash \\frac{x}{c} + \\frac{1 \\oslash x}{c}
        -2*(1/(x'*x))*x       | -2*(1/(x'*x))*x     | −2 x / (xᵀ x)        | -\\frac{2 x}{x^\\top x}
        x + -2*y               | x + -2*y             | x − 2 y              | x - 2 y
        (c*lam)*(-1)           | c*lam*-1             | −c λ                 | -c \\lambda
        x.*y + x./y            | x.*y + x./y          | x ⊙ y + x ⊘ y        | x \\odot y + x \\oslash y
        A*(x.*y)               | A*(x.*y)             | A (x ⊙ y)            | A \\left(x \\odot y\\right)
        (A*x).*y               | A*x.*y               | (A x) ⊙ y            | \\left(A x\\right) \\odot y
        inv(A)                 | inv(A)               | A⁻¹                  | A^{-1}
        inv(A)'                | inv(A)'              | A⁻ᵀ                  | A^{-\\top}
        inv(A')                | inv(A')              | (Aᵀ)⁻¹               | \\left(A^\\top\\right)^{-1}
        A'^2                   | A'^2                 | (Aᵀ)²                | \\left(A^\\top\\right)^{2}
        A^3                    | A^3                  | A³                   | A^{3}
        tr(A*B)                | tr(A*B)              | tr(A B)              | \\operatorname{tr}(A B)
        det(A) + logdet(S)     | det(A) + logdet(S)   | det(A) + log det(S)  | \\det(A) + \\log\\det(S)
        norm2(x)^2             | norm2(x)^2           | ‖x‖²                 | \\lVert x \\rVert^{2}
        norm1(x)               | norm1(x)             | ‖x‖₁                 | \\lVert x \\rVert_1
        lam*eye(n) + A         | lam*eye(n) + A       | λ I + A              | \\lambda I + A
        sigmoid(W1*h0)         | sigmoid(W1*h0)       | σ(W1 h0)             | \\sigma(W_{1} h_{0})
        sqrt(c)                | sqrt(c)              | sqrt(c)              | \\sqrt{c}
        x - (y - x)            | x - (y - x)          | x − (y − x)          | x - \\left(y - x\\right)
        c/(lam*c)              | c/(lam*c)            | c / (λ c)            | \\frac{c}{\\lambda c}
        0.5*c + 1e-3           | 0.5*c + 0.001        | ½ c + 0.001        | \\frac{1}{2} c + 0.001
        -0.25*c + 2.5 + 0.125*c + 150.5 | -0.25*c + 2.5 + 0.125*c + 150.5 | −¼ c + 2.5 + 0.125 c + 150.5 | -\\frac{1}{4} c + \\frac{5}{2} + 0.125 c + 150.5
        c*-2                   | c*-2                 | −2 c                 | -2 c
        (-c)^2                 | (-c)^2               | (−c)²                | \\left(-c\\right)^{2}
        -c^2                   | -c^2                 | −c²                  | -c^{2}
        c^-1                   | c^(-1)               | c⁻¹                  | c^{-1}
        c^c^c                  | c^c^c                | c^(c^c)              | c^{c^{c}}
        (c^c)^c                | (c^c)^c              | (c^c)^c              | \\left(c^{c}\\right)^{c}
        diag(x)*ones(n)        | diag(x)*ones(n)      | diag(x) 𝟏            | \\operatorname{diag}(x) \\mathbf{1}
        sum(zeros(n, m))       | sum(zeros(n, m))     | sum(0)               | \\operatorname{sum}(0)
        x'*S*x                 | x'*S*x               | xᵀ S x               | x^\\top S x
        zeros(n, m) + c        | zeros(n, m) + c      | 0 + c 𝟏𝟏ᵀ            | 0 + c \\mathbf{1}\\mathbf{1}^\\top
        X.^2 + x.^-1*b'        | X.^2 + x.^(-1)*b'    | X∘² + x∘⁻¹ bᵀ        | X^{\\circ 2} + x^{\\circ -1} b^\\top
        ones(n,n)^2 + ones(n,n).^2 | ones(n, n)^2 + ones(n, n).^2 | (𝟏𝟏ᵀ)² + (𝟏𝟏ᵀ)∘² | \\left(\\mathbf{1}\\mathbf{1}^\\top\\right)^{2} + \\left(\\mathbf{1}\\mathbf{1}^\\top\\right)^{\\circ 2}
        """)
    void goldenOutputs(String input, String ascii, String unicode, String latex) {
        Expr e = Sexp.typed(input, DECLS).expr();
        assertEquals(ascii, Printer.ascii(e), "ascii");
        assertEquals(unicode, Printer.unicode(e), "unicode");
        assertEquals(latex, Printer.latex(e), "latex");
        assertEquals(e, Sexp.typed(ascii, DECLS).expr(), "ascii parses back to the same tree");
    }
}

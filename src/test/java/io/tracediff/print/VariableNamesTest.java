package io.tracediff.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.tracediff.api.Problem;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.ops.Commutation;
import io.tracediff.print.notation.Format;
import io.tracediff.shape.Dim;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A printed name reads as one thing: no two variables alike, no variable like a constant or a function. */
class VariableNamesTest {

    private static Expr typed(String expr, String lets) { return Problem.of(expr, lets).expr(); }

    private static String unicode(String expr, String lets) { return Printer.unicode(typed(expr, lets)); }

    private static String latex(String expr, String lets) { return Printer.latex(typed(expr, lets)); }

    @Test void lamAloneIsLambdaButBesideLambdaBothPrintAsWritten() {
        assertEquals("λ x", unicode("lam*x", "lam: scalar; x: vector(n)"));
        assertEquals("\\lambda x", latex("lam*x", "lam: scalar; x: vector(n)"));
        Expr both = typed("lam*x + lambda*y", "lam: scalar; lambda: scalar; x: vector(n); y: vector(n)");
        assertEquals("lam x + lambda y", Printer.unicode(both));
        assertEquals("\\mathit{lam} x + \\mathit{lambda} y", Printer.latex(both));
        assertEquals("eps 𝟏 + epsilon x", unicode("eps*ones(n) + epsilon*x", "eps: scalar; epsilon: scalar; x: vector(n)"));
    }

    @Test void theScopeOfAWholeOutputDecidesNotEachLine() {
        VariableNames scope = VariableNames.of(List.of("lam", "lambda", "x"));
        assertEquals("lam x", Printer.print(typed("lam*x", "lam: scalar; x: vector(n)"), Format.UNICODE, scope));
        assertEquals("lam", Printer.variable("lam", Format.UNICODE, scope));
        assertEquals("λ", Printer.variable("lam", Format.UNICODE));
    }

    @Test void aVariableNamedIMakesTheIdentityShowItsSize() {
        Expr e = typed("(I + eye(n))*x", "I: matrix(n); x: vector(n)");
        assertEquals("(I + eye(n)) x", Printer.unicode(e));
        assertEquals("\\left(I + \\mathbf{I}_{n}\\right) x", Printer.latex(e));
        assertEquals("(I + A) x", unicode("(eye(n) + A)*x", "A: matrix(n); x: vector(n)"));
    }

    /** A + c adds c to every entry; beside a square A it would read as A + c I, so it is written A + c 𝟏𝟏ᵀ. */
    @Test void aScalarAddedToASquareMatrixIsSpreadOverTheOnes() {
        assertEquals("2 (A + c 𝟏𝟏ᵀ)", unicode("2*(A + c)", "A: matrix(n); c: scalar"));
        assertEquals("(A − 𝟏𝟏ᵀ)² + 2 𝟏𝟏ᵀ − A", unicode("(A - 1)^2 + (2 - A)", "A: matrix(n)"));
        // a vector or a non-square matrix has no identity to confuse it with
        assertEquals("x + 1 + X y − c", unicode("x + 1 + (X*y - c)", "x: vector(n); X: matrix(n, k); y: vector(k); c: scalar"));
        assertEquals("sum(X − c)", unicode("sum(X - c)", "X: matrix(n, k); c: scalar"));
    }

    @Test void aVariableNamedKMakesTheCommutationMatrixShowItsSizes() {
        Expr k = Apply.of(new Commutation(Dim.sym("m"), Dim.sym("n_X")));
        assertEquals("K_(m,n_X)", Printer.unicode(k));
        assertEquals("commutation(m, n_X)", Printer.print(k, Format.UNICODE, VariableNames.of(List.of("K"))));
        assertEquals("\\mathbf{K}_{m,n_{X}}", Printer.print(k, Format.LATEX, VariableNames.of(List.of("K"))));
    }

    @Test void sigmaBeforeABracketIsAProductNotTheSigmoid() {
        Expr e = typed("sigma*(x + y)", "sigma: scalar; x: vector(n); y: vector(n)");
        assertEquals("σ·(x + y)", Printer.unicode(e));
        assertEquals("\\sigma \\cdot \\left(x + y\\right)", Printer.latex(e));
        assertEquals("σ(x + y)", unicode("sigmoid(x + y)", "x: vector(n); y: vector(n)"));
        // σ at the end of a product or of an exponent reads as applied just the same (found by PaperRoundTripPropertyTest).
        assertEquals("a σ·(x + y)", unicode("a*sigma*(x + y)", "a: scalar; sigma: scalar; x: vector(n); y: vector(n)"));
        assertEquals("b^σ·(x + y)", unicode("b^sigma*(x + y)", "b: scalar; sigma: scalar; x: vector(n); y: vector(n)"));
        assertEquals("a (x + y)", unicode("a*(x + y)", "a: scalar; x: vector(n); y: vector(n)"));
    }

    /** With a variable dX beside X, the differential of X prints d(X) in Unicode (LaTeX sets it upright, \\mathrm{d}X). */
    @Test void aVariableNamedDXMakesTheDifferentialOfXABracket() {
        Expr dx = Apply.of(io.tracediff.ops.Differential.OP, typed("X", "X: matrix(m, n)"));
        Expr e = Apply.of(io.tracediff.ops.Hadamard.OP, typed("dX", "dX: matrix(m, n)"), dx);
        assertEquals("dX ⊙ d(X)", Printer.unicode(e));
        assertEquals("\\mathit{dX} \\odot \\mathrm{d}X", Printer.latex(e));
        assertEquals("Y ⊙ dX", Printer.unicode(Apply.of(io.tracediff.ops.Hadamard.OP, typed("Y", "Y: matrix(m, n)"), dx)));
    }

    /** A variable d before anything reads as the differential applied (d (A + Aᵀ), d x): it is set apart with a dot. */
    @Test void aVariableNamedDIsSetApartFromWhatItMultiplies() {
        assertEquals("d·(A + Aᵀ) x", unicode("d*(A + A')*x", "d: scalar; A: matrix(n); x: vector(n)"));
        assertEquals("2 d·x", unicode("2*d*x", "d: scalar; x: vector(n)"));
        Expr dx = Apply.of(io.tracediff.ops.Mul.OP, typed("d", "d: scalar"), Apply.of(io.tracediff.ops.Differential.OP, typed("x", "x: vector(n)")));
        assertEquals("d·d(x)", Printer.unicode(dx));
        // σ before a function is set apart too: σ σ(x) reads as σ(σ(x)).
        assertEquals("σ·sum(σ(x))", unicode("sigma*sum(sigmoid(x))", "sigma: scalar; x: vector(n)"));
    }

    /** A scalar Σ before a factor reads as a sum over it; a covariance matrix Σ does not. */
    @Test void aScalarSigmaIsSetApartAMatrixSigmaIsNot() {
        assertEquals("Σ·cos(x)", unicode("Sigma*cos(x)", "Sigma: scalar; x: vector(n)"));
        assertEquals("xᵀ Σ x", unicode("x'*Sigma*x", "Sigma: matrix(n); x: vector(n)"));
    }

    @Test void aGreekNameWithDigitsKeepsItsLetter() {
        assertEquals("λ2 x", unicode("lam2*x", "lam2: scalar; x: vector(n)"));
        assertEquals("\\lambda_{2} x", latex("lam2*x", "lam2: scalar; x: vector(n)"));
        assertEquals("lam2 x + lambda2 y", unicode("lam2*x + lambda2*y", "lam2: scalar; lambda2: scalar; x: vector(n); y: vector(n)"));
    }

    /** A function's name with a suffix reads as that function (log10 (x + x) as a logarithm to base 10): set apart, and whole in LaTeX. */
    @Test void aVariableNamedLikeAFunctionIsSetApart() {
        String lets = "x: vector(n); exp2: scalar; tr_1: scalar; log10: scalar; ln: scalar";
        assertEquals("exp2·x + tr_1·x + log10·(x + x) + ln·x", unicode("exp2*x + tr_1*x + log10*(x + x) + ln*x", lets));
        assertEquals("\\mathit{exp2} \\cdot x + \\mathit{tr\\_1} \\cdot x + \\mathit{log10} \\cdot \\left(x + x\\right) + \\mathit{ln} \\cdot x",
                latex("exp2*x + tr_1*x + log10*(x + x) + ln*x", lets));
        // a name that only begins like one is an ordinary name
        assertEquals("\\mathit{expo} x + W_{12} x", latex("expo*x + W_12*x", "x: vector(n); expo: scalar; W_12: matrix(n)"));
    }

    /** A scalar named as a function a paper writes (sgn, cot, Var) or by a function's letter (g, φ) is set apart from a bracket. */
    @Test void scalarsNamedLikeFunctionsAreSetApart() {
        assertEquals("2 sgn·(x + y)", unicode("2*sgn*(x + y)", "sgn: scalar; x: vector(n); y: vector(n)"));
        assertEquals("2 g·(x + y)", unicode("2*g*(x + y)", "g: scalar; x: vector(n); y: vector(n)"));
        assertEquals("2 g \\cdot \\left(x + y\\right)", latex("2*g*(x + y)", "g: scalar; x: vector(n); y: vector(n)"));
        assertEquals("φ·(x + y)", unicode("phi*(x + y)", "phi: scalar; x: vector(n); y: vector(n)"));
        // a vector h is no function: h (x + y)ᵀ is an outer product
        assertEquals("h (x + y)ᵀ", unicode("h*(x + y)'", "h: vector(n); x: vector(n); y: vector(n)"));
    }

    /** π is the constant to any reader: a variable pi prints as written. */
    @Test void aVariableNamedPiIsNotTheConstant() {
        assertEquals("pi x", unicode("pi*x", "pi: scalar; x: vector(n)"));
        assertEquals("\\mathit{pi} x", latex("pi*x", "pi: scalar; x: vector(n)"));
    }

    @Test void latexNamesWithUnderscoresAreSubscripts() {
        assertEquals("W_{12} x", latex("W_12*x", "W_12: matrix(n); x: vector(n)"));
        assertEquals("W_{\\mathit{ab\\_c}} x", latex("W_ab_c*x", "W_ab_c: matrix(n); x: vector(n)"));
        assertEquals("\\theta_{1} x", latex("theta1*x", "theta1: scalar; x: vector(n)"));
        // W1 and W_1 would both be W_{1}: both are set as written.
        assertEquals("\\mathit{W1} x + \\mathit{W\\_1} x", latex("W1*x + W_1*x", "W1: matrix(n); W_1: matrix(n); x: vector(n)"));
    }

    @Test void numbersWithAPowerOfTenReadAsNumbers() {
        assertEquals("4 \\cdot 10^{-5} x - 10^{-7} \\mathbf{1}", latex("4e-5*x - 1e-7*ones(n)", "x: vector(n)"));
        assertEquals("4·10⁻⁵ x − 10⁻⁷ 𝟏", unicode("4e-5*x - 1e-7*ones(n)", "x: vector(n)"));
        // m·10ᵏ binds as a product: bracketed as a base, and as an exponent.
        assertEquals("(2.5·10⁻⁷)^a", unicode("2.5e-7^a", "a: scalar"));
        assertEquals("a^(2.5·10⁻⁷)", unicode("a^2.5e-7", "a: scalar"));
        assertEquals("\\left(2.5 \\cdot 10^{-7}\\right)^{a}", latex("2.5e-7^a", "a: scalar"));
        assertEquals("4.0e-5*x", Printer.ascii(typed("4e-5*x", "x: vector(n)")));
        // a long decimal that is p/q for a small q is written as the fraction, bracketed as a coefficient or exponent
        Expr x = typed("x", "x: vector(n)"), a = typed("a", "a: scalar");
        Expr thirds = Apply.of(io.tracediff.ops.Add.OP, Apply.of(io.tracediff.ops.Mul.OP, new io.tracediff.expr.Num(1.0 / 3), x),
                Apply.of(io.tracediff.ops.Mul.OP, new io.tracediff.expr.Num(2.0 / 7), x));
        assertEquals("(1/3) x + (2/7) x", Printer.unicode(thirds));
        assertEquals("\\frac{1}{3} x + \\frac{2}{7} x", Printer.latex(thirds));
        assertEquals("1/3*x + 2/7*x", Printer.ascii(thirds));   // the fractions computed, and they read back as them
        assertEquals("a^(-2/3)", Printer.ascii(Apply.of(io.tracediff.ops.ElementPow.OP, a, new io.tracediff.expr.Num(-2.0 / 3))));
        assertEquals("a^(−2/3)", Printer.unicode(Apply.of(io.tracediff.ops.ElementPow.OP, a, new io.tracediff.expr.Num(-2.0 / 3))));
        // a fraction is the double nearest it and no other: 1/3 − 1 in doubles is one step past −2/3, and
        // 0.30000000000000004 one step past 0.3 (both printed as the fraction, they read as another number)
        assertEquals("a^(-0.6666666666666667)", Printer.ascii(Apply.of(io.tracediff.ops.ElementPow.OP, a, new io.tracediff.expr.Num(1.0 / 3 - 1))));
        assertEquals("0.30000000000000004 x", unicode("0.30000000000000004*x", "x: vector(n)"));
        assertEquals("0.1 x + 0.6931471805599453 x", unicode("0.1*x + 0.6931471805599453*x", "x: vector(n)"));
        // 0.001·10²⁰ reads as the one number 10¹⁷: numbers whose printed digits multiply to a number a double holds as
        // printed are folded (0.7·10²⁰ is 7·10¹⁹, though the doubles multiply to 6.999999999999999·10¹⁹), and a power of
        // ten that follows digits otherwise is bracketed (0.9999999999999999·10²⁰ has 16 nines no double holds)
        assertEquals("10¹⁷ xᵀ x", unicode("0.001*(1e20*(x'*x))", "x: vector(n)"));
        assertEquals("7·10¹⁹ xᵀ x", unicode("0.7*(1e20*(x'*x))", "x: vector(n)"));
        assertEquals("1.4·10²⁰ xᵀ x", unicode("0.7*(2e20*(x'*x))", "x: vector(n)"));
        assertEquals("0.9999999999999999·(10²⁰) xᵀ x", unicode("0.9999999999999999*(1e20*(x'*x))", "x: vector(n)"));
        assertEquals("0.9999999999999999 \\cdot \\left(10^{20}\\right) x^\\top x", latex("0.9999999999999999*(1e20*(x'*x))", "x: vector(n)"));
        // 0.55·3 is 1.65 as a reader multiplies it (in doubles 1.6500000000000001); 33/20 is a quotient: beside ⊙ it is
        // bracketed, as any mix of ⊙ and / is
        assertEquals("x ⊙ 1.65", unicode("x.*(0.55*3)", "x: vector(n)"));
        assertEquals("x ⊙ (1/3)", Printer.unicode(Apply.of(io.tracediff.ops.Hadamard.OP, typed("x", "x: vector(n)"), new io.tracediff.expr.Num(1.0 / 3))));
        assertEquals("x \\odot 1.65", latex("x.*(0.55*3)", "x: vector(n)"));
    }

    /** After a caret, an exponent that is not one atom is bracketed: a^(−b)² read as (a^(−b))². */
    @Test void aCaretExponentIsOneAtom() {
        assertEquals("a^((−b)²)", unicode("a^(-b)^2", "a: scalar; b: scalar"));
        assertEquals("a^b", unicode("a^(b')", "a: scalar; b: scalar"));
        assertEquals("a^b", unicode("a^b", "a: scalar; b: scalar"));
        assertEquals("a^sum(x)", unicode("a^sum(x)", "a: scalar; x: vector(n)"));
        // a scalar is its own transpose: x.^(2') is x², not (x²)ᵀ (x.^2' is refused: MATLAB reads it as (x.^2)')
        assertEquals("x²", unicode("x.^(2')", "x: vector(n)"));
    }

    /** ‖a ‖y‖ z‖ and ‖a‖ y ‖z‖ differ by spaces alone: a norm that is a factor inside a norm is bracketed. */
    @Test void aNormInsideANormIsBracketed() {
        assertEquals("‖a (‖y‖) z‖", unicode("norm2(a*norm2(y)*z)", "a: scalar; y: vector(n); z: vector(n)"));
        assertEquals("‖a‖ y ‖z‖", unicode("norm2(a)*y*norm2(z)", "a: scalar; y: vector(n); z: vector(n)"));
        // any norm between another's bars, unless a call's parentheses delimit it
        assertEquals("‖z / (‖y‖)‖ + ‖(‖z‖)‖", unicode("norm2(z/norm2(y)) + norm2(norm2(z))", "y: vector(n); z: vector(n)"));
        assertEquals("‖exp(‖y‖ z)‖", unicode("norm2(exp(norm2(y)*z))", "y: vector(n); z: vector(n)"));
    }

    @Test void aPowerOfLogDetBracketsTheTwoWords() {
        Expr e = typed("logdet(C)^2", "C: matrix(n)");
        assertEquals("(log det(C))²", Printer.unicode(e));
        assertEquals("\\left(\\log\\det(C)\\right)^{2}", Printer.latex(e));
        assertEquals("tr(C)²", unicode("tr(C)^2", "C: matrix(n)"));
        // before a factor too (log det(C) C reads as log(det(C) C)); at the end of a product, or before a +, not
        assertEquals("2 (log det(C)) C", unicode("2*logdet(C)*C", "C: matrix(n)"));
        assertEquals("C log det(C) + C", unicode("C*logdet(C) + C", "C: matrix(n)"));
        assertEquals("log det(C) + c", unicode("logdet(C) + c", "C: matrix(n); c: scalar"));
        assertEquals("\\left(\\log\\det(C)\\right) C", latex("logdet(C)*C", "C: matrix(n)"));
    }

    @Test void asciiSizesOfProductsParseBack() {
        Expr zeros = Apply.of(new io.tracediff.ops.Zeros(Dim.times(Dim.sym("n"), Dim.sym("m")), Dim.sym("k")));
        assertEquals("zeros(n*m, k)", Printer.ascii(zeros));
        assertEquals("n·m×k", typed("zeros(n*m, k)", "").shape().toString());
        String lets = "X: matrix(n, m)";
        Expr unvec = typed("sum(unvec(vec(X), n*m, 1))", lets);
        String text = Printer.ascii(unvec);
        assertFalse(text.contains("·"), text);
        assertEquals(unvec, typed(text, lets));
    }
}

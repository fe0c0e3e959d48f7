package io.tracediff.parse;

import static io.tracediff.expr.Sexp.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Operator precedence and associativity, loosest to tightest: + -, * / .* ./, unary minus, ^ .^, postfix '. */
class PrecedenceTest {

    @Test void transposeBindsTighterThanProduct_aTXTb() {
        assertEquals("(* (* (' a) (' X)) b)", parse("a'*X'*b", "a: vector(n); X: matrix(m, n); b: vector(m)"));
    }

    @Test void unaryMinusBindsTighterThanProduct_minusXTx() {
        assertEquals("(* (neg (' x)) x)", parse("-x'*x"));
    }

    @Test void transposeOfRightFactor_ABT() {
        assertEquals("(* A (' B))", parse("A*B'"));
    }

    @Test void quadraticFormIsLeftAssociative_xTAx() {
        assertEquals("(* (* (' x) A) x)", parse("x'*A*x"));
    }

    @Test void elementwisePowerBindsTighterThanProduct_2xSquared() {
        assertEquals("(* 2 (.^ x 2))", parse("2*x.^2"));
    }

    @Test void powerIsRightAssociative() {
        assertEquals("(.^ a (.^ b c))", parse("a^b^c"));
        assertEquals("(.^ x (.^ a b))", parse("x.^a^b"));
    }

    @Test void minusBindsLooserThanPower() {
        assertEquals("(neg (.^ a 2))", parse("-a^2"));
        assertEquals("(.^ a (neg b))", parse("a^-b"));
    }

    @Test void negativeLiteralIsANumberButNegatedParenthesisIsNot() {
        assertEquals("-2", parse("-2"));
        assertEquals("(neg 2)", parse("-(2)"));
        assertEquals("(neg (.^ 2 2))", parse("-2^2"));
    }

    @Test void sumsAndDifferencesAreLeftAssociative() {
        assertEquals("(+ (- a b) c)", parse("a - b + c"));
        assertEquals("(- a (- b c))", parse("a - (b - c)"));
    }

    @Test void productLevelOperatorsShareOneLevelLeftToRight() {
        assertEquals("(./ (.* A B) C)", parse("A.*B./C"));
        assertEquals("(/ (* a b) c)", parse("a*b/c"));
        assertEquals("(* (.* A B) C)", parse("A.*B*C"));
    }

    @Test void productBindsTighterThanSum() {
        assertEquals("(+ (* A x) y)", parse("A*x + y"));
    }

    @Test void transposeBindsTighterThanPower() {
        assertEquals("(^ (' X) 2)", parse("X'^2"));
        assertEquals("(' (' x))", parse("x''"));
    }

    @Test void matrixPowerOfSquareMatrixElementPowerOfScalar() {
        assertEquals("(^ X 3)", parse("X^3"));
        assertEquals("(.^ a 3)", parse("a^3"));
    }

    @Test void unicodeTransposeIsAccepted() {
        assertEquals("(* (' x) y)", parse("xᵀ*y"));
    }

    @Test void numbersInAllForms() {
        assertEquals("(+ (+ 2 0.5) 0.001)", parse("2 + 0.5 + 1e-3"));
        assertEquals("(* 0.5 x)", parse(".5*x"));
    }

    @Test void namesOfSeveralLettersAndDigits() {
        assertEquals("(* W1 h0)", parse("W1*h0"));
        assertEquals("(* lam mu)", parse("lam*mu", "lam: scalar; mu: scalar"));
    }

    @Test void functionsAndConstructors() {
        assertEquals("(exp (* X b))", parse("exp(X*b)", "b: vector(n)"));
        assertEquals("(+ (eye n) (* (ones n 1) (' (ones n 1))))", parse("eye(n) + ones(n)*ones(n)'"));
        assertEquals("(zeros m n)", parse("zeros(m, n)"));
        assertEquals("(diag x)", parse("diag(x)"));
        assertEquals("(norm2 X)", parse("norm_fro(X)"));
    }

    @Test void unaryPlusIsDropped() {
        assertEquals("(* a b)", parse("+a*b"));
    }
}

package io.tracediff.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.core.UserError;
import io.tracediff.expr.Sexp;
import org.junit.jupiter.api.Test;

/** Every user-facing message, asserted on its full text: the problem, then the line with a caret. */
class ErrorMessagesTest {

    private static String error(String src, String decls) {
        return assertThrows(UserError.class, () -> Sexp.typed(src, decls)).getMessage();
    }

    private static String error(String src) { return error(src, ""); }

    @Test void parseErrorShowsCaretUnderUnexpectedToken() {
        assertEquals("expected an operand but found '*'\n  a +* b\n     ^", error("a +* b"));
        assertEquals("expected an operator or the end of the expression but found 'b'\n  a b\n    ^", error("a b"));
        assertEquals("unexpected character '#'\n  a # b\n    ^", error("a # b"));
        // Invisible characters are named by code point (quoted they would read as '').
        assertTrue(error("a +\u200B b").startsWith("unexpected character U+200B (an invisible character; retype the expression around it)"), error("a +\u200B b"));
        assertTrue(error("x\u202E'*x").startsWith("unexpected character U+202E (an invisible character"), error("x\u202E'*x"));
    }

    /** exp*x would print as exp 𝟏, a function applied to 𝟏: a function's name is no variable, declared or not. */
    @Test void aFunctionNameIsNotAVariable() {
        assertEquals("'exp' is a function, not a variable: call it, as in exp(x), or give the variable another name\n  exp*sum(x)\n  ^^^",
                error("exp*sum(x)"));
        assertTrue(error("x'*tr").startsWith("'tr' is a function, not a variable"), error("x'*tr"));
    }

    /** A bracketed operand is quoted with its brackets: "x'*y)*x" lost its '(' (the span began inside it). */
    @Test void shapeMessagesQuoteBracketedOperandsWhole() {
        assertTrue(error("(x'*A*y)*A + (x'*y)*x", "x: vector(n); y: vector(n); A: matrix(n)")
                .startsWith("(x'*A*y)*A + (x'*y)*x: (x'*A*y)*A is n×n but (x'*y)*x is n×1"), error("(x'*A*y)*A + (x'*y)*x", "x: vector(n); y: vector(n); A: matrix(n)"));
        assertTrue(error("(d*x)' * A", "x: vector(n); A: matrix(m); d: scalar").startsWith("(d*x)' * A: (d*x)' is 1×n but A is m×m"));
    }

    @Test void anEmptyDimensionIsNamed() {
        assertEquals("an empty dimension in vector(…) (an extra comma?); write vector(n)\n  x: vector(n,)\n              ^", error("x'*x", "x: vector(n,)"));
        assertTrue(error("x'*x", "A: matrix(n,,m); x: vector(n)").startsWith("an empty dimension in matrix(…) (an extra comma?); write matrix(n) or matrix(m, n)"));
    }

    @Test void parseErrorAtEndOfInput() {
        assertEquals("expected an operand but the expression ended\n  3 +\n     ^", error("3 +"));
        assertEquals("empty expression", error("   "));
    }

    @Test void unbalancedParentheses() {
        assertEquals("unbalanced '(': expected ')' but the expression ended\n  (a + b\n  ^", error("(a + b"));
        assertEquals("unbalanced ')': no '(' opens it\n  a + b)\n       ^", error("a + b)"));
        assertEquals("expected ')' to close 'exp(' but found end of input\n  exp(x\n       ^", error("exp(x"));
    }

    @Test void unknownFunctionSuggestsNearestName() {
        assertEquals("unknown function 'tahn'; did you mean 'tanh'?\n  tahn(x)\n  ^^^^", error("tahn(x)"));
        assertEquals("unknown function 'expp'; did you mean 'exp'?\n  1 + expp(x)\n      ^^^^", error("1 + expp(x)"));
        assertEquals("unknown function 'frobnicate'\n  frobnicate(x)\n  ^^^^^^^^^^", error("frobnicate(x)"));
    }

    @Test void productMismatchNamesOperatorOperandsAndShapes() {
        assertEquals("A*x: A is n×m but x is k×1\n  A*x\n   ^", error("A*x", "A: matrix(n, m); x: vector(k)"));
        assertEquals("x'*A': x' is 1×k but A' is m×n\n  x'*A'*v\n    ^", error("x'*A'*v", "A: matrix(n, m); x: vector(k)"));
    }

    @Test void vectorTimesVectorIsAMismatch() {
        assertEquals("x*x: x is n×1 but x is n×1\n  x*x\n   ^", error("x*x", "x: vector(n)"));
        assertEquals("x*x: x is n_x×1 but x is n_x×1; if x is a number, declare it: --let \"x: scalar\" (undeclared, it is a vector, as h–z are)"
                + "\n  x*x\n   ^", error("x*x"));
    }

    @Test void sumAndHadamardMismatch() {
        assertEquals("A + x: A is n×m but x is k×1\n  A + x\n    ^", error("A + x", "A: matrix(n, m); x: vector(k)"));
        assertEquals("A .* A': A is n×m but A' is m×n\n  A .* A'\n    ^^", error("A .* A'", "A: matrix(n, m)"));
    }

    @Test void matrixFunctionsOfNonSquareArgumentSaySo() {
        String d = "X: matrix(n, m)";
        assertEquals("tr(X): tr needs a square matrix, but X is n×m\n  tr(X)\n  ^^", error("tr(X)", d));
        assertEquals("det(X): det needs a square matrix, but X is n×m\n  det(X)\n  ^^^", error("det(X)", d));
        assertEquals("inv(X): inv needs a square matrix, but X is n×m\n  inv(X)\n  ^^^", error("inv(X)", d));
        assertEquals("logdet(X): logdet needs a square matrix, but X is n×m\n  logdet(X)\n  ^^^^^^", error("logdet(X)", d));
        assertEquals("X^2: matrix power ^ needs a square matrix, but X is n×m\n  X^2\n   ^", error("X^2", d));
    }

    @Test void divisionIsByAScalar() {
        assertEquals("A/x: / divides by a scalar, but x is k×1 (use ./ for elementwise division)\n  A/x\n   ^",
                error("A/x", "x: vector(k)"));
    }

    @Test void matrixPowerNeedsWholeExponent() {
        assertEquals("a matrix power needs a whole number as its exponent (A^-1 is inv(A); use .^ for entrywise powers)\n  A^0.5\n   ^", error("A^0.5"));
    }

    /** A^-1 is the inverse and A^-k its k-th power, as MATLAB and papers write them. */
    @Test void negativeMatrixPowersAreInverses() {
        assertEquals(Sexp.typed("inv(A)", "").expr(), Sexp.typed("A^-1", "").expr());
        assertEquals(Sexp.typed("inv(A)^3", "").expr(), Sexp.typed("A^(-3)", "").expr());
        assertEquals(Sexp.typed("A^8", "").expr(), Sexp.typed("A^(2*4)", "").expr());   // arithmetic on numbers is the number
        assertEquals("X^-1: inv needs a square matrix, but X is n×m\n  X^-1\n   ^", error("X^-1", "X: matrix(n, m)"));
    }

    /** Names from MATLAB and the Cookbook that are not functions here say what to write, not the nearest spelling. */
    @Test void namesFromOtherToolsSayWhatToWrite() {
        assertEquals("unknown function 'expm': the matrix exponential is not supported (exp(X) is entrywise)\n  tr(expm(X))\n     ^^^^", error("tr(expm(X))"));
        assertEquals("unknown function 'mean': write sum(x)/n, with n the size of x (e.g. --let \"x: vector(n)\")\n  mean(x)\n  ^^^^", error("mean(x)"));
        assertEquals("max takes one argument, got 2 (max(A) is the largest entry; max(0, x) entrywise is relu(x), and max(x, y) is (x + y + abs(x − y))/2)\n"
                + "  max(0, x)\n  ^^^", error("max(0, x)"));
        assertEquals("^T is not a transpose here (T is a matrix); write X' for the transpose\n  X^T*X\n   ^", error("X^T*X"));
    }

    @Test void declaredDimensionsAreNotSilentlyEqual() {
        assertEquals("eye(m)*eye(n): eye(m) is m×m but eye(n) is n×n\n  eye(m)*eye(n)\n        ^", error("eye(m)*eye(n)"));
        assertEquals("A*B: A is 3×4 but B is 2×2\n  A*B\n   ^", error("A*B", "A: matrix(3, 4); B: matrix(2, 2)"));
    }

    @Test void undeclaredScalarTimesIdentityNeedsDeclaration() {
        // lam is a vector by the first-letter default, so lam*eye(m) is a product of n×1 and m×m: the message says so.
        assertEquals("lam*eye(m): lam is n_lam×1 but eye(m) is m×m; if lam is a number, declare it: --let \"lam: scalar\" (undeclared, "
                + "it is a vector, as h–z are)\n  lam*eye(m)\n     ^", error("lam*eye(m)"));
    }

    @Test void argumentsAndDimensions() {
        assertEquals("exp takes one argument, got 2\n  exp(x, y)\n  ^^^", error("exp(x, y)"));
        assertEquals("exp() needs an argument\n  exp()\n  ^^^^", error("exp()"));
        assertEquals("a dimension must be a positive whole number, not 0\n  ones(0)\n       ^", error("ones(0)"));
        assertEquals("a dimension must be a positive whole number up to 100000000, not 1e9\n  eye(1e9)\n      ^^^", error("eye(1e9)"));
        assertEquals("'x' is a variable; a dimension is a number or a dimension name (use rows/cols in rules)\n  eye(x)\n      ^",
                error("eye(x)", "x: vector(n)"));
    }

    @Test void malformedDeclarations() {
        assertEquals("malformed declaration; expected name: type, e.g. X: matrix(n, m); a: vector(n); lam: scalar\n"
                + "  X matrix(n)\n  ^^^^^^^^^^^", error("X", "X matrix(n)"));
        assertEquals("unknown type 'vectr(n)'; the types are scalar, vector(n), matrix(m, n), symmetric(n), spd(n), positive, "
                + "positive(n), positive(m, n)\n  a: scalar; x: vectr(n)\n                ^^^^^", error("x", "a: scalar; x: vectr(n)"));
        assertEquals("a dimension is a positive whole number or a name, not '0'\n  x: vector(0)\n            ^", error("x", "x: vector(0)"));
    }

    @Test void conflictingDeclarationsAreRejected() {
        assertEquals("'x' is declared twice, as vector n×1 and as matrix n×n\n  x: vector(n); x: matrix(n, n)\n                ^^^^^^^^^^^^^^^",
                error("x", "x: vector(n); x: matrix(n, n)"));
        assertEquals("(* (' x) x)", Sexp.parse("x'*x", "x: vector(n); x: vector(n)"));
    }

    @Test void numberTooLargeForADouble() {
        assertEquals("number '1e400' is too large for a double\n  1e400*a\n  ^^^^^", error("1e400*a"));
    }

    @Test void nestingTooDeepIsAMessageNotACrash() {
        String deep = "(".repeat(5000) + "x" + ")".repeat(5000);
        String msg = error(deep);
        assertTrue(msg.lines().findFirst().orElseThrow().startsWith("expression nests too deeply (more than " + Parser.MAX_DEPTH + " parser levels, about " + Parser.MAX_DEPTH / 2 + " nested brackets or calls); raise the limit with TRACEDIFF_JAVA_OPTS=-Dtracediff.maxDepth=N"), msg);
    }

    @Test void longInputShowsAWindowAroundTheCaret() {
        String src = "x + ".repeat(50) + "#" + " + y".repeat(50);
        String[] lines = error(src).split("\n");
        assertEquals("unexpected character '#'", lines[0]);
        assertEquals(lines[1].indexOf('#'), lines[2].indexOf('^'));
        assertEquals(true, lines[1].length() < 140, lines[1]);
    }

    /** MATLAB reads A^2' as (A^2)'; here ' binds tighter, so it would transpose the exponent: refused, with the bracket to write. */
    @Test void aTransposeAfterAnExponentIsRefusedNotReadAsTransposingTheNumber() {
        assertEquals("the ' in A^2' transposes the exponent (a number, which it leaves as it is), since ' binds tighter than ^; "
                + "write (A^2)' for the transpose of the power\n  A^2'\n   ^", error("A^2'"));
        assertTrue(error("x'*A^-1'*q").startsWith("the ' in A^-1' transposes the exponent"), error("x'*A^-1'*q"));
        assertTrue(error("A^(-1)'").contains("write (A^(-1))' for the transpose of the power"), error("A^(-1)'"));
        assertTrue(error("X.^2'").contains("write (X.^2)' for the transpose of the power"), error("X.^2'"));
        // inside a call's brackets too: the ' still follows the exponent
        assertTrue(error("x'*inv(A^2')*y").contains("write (A^2)' for the transpose of the power"), error("x'*inv(A^2')*y"));
        assertTrue(error("trace(A^(-1)')").contains("write (A^(-1))' for the transpose of the power"), error("trace(A^(-1)')"));
        assertTrue(error("sum(x.^2')").contains("write (x.^2)' for the transpose of the power"), error("sum(x.^2')"));
        // a transpose written inside the exponent's own brackets is the exponent's, as written
        assertEquals("A²", io.tracediff.print.Printer.unicode(io.tracediff.expr.Sexp.typed("A^(2')", "A: matrix(n)").expr()));
    }
}

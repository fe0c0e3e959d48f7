package io.tracediff.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.cli.Main;
import io.tracediff.diff.Gradients;
import io.tracediff.expr.Var;
import io.tracediff.expr.VarKind;
import io.tracediff.ops.Functions;
import io.tracediff.core.UserError;
import io.tracediff.print.Printer;
import io.tracediff.shape.ShapeException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one reading of an expression, as the API and every command give it. */
class ProblemTest {

    private static String cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        assertEquals(0, code, err.toString());
        return out.toString();
    }

    /** The example: what `tracediff grad "a'*exp(X*b)" --wrt X` prints, through the API alone. */
    @Test
    void gradientOfATransposeExpXbIsWhatTheCommandPrints() {
        Problem p = Problem.of("a'*exp(X*b)");
        Gradients.Result r = Gradients.of(p.expr(), p.wrt("X"));
        String api = Printer.unicode(r.gradients().get("X"));
        assertEquals("(a ⊙ exp(X b)) bᵀ", api);
        assertEquals("∂f/∂X = " + api + "\n", cli("grad", "a'*exp(X*b)", "--wrt", "X"));
        assertEquals(VarKind.VECTOR, p.variables().get("a").kind());
        assertEquals(VarKind.VECTOR, p.variables().get("b").kind());
    }

    @Test
    void undeclaredAToGStayScalarsWhenTheyGiveAScalar() {
        Problem p = Problem.of("c*x'*x");
        assertEquals(VarKind.SCALAR, p.variables().get("c").kind());
        assertTrue(p.expr().isScalar());
    }

    @Test
    void aShapeConflictOfTheDefaultsIsReadAgainWithVectors() {
        // tr(a*x') with a scalar takes the trace of a 1×n row: a shape conflict, marked as one (not recognised by its text)
        UserError e = assertThrows(UserError.class, () -> Problem.asDeclared("tr(a*x')", List.of(), Functions.builtin()));
        assertInstanceOf(ShapeException.class, e.getCause());
        Problem p = Problem.of("tr(a*x')");
        assertEquals(VarKind.VECTOR, p.variables().get("a").kind());
        assertEquals(p.variables().get("x").shape(), p.variables().get("a").shape());
    }

    @Test
    void whenNeitherReadingTypesTheFirstReadingsErrorIsReported() {
        UserError e = assertThrows(UserError.class, () -> Problem.of("X*a + x"));
        assertTrue(e.getMessage().startsWith("X*a + x: X*a is m_X×n_X but x is m_X×1"), e.getMessage());
    }

    @Test
    void anErrorThatIsNotAShapeConflictIsNotRetried() {
        UserError e = assertThrows(UserError.class, () -> Problem.of("a'*exq(X*b)"));
        assertNull(e.getCause());
        assertTrue(e.getMessage().startsWith("unknown function 'exq'; did you mean 'exp'?"), e.getMessage());
        // A × in the source is a syntax error, whatever the message quotes.
        UserError times = assertThrows(UserError.class, () -> Problem.of("a × b"));
        assertFalse(times.getCause() instanceof ShapeException);
    }

    @Test
    void declaredNamesAreNotReadAgain() {
        UserError e = assertThrows(UserError.class, () -> Problem.of("tr(a*x')", List.of("a: scalar")));
        assertInstanceOf(ShapeException.class, e.getCause());
    }

    @Test
    void wrtNamesVariablesInOrderWithoutRepeats() {
        Problem p = Problem.of("x'*A*y", List.of("A: matrix(m, n)"));
        List<Var> vars = p.wrt("y", "x", "y");
        assertEquals(List.of("y", "x"), vars.stream().map(Var::name).toList());
        UserError e = assertThrows(UserError.class, () -> p.wrt("z"));
        assertEquals("'z' does not occur in x'*A*y; its variables are x, A, y", e.getMessage());
    }

    @Test
    void aJacobianNeedsAVectorOrMatrixValue() {
        UserError e = assertThrows(UserError.class, () -> Problem.of("x'*x").requireNonScalar());
        assertTrue(e.getMessage().startsWith("x'*x is a scalar: its Jacobian is the gradient as a row"), e.getMessage());
        Problem f = Problem.of("exp(X*y)");
        assertEquals(f, f.requireNonScalar());
    }

    @Test
    void typesAreWrittenInLetSyntax() {
        Problem p = Problem.of("x'*S*x + logdet(S)", List.of("S: spd(n)"));
        assertEquals("S: spd(n)", Problem.declaration(p.variables().get("S")));
        assertEquals("x: vector(n)", Problem.declaration(p.variables().get("x")));
        assertEquals("scalar", Problem.type(p.expr().shape()));
    }
}

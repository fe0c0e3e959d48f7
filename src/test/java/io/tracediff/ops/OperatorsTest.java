package io.tracediff.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.shape.Dim;
import io.tracediff.shape.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry: one resolution for overloaded names, and registration that cannot break the language. */
class OperatorsTest {
    private static final Shape MATRIX = Shape.of(Dim.sym("m"), Dim.sym("n")), SQUARE = Shape.of(Dim.sym("n"), Dim.sym("n")),
            COLUMN = Shape.vector(Dim.sym("n"));

    @Test void powerAndDiagAreSettledByOperandShapes() {
        assertEquals(MatrixPow.OP, Operators.resolve("^", List.of(SQUARE, Shape.SCALAR), d -> d));
        assertEquals(ElementPow.OP, Operators.resolve("^", List.of(Shape.SCALAR, Shape.SCALAR), d -> d));
        assertEquals(DiagMatrix.OP, Operators.resolve("diag", List.of(COLUMN), d -> d));
        assertEquals(DiagVector.OP, Operators.resolve("diag", List.of(MATRIX), d -> d));
        // A column only once its dimension is known to be 1: resolution reads dimensions through the caller's unifier.
        Shape unsolved = Shape.of(Dim.sym("n"), Dim.sym("k"));
        assertEquals(DiagMatrix.OP, Operators.resolve("diag", List.of(unsolved), d -> d.equals(Dim.sym("k")) ? Dim.ONE : d));
    }

    @Test void aliasesDenoteOneOperator() {
        assertEquals(Trace.OP, Operators.resolve("trace", List.of(SQUARE), d -> d));
        assertEquals(Norm2.OP, Operators.resolve("norm_fro", List.of(MATRIX), d -> d));
        assertTrue(Operators.functionNames().containsAll(List.of("tr", "trace", "diag", "eye", "ones", "zeros")));
        assertTrue(Operators.symbols().indexOf(".*") < Operators.symbols().indexOf("*"), "longest symbols first: " + Operators.symbols());
    }

    @Test void registrationRefusesWhatWouldBreakTheLanguage() {
        var infix = new Operators.Syntax.Infix(40, false);
        assertThrows(IllegalArgumentException.class, () -> Operators.register(Hadamard.OP, infix, "*"));        // taken
        assertThrows(IllegalArgumentException.class, () -> Operators.register(Hadamard.OP, infix, "="));        // rule files' '='
        assertThrows(IllegalArgumentException.class, () -> Operators.register(Sum.OP, new Operators.Syntax.Function(1), "exp")); // an elementwise function
        assertThrows(IllegalArgumentException.class, () -> Operators.register(Sum.OP, new Operators.Syntax.Function(1), "my sum"));
        try (var r = Operators.register(Hadamard.OP, infix, "<*>")) {
            assertEquals(Hadamard.OP, Operators.infix("<*>").resolve(List.of(MATRIX, MATRIX)));
            assertEquals("<*>", Operators.symbols().get(0));
        }
        assertNull(Operators.get("<*>"));
    }
}

package io.tracediff.algebra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.api.Problem;
import io.tracediff.eval.tree.Evaluator;
import io.tracediff.expr.Expr;
import io.tracediff.print.Printer;
import org.junit.jupiter.api.Test;

/** f's constants to 100 and 150 digits: rounded once, cancellations taken as 0, and what cannot be computed left as written. */
class HighPrecisionTest {
    private static Expr f(String text) { return Problem.of(text, "x: vector(n)").expr(); }

    private static HighPrecision.Constants constants(String text) {
        return HighPrecision.constants(f(text), Printer::ascii, c -> Evaluator.numberValue(c).data[0]);
    }

    @Test void aCancellationToZeroIsZeroAndSaidSo() {
        HighPrecision.Constants c = constants("x'*x*sqrt(sqrt(2)*sqrt(2) - 2)");
        assertEquals("x'*x*0", Printer.ascii(c.f()));
        assertEquals("sqrt(sqrt(2)*sqrt(2) - 2) = 0 (2.11e-8 in floating point)", c.changed());
        assertTrue(HighPrecision.isZero(f("sqrt(3)*sqrt(3) - 3")));
        assertTrue(HighPrecision.isZero(f("(sqrt(2) + 1e15) - 1e15 - sqrt(2)")));
    }

    @Test void digitsLostToALargePartAreRecovered() {
        HighPrecision.Constants c = constants("x'*x*((sqrt(2) + 1e15) - 1e15)");
        assertEquals(Math.sqrt(2), Evaluator.numberValue(((io.tracediff.expr.Apply) c.f()).arg(1)).data[0]);
        assertEquals("sqrt(2) + 1.0e15 - 1.0e15 = 1.41 (1.38 in floating point)", c.changed());
    }

    @Test void aConstantWrittenSmallIsKeptAndOneRoundingIsNotNoted() {
        HighPrecision.Constants small = constants("x'*x*(1e-95*sqrt(2))");
        assertEquals(1e-95 * Math.sqrt(2), Evaluator.numberValue(((io.tracediff.expr.Apply) small.f()).arg(1)).data[0], 1e-110);
        assertFalse(HighPrecision.isZero(f("1e-95*sqrt(2)")));
        assertNull(small.changed());
        assertNull(constants("x'*x*sqrt(2)*sqrt(2)").changed());   // 2.0000000000000004 against 2: one rounding
    }

    @Test void whatBigDecimalCannotComputeIsLeftAsWritten() {
        assertEquals("x'*x*(sin(1.0e15) + 1)", Printer.ascii(constants("x'*x*(sin(1e15) + 1)").f()));
        assertFalse(HighPrecision.isZero(f("exp(1) - exp(1)")));
        assertFalse(HighPrecision.isZero(f("1e60 - 1e60")));   // beyond 10⁵⁰: not known here
        assertNull(constants("x'*x*2^(1/3)").changed());
    }
}

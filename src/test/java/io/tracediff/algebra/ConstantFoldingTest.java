package io.tracediff.algebra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tracediff.expr.Num;
import org.junit.jupiter.api.Test;

/** Numbers fold as written: the decimals are multiplied or added exactly and rounded once. */
class ConstantFoldingTest {
    private static double value(io.tracediff.expr.Expr e) { return ((Num) e).value(); }

    @Test void decimalProductsAndSumsRoundOnce() {
        assertEquals(1e-10, value(Alg.mul(new Num(1e-5), new Num(1e-5))));   // the double product is 1.0000000000000002e-10
        assertEquals(0.3, value(Alg.add(new Num(0.1), new Num(0.2))));        // 0.30000000000000004 in doubles
        assertEquals(0.6, value(Alg.mul(new Num(0.2), new Num(3))));
        assertEquals(-0.1, value(Alg.apply(io.tracediff.ops.Sub.OP, new Num(0.2), new Num(0.3))));
        assertEquals(6.0, value(Alg.mul(new Num(2), new Num(3))));
        assertEquals(1.0 / 3, value(Alg.div(new Num(1), new Num(3))));       // a quotient stays the double quotient
    }

    /** A product or quotient that underflows to 0 is kept as written: folded, 10⁻²⁰⁰·10⁻²⁰⁰ became 0 and dropped its term. */
    @Test void underflowIsNotFoldedToZero() {
        assertEquals("1.0e-200*1.0e-200", io.tracediff.print.Printer.ascii(Alg.mul(new Num(1e-200), new Num(1e-200))));
        org.junit.jupiter.api.Assertions.assertFalse(Alg.div(new Num(1e-300), new Num(1e200)) instanceof Num);
        assertEquals(0.0, value(Alg.apply(io.tracediff.ops.Sub.OP, new Num(1e-200), new Num(1e-200))));
    }
}

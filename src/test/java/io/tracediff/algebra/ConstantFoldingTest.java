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
        assertEquals(1e-5, value(Alg.div(new Num(1e145), new Num(1e150))));  // 9.999999999999999e-6 in doubles
        assertEquals(1.0, value(Alg.mul(new Num(3), Alg.div(new Num(1), new Num(3)))));   // 3 · (1/3), not 0.9999999999999999
        assertEquals(1.0, value(Alg.add(Alg.div(new Num(2), new Num(3)), Alg.div(new Num(1), new Num(3)))));
    }

    /** A sum that rounds away most of one number is kept as written: 10⁻²⁰ + 2 − 2 folded pairwise was 0. */
    @Test void sumsThatLoseANumberAreNotFolded() {
        assertEquals("1.0e-20 + 2", io.tracediff.print.Printer.ascii(Alg.add(new Num(1e-20), new Num(2))));
        assertEquals(Rational.of(1e-20), Alg.exactConstant(Alg.apply(io.tracediff.ops.Sub.OP, Alg.add(new Num(1e-20), new Num(2)), new Num(2))));
        assertEquals(3.1, value(Alg.add(new Num(0.1), new Num(3))));
        assertEquals(1.0 / 3 + 1.0 / 7, value(Alg.add(Alg.div(new Num(1), new Num(3)), Alg.div(new Num(1), new Num(7)))), 1e-16);
    }

    /** Numbers as the fractions or decimals they stand for, and doubles only where a normal double holds them. */
    @Test void rationals() {
        assertEquals("1/10", Rational.of(0.1).toString());
        assertEquals("1/3", Rational.of(1.0 / 3).toString());
        assertEquals("3333333333/10000000000", Rational.of(0.3333333333).toString());   // typed: stays the decimal
        assertEquals("1/100000000000000000000", Rational.of(1e-20).toString());
        assertEquals(1e-20, Rational.of(1e-20).toDouble());
        org.junit.jupiter.api.Assertions.assertTrue(Double.isNaN(Rational.of(1e-200).times(Rational.of(1e-200)).toDouble()));   // 10⁻⁴⁰⁰
        org.junit.jupiter.api.Assertions.assertTrue(Double.isNaN(Rational.of(1e-160).times(Rational.of(1e-160)).toDouble()));   // subnormal
        org.junit.jupiter.api.Assertions.assertNull(Rational.of(1e300).pow(1_000_000));   // past the bound, not a 300-million-digit number
        assertEquals(-2.0, Rational.of(1e160).times(Rational.of(-2e200)).times(Rational.of(1e160).times(Rational.of(1e200)).pow(-1)).toDouble());
    }

    /** A product or quotient that underflows to 0 is kept as written: folded, 10⁻²⁰⁰·10⁻²⁰⁰ became 0 and dropped its term. */
    @Test void underflowIsNotFoldedToZero() {
        assertEquals("1.0e-200*1.0e-200", io.tracediff.print.Printer.ascii(Alg.mul(new Num(1e-200), new Num(1e-200))));
        org.junit.jupiter.api.Assertions.assertFalse(Alg.div(new Num(1e-300), new Num(1e200)) instanceof Num);
        assertEquals(0.0, value(Alg.apply(io.tracediff.ops.Sub.OP, new Num(1e-200), new Num(1e-200))));
    }
}

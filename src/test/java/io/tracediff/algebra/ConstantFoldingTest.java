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
        assertEquals("1/3000000000", Rational.of(3.333333333333333e-10).toString());   // the double nearest 10⁻⁹/3, at any scale
        assertEquals("200000000000000000000/3", Rational.of(2e20 / 3).toString());
        assertEquals("3/10000000000", Rational.of(3e-10).toString());             // a short decimal stays itself
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

    private static io.tracediff.expr.Expr fn(String name, double x) {
        var f = io.tracediff.ops.Functions.builtin().get(name).orElseThrow();
        return Alg.apply(new io.tracediff.ops.ElementFn(f), new Num(x));
    }

    /**
     * A function of a number folds only where its value is exact: √2 folded to 1.4142135623730951 made
     * sqrt(10⁻²⁰ + 2) − √2 read −5·10⁻¹⁷ (it is 3.5·10⁻²¹), e^(10⁻²⁰) folded to 1 cancelled a term.
     */
    @Test void functionsOfNumbersFoldOnlyWhereExact() {
        assertEquals("sqrt(2)", io.tracediff.print.Printer.ascii(fn("sqrt", 2)));
        assertEquals(1.5, value(fn("sqrt", 2.25)));
        assertEquals(0.1, value(fn("sqrt", 0.01)));
        assertEquals("exp(1.0e-20)", io.tracediff.print.Printer.ascii(fn("exp", 1e-20)));
        assertEquals("log(3)", io.tracediff.print.Printer.ascii(fn("log", 3)));
        assertEquals("sin(1.0e-20)", io.tracediff.print.Printer.ascii(fn("sin", 1e-20)));   // 10⁻²⁰ in doubles, not exactly
        assertEquals(1.0, value(fn("exp", 0)));
        assertEquals(0.0, value(fn("log", 1)));
        assertEquals(0.5, value(fn("sigmoid", 0)));
        assertEquals(1.0, value(fn("cos", 0)));
        assertEquals(2.5, value(fn("abs", -2.5)));
        assertEquals("softplus(0)", io.tracediff.print.Printer.ascii(fn("softplus", 0)));   // log 2
    }

    @Test void powersOfNumbersFoldOnlyWhereExact() {
        var pow = io.tracediff.ops.ElementPow.OP;
        assertEquals(2.0, value(Alg.apply(pow, new Num(4), new Num(0.5))));
        assertEquals(0.2, value(Alg.apply(pow, new Num(0.04), new Num(0.5))));
        assertEquals(2.0, value(Alg.apply(pow, new Num(8), new Num(1.0 / 3))));
        assertEquals("2^0.5", io.tracediff.print.Printer.ascii(Alg.apply(pow, new Num(2), new Num(0.5))));
        // 1.0000001 to the 10⁹th in doubles is right to 8 digits only (the double is not 1.0000001): kept as written
        org.junit.jupiter.api.Assertions.assertFalse(Alg.apply(pow, new Num(1.0000001), new Num(1e9)) instanceof Num);
        assertEquals(0.001, value(Alg.apply(pow, new Num(0.1), new Num(3))));
    }

    /** JDK 17 writes 1e23 as 9.999999999999999E22: a number is the shortest decimal that reads back as it, as typed. */
    @Test void numbersAreTheShortestDecimalsThatReadBack() {
        assertEquals("1E+23", io.tracediff.expr.Num.shortestDecimal(1e23).toString());
        assertEquals("2.02E+22", io.tracediff.expr.Num.shortestDecimal(2.02e22).toString());
        assertEquals("0.1", io.tracediff.expr.Num.shortestDecimal(0.1).toString());
        assertEquals("0.30000000000000004", io.tracediff.expr.Num.shortestDecimal(0.1 + 0.2).toString());
        assertEquals(Rational.of(1e22).times(Rational.of(10)), Rational.of(1e23));
    }
}

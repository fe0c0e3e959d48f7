package io.tracediff.symja.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tracediff.ops.Functions;
import io.tracediff.rules.RuleFileParser;
import io.tracediff.symja.Terms;
import java.math.BigDecimal;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Symja results written as tracediff rule text: the text parses as a rule and has Symja's values. */
class FromSymjaTest {

    /** Translated text, read back through the rule-file parser exactly as a --fn derivative is. */
    private static DoubleUnaryOperator readBack(String text) {
        var rule = RuleFileParser.parse("t: t'(x) = " + text + " ; test", "test").get(0);
        return Terms.compile(Terms.fromPattern(rule.rhs(), Functions.builtin()));
    }

    private static double symjaAt(String expr, double x) {
        return Symja.eval("N(ReplaceAll(" + expr + ", x -> " + BigDecimal.valueOf(x).toPlainString() + "))").evalf();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Sech(x)^2", "Cosh(x)", "Sinh(2*x)", "Csch(x)", "Coth(x)", "Sec(x)^2", "Sec(x)", "Csc(x)", "Cot(x)",
            "ArcSinh(x)", "ArcCosh(x+2)", "ArcTanh(x/2)", "ArcCot(x)", "Log(2, x)", "x/3",
            "-x^2/7 + 1/x", "E", "Pi*x", "Sqrt(x)", "1/Sqrt(x)", "x^(-3/2)", "2.5*x", "x/RealAbs(x)", "RealAbs(x)^3",
            "Exp(-x)", "LogisticSigmoid(x)", "Tan(x)^2", "(1+x)^x", "-E^x/(1+E^x)^2", "x^(1/3) - 3/(4*x)", "-(x+1)*(x-2)",
            "1 - x - x^2", "-5/(3*Sqrt(x))", "(2/3)^x"})
    void translationHasSymjasValues(String input) {
        var expr = Symja.eval(input);
        String text = FromSymja.translate(expr).text();
        DoubleUnaryOperator f = readBack(text);
        for (double x = 0.15; x < 0.95; x += 0.1)
            assertEquals(symjaAt(input, x), f.applyAsDouble(x), 1e-12 * Math.max(1, Math.abs(symjaAt(input, x))),
                    input + " written as " + text + ", at x = " + x);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Sech(x)^2 | 1 - tanh(x) .^ 2",
            "Sec(x)^2 | 1 + tan(x) .^ 2",
            "x/RealAbs(x) | sign(x)",
            "E^x/(1+E^x) | exp(x) ./ (1 + exp(x))",
            "x/3 | x ./ 3",
            "x/4 | 0.25 * x",
            "1/Sqrt(1-x^2) | 1 ./ sqrt(1 - x .^ 2)",
            "-Sin(x) | -sin(x)",
            "2*x*Cos(x^2) | 2 * x .* cos(x .^ 2)",
            "(1+x)^(-2) | 1 ./ (1 + x) .^ 2",
            "Sqrt(x)/(6*E^(x/3)) | exp(-x ./ 3) .* sqrt(x) ./ 6"})
    void translationReadsAsATextbookWouldWriteIt(String input, String expected) {
        assertEquals(expected, FromSymja.translate(Symja.eval(input)).text());
    }
}

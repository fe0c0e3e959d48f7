package io.tracediff.ops;

import io.tracediff.autograd.Tensor;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * A scalar function applied entry by entry, every facet in one place: its name in the input, its value,
 * how LaTeX, Unicode and generated Java write it ({@code %s} stands for the argument), its Symja input
 * (for exact calculus; null when it has no smooth symbolic form, as relu, sign and step) and its twin on
 * the autograd engine (null when there is none). Derivatives are rules in {@code rules/elementwise.rules},
 * or come from Symja for user-defined functions.
 */
public record ScalarFunction(String name, DoubleUnaryOperator value, String latex, String javaTemplate, String unicode,
                             String symja, UnaryOperator<Tensor> autograd) {

    /** A function printed in Unicode by its name, with no Symja form and no autograd twin. */
    public ScalarFunction(String name, DoubleUnaryOperator value, String latex, String javaTemplate) {
        this(name, value, latex, javaTemplate, name, null, null);
    }

    public double apply(double x) { return value.applyAsDouble(x); }

    /** The Symja input for argument text {@code arg}; null when the function has no smooth symbolic form. */
    public String symja(String arg) { return symja == null ? null : symja.replace("%s", arg); }
}

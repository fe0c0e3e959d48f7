package io.tracediff.ops;

import java.util.function.DoubleUnaryOperator;

/**
 * A scalar function applied entry by entry: its name in the input, its value, and how LaTeX and
 * generated Java write it ({@code %s} stands for the argument). Derivatives are rules in
 * {@code rules/elementwise.rules}, or come from Symja for user-defined functions.
 */
public record ScalarFunction(String name, DoubleUnaryOperator value, String latex, String javaTemplate, String unicode) {

    /** A function printed in Unicode by its name. */
    public ScalarFunction(String name, DoubleUnaryOperator value, String latex, String javaTemplate) {
        this(name, value, latex, javaTemplate, name);
    }

    public double apply(double x) { return value.applyAsDouble(x); }
}

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

    /** Where a function's value at a number is exact, which decides whether it folds (√2 stays √2, √2.25 is 1.5). */
    public enum Exactness { PIECEWISE_LINEAR, SQUARE_ROOT, TRANSCENDENTAL }

    /** For the language's own functions, where their values at numbers are exact; null for a user's function. */
    public Exactness exactness() { return value instanceof BuiltinFunction b ? b.exactness() : null; }

    // Written out, as a record's would be: the generated ones are bootstrapped through method handles, which
    // cost a cold CLI start a quarter of grad "a'*exp(X*b)" (every Apply of an elementwise function hashes it).
    @Override public boolean equals(Object o) {
        return o == this || o instanceof ScalarFunction f && java.util.Objects.equals(name, f.name) && java.util.Objects.equals(value, f.value)
                && java.util.Objects.equals(latex, f.latex) && java.util.Objects.equals(javaTemplate, f.javaTemplate)
                && java.util.Objects.equals(unicode, f.unicode) && java.util.Objects.equals(symja, f.symja)
                && java.util.Objects.equals(autograd, f.autograd);
    }

    @Override public int hashCode() {
        int h = java.util.Objects.hashCode(name);
        h = 31 * h + java.util.Objects.hashCode(value);
        h = 31 * h + java.util.Objects.hashCode(latex);
        h = 31 * h + java.util.Objects.hashCode(javaTemplate);
        h = 31 * h + java.util.Objects.hashCode(unicode);
        h = 31 * h + java.util.Objects.hashCode(symja);
        return 31 * h + java.util.Objects.hashCode(autograd);
    }

    /** The Symja input for argument text {@code arg}; null when the function has no smooth symbolic form. */
    public String symja(String arg) { return symja == null ? null : symja.replace("%s", arg); }
}

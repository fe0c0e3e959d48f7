package io.tracediff.symja;

import java.util.function.DoubleUnaryOperator;

/**
 * The value of a user-defined function. It keeps its body so a later definition that calls it can be
 * inlined for Symja and for generated code.
 */
public record UserFunction(String name, String parameter, Term body, DoubleUnaryOperator compiled) implements DoubleUnaryOperator {
    @Override public double applyAsDouble(double x) { return compiled.applyAsDouble(x); }
}

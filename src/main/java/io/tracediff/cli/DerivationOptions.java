package io.tracediff.cli;

import picocli.CommandLine.Option;

/** {@code --steps} and {@code --cse}, for the commands that derive (grad, jacobian, hessian). Use as a {@code @Mixin}. */
public final class DerivationOptions {

    @Option(names = "--steps", description = "Print the derivation, one rule a line.")
    boolean steps;

    @Option(names = "--cse", description = "Name repeated subexpressions (t0 = …) and state the results with them.")
    boolean cse;
}

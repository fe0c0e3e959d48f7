package io.tracediff.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The problem every subcommand works on: EXPR and its declarations. Use as
 * {@code @Mixin ProblemOptions problem;} and call {@link #problem()}.
 */
public final class ProblemOptions {

    @Parameters(index = "0", paramLabel = "EXPR",
            description = "Expression in matrixcalculus.org syntax, e.g. \"x'*A*x\" (quote it for the shell).")
    String expr;

    @Option(names = "--let", paramLabel = "DECLS",
            description = "Declarations, e.g. \"X: matrix(n, m); a: vector(n); lam: scalar; S: symmetric(n)\". Repeatable. "
                    + "Undeclared names: a-g scalar, h-z vector, A-Z matrix (by first letter).")
    List<String> lets = new ArrayList<>();

    public String expression() { return expr; }

    public List<String> declarations() { return lets; }

    /** Parses and type-checks; throws {@link io.tracediff.parse.UserError} (exit 2) on bad input. */
    public Problem problem() { return Problem.of(expr, lets); }
}

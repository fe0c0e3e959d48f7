package io.tracediff.cli;

import picocli.CommandLine.Option;

/** {@code --steps}, {@code --cse} and {@code --no-self-check}, for the commands that derive (grad, jacobian, hessian). Use as a {@code @Mixin}. */
public final class DerivationOptions {

    @Option(names = "--no-self-check",
            description = "Skip comparing the closed form with reverse mode at two random points before printing it (on by default).")
    boolean noSelfCheck;

    boolean selfCheck() { return !noSelfCheck; }

    /** How to derive: {@code mathematics} (from --rules and --fn), self-checked unless --no-self-check, with the e-graph when asked. */
    io.tracediff.api.Derivations.Options options(io.tracediff.api.Mathematics mathematics, boolean egraph) {
        return new io.tracediff.api.Derivations.Options(mathematics, selfCheck(), egraph);
    }

    /** {"points": n, "max_rel_err": e} for --json, or nothing when the check was skipped. */
    static void report(com.fasterxml.jackson.databind.node.ObjectNode o, io.tracediff.check.SelfCheck.Outcome c, boolean asked) {
        if (!asked) return;
        var n = o.putObject("self_check");
        n.put("points", c.points());
        n.put("max_rel_err", c.maxRelErr());
        // batch and serve print no stderr line per request: the JSON says what the single command's warning says
        if (!c.checked()) n.put("warning", "not self-checked: " + UNCHECKED_WHY);
        if (c.exactConstants() != null) n.put("exact_constants", c.exactConstants());
    }

    /** Before the constants whose value to 420 digits the self-check (or check) used where doubles compute another. */
    static final String CONSTANTS_NOTE = "f's constants taken to 420 digits, as the derivation takes them exactly, where floating point computes others: ";

    static final String UNCHECKED_WHY = "no random point where the expression is defined was found, reverse mode cannot run one of its "
            + "operations, or its sizes make the check cost more than the derivation";

    /** A form shown without a single point where it could be compared says so (a sampling failure is not a verdict). */
    static void warnIfUnchecked(java.io.PrintWriter err, io.tracediff.check.SelfCheck.Outcome c, boolean asked) {
        if (asked && !c.checked())
            err.println("tracediff: warning: the result was not self-checked (" + UNCHECKED_WHY + ")");
        if (asked && c.exactConstants() != null)
            err.println("tracediff: note: " + CONSTANTS_NOTE + c.exactConstants());
    }

    /**
     * One note per variable whose printed name reads as a constant or an operator (a scalar e as Euler's number, a^T as a
     * transpose), for the paper formats: the result is right, and the note keeps a reader from misreading it.
     */
    static void noteNamesThatReadAsConstants(java.io.PrintWriter err, io.tracediff.api.Problem p, io.tracediff.print.notation.Format f) {
        if (f == io.tracediff.print.notation.Format.ASCII) return;
        io.tracediff.print.VariableNames.readAsConstants(p.expr()).forEach((name, reading) -> err.println("tracediff: note: the variable "
                + name + " prints as " + name + ", which a reader may take for " + reading + "; rename it (say " + name + "1) for a paper"));
    }

    @Option(names = "--steps", description = "Print the derivation, one rule a line.")
    boolean steps;

    @Option(names = "--cse", description = "Name repeated subexpressions (t0 = …) and state the results with them.")
    boolean cse;
}

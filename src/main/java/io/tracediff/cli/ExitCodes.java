package io.tracediff.cli;

/** What the process exit status means, for scripts calling tracediff. */
public final class ExitCodes {
    private ExitCodes() {}

    /** Success. */
    public static final int OK = 0;
    /** A bug in tracediff (an unexpected exception); the message asks for a report. */
    public static final int INTERNAL = 1;
    /** Bad user input: syntax, shapes, options, values files. Nothing was written to stdout. */
    public static final int USER_ERROR = 2;
    /** {@code check}: the gradients computed three ways disagree (the message names the variable and the entry). */
    public static final int DISAGREE = 3;
}

package io.tracediff.web;

/**
 * What one command run in-process printed: its standard output, standard error, exit code and, for a failure,
 * the exception that caused it (a UserError carries the offending span the page marks).
 */
public record CommandRun(int exitCode, String out, String err, Throwable failure) {

    /** The CLI's exit codes that the API tells apart (README: 0 success, 2 user error, 3 check disagrees). */
    public static final int OK = 0, USER_ERROR = 2, DISAGREE = 3;

    public boolean ok() { return exitCode == OK; }
}

package io.tracediff.web;

import java.util.List;

/**
 * Runs one tracediff command line in-process on the calling thread and reports what it printed: the web layer
 * answers every call through this, so it depends on no command-line code (the CLI's {@code serve} passes its own).
 */
public interface CommandRunner {

    /** Runs {@code args} (the subcommand first) as the CLI would. */
    CommandRun run(List<String> args);

    /** The thread stack size the commands are run with, so a call handles the same expressions as the CLI. */
    long stackBytes();
}

package io.tracediff.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Convenience base for subcommands: {@link #out()} and {@link #err()} are the streams Main was given
 * (so tests capture them). Return {@link ExitCodes#OK}; throw UserError for bad input.
 */
public abstract class BaseCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    /** The streams when FastCommandLine runs the command (picocli's spec is then not built). */
    private PrintWriter out, err;

    void streams(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    protected PrintWriter out() { return out != null ? out : spec.commandLine().getOut(); }

    protected PrintWriter err() { return err != null ? err : spec.commandLine().getErr(); }
}

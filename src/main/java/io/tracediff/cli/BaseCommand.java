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

    protected PrintWriter out() { return spec.commandLine().getOut(); }

    protected PrintWriter err() { return spec.commandLine().getErr(); }
}

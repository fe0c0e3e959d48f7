package io.tracediff.web;

import io.tracediff.cli.Errors;
import io.tracediff.cli.ExitCodes;
import io.tracediff.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * One tracediff command run in-process on the calling thread, as the CLI runs it (same parsing, same
 * messages, same --json), with its standard output, standard error, exit code and, for a failure, the
 * exception that caused it (a UserError carries the offending span the page marks).
 */
public record CommandRun(int exitCode, String out, String err, Throwable failure) {

    public static CommandRun of(List<String> args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        Throwable[] failure = new Throwable[1];
        CommandLine cl = Main.commandLine(args.get(0), new PrintWriter(out), new PrintWriter(err));
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            failure[0] = ex;
            return Errors.report(ex, line.getErr());
        });
        int code;
        try {
            code = cl.execute(args.toArray(String[]::new));
        } catch (RuntimeException e) {  // raised outside picocli's handlers
            failure[0] = e;
            code = Errors.report(e, new PrintWriter(err));
        }
        return new CommandRun(code, out.toString(), err.toString(), failure[0]);
    }

    public boolean ok() { return exitCode == ExitCodes.OK; }
}

package io.tracediff.cli;

import io.tracediff.web.CommandRun;
import io.tracediff.web.CommandRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** Runs a command as {@link Main} does (same parsing, same messages, same --json), on the calling thread: what {@code serve} answers with. */
public final class InProcessRunner implements CommandRunner {

    @Override
    public CommandRun run(List<String> args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        Throwable[] failure = new Throwable[1];
        CommandLine cl = Main.commandLine(args.get(0), new PrintWriter(out), new PrintWriter(err));
        // The web API writes every field as --name=value and the expression after "--": a value that starts like an
        // option ("let": "-h") is the field's value, never an option of the command line.
        cl.setAllowOptionsAsOptionParameters(true);
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

    @Override
    public long stackBytes() { return Main.STACK_BYTES; }
}

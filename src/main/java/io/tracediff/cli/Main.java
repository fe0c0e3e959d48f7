package io.tracediff.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code tracediff} command. Exit codes: see {@link ExitCodes}; errors are mapped in {@link Errors}. */
@Command(name = "tracediff", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Symbolic matrix calculus: parse, check, print and evaluate matrix expressions.",
        synopsisSubcommandLabel = "COMMAND",
        footer = {"", "Example:",
                "  tracediff print \"a'*X*b\" --let \"X: matrix(m, n)\" --format latex",
                "",
                "Run 'tracediff COMMAND --help' for a command's options. Exit status: 0 ok, 2 bad input, 1 internal error."})
public final class Main implements java.util.concurrent.Callable<Integer> {

    /** Every subcommand, in help order. A new command is one line here. */
    public static final List<Class<?>> SUBCOMMANDS = List.of(
            PrintCommand.class,
            EvalCommand.class,
            GradCommand.class,
            JacobianCommand.class,
            HessianCommand.class,
            CodegenCommand.class,
            CheckCommand.class);

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command; one of " + spec.subcommands().keySet());
    }

    /** The configured command line: subcommands, error handling, case-insensitive enum values. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        for (Class<?> c : SUBCOMMANDS) cl.addSubcommand(c);
        Errors errors = new Errors();
        cl.setOut(out)
          .setErr(err)
          .setCaseInsensitiveEnumValuesAllowed(true)
          .setUnmatchedOptionsArePositionalParams(true)  // "-x'*x" is an expression, not an unknown option
          .setExpandAtFiles(false)                       // "@/dev/zero" is an argument, not a file picocli would read to the end
          .setExecutionExceptionHandler(errors)
          .setParameterExceptionHandler(errors);
        return cl;
    }

    /** Runs tracediff in-process and returns its exit code (what tests call). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        try {
            return onLargeStack(() -> commandLine(out, err).execute(args));
        } catch (RuntimeException | StackOverflowError e) {  // from outside picocli's handlers (e.g. help rendering)
            return Errors.report(e, err);
        } catch (OutOfMemoryError e) {
            return Errors.outOfMemory(err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Stack for one command: parsing, printing and rewriting walk expressions as deep as the parser admits. */
    static final long STACK_BYTES = 256L << 20;

    /**
     * Runs the command on a thread with a large stack, so the recursive passes (printing, simplifying,
     * differentiating) never overflow on the deepest expression the parser accepts or on what it derives.
     */
    private static int onLargeStack(java.util.function.IntSupplier command) {
        int[] code = new int[1];
        RuntimeException[] failure = new RuntimeException[1];
        Error[] error = new Error[1];
        Thread t = new Thread(null, () -> {
            try {
                code[0] = command.getAsInt();
            } catch (RuntimeException e) {
                failure[0] = e;
            } catch (Error e) {
                error[0] = e;
            }
        }, "tracediff", STACK_BYTES);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (failure[0] != null) throw failure[0];
        if (error[0] instanceof StackOverflowError so) throw so;
        if (error[0] != null) throw error[0];
        return code[0];
    }

    public static void main(String[] args) {
        // UTF-8 whatever the platform default, so ᵀ and ⊙ reach pipes and files intact.
        var out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true);
        var err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        System.exit(run(out, err, args));
    }

    /** The version from the jar's Maven metadata; "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() throws Exception {
            var p = new java.util.Properties();
            try (var in = Main.class.getResourceAsStream("/META-INF/maven/io.tracediff/tracediff/pom.properties")) {
                if (in != null) p.load(in);
            }
            return new String[] {"tracediff " + p.getProperty("version", "dev"), "Java " + System.getProperty("java.version")};
        }
    }
}

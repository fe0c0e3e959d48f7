package io.tracediff.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
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
                "Run 'tracediff COMMAND --help' for a command's options and examples."})
public final class Main implements java.util.concurrent.Callable<Integer> {

    /** Every subcommand, in help order. A new command is one line here. */
    public static final List<Class<?>> SUBCOMMANDS = List.of(
            PrintCommand.class,
            EvalCommand.class,
            GradCommand.class,
            JacobianCommand.class,
            HessianCommand.class,
            CodegenCommand.class,
            CheckCommand.class,
            BatchCommand.class,
            ServeCommand.class);

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command; one of " + spec.subcommands().keySet());
    }

    /** The configured command line: subcommands, error handling, case-insensitive enum values. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, SUBCOMMANDS);
    }

    /**
     * The command line for {@code args}: only the subcommand that {@code args[0]} names when it names one,
     * since picocli reflects over every option of every command it is given (a third of a cold start);
     * all of them otherwise, for the top-level help and the "did you mean" of a misspelt command.
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String[] args) {
        if (args.length > 0)
            for (Class<?> c : SUBCOMMANDS)
                if (conventionalName(c).equals(args[0])) return commandLine(out, err, List.of(c));
        return commandLine(out, err, SUBCOMMANDS);
    }

    /**
     * The same with only the subcommand named: what the web API builds for each call, as building all of them
     * (picocli reads every annotation) costs more than most derivations.
     */
    public static CommandLine commandLine(String subcommand, PrintWriter out, PrintWriter err) {
        for (Class<?> c : SUBCOMMANDS)
            if (conventionalName(c).equals(subcommand)) return commandLine(out, err, List.of(c));
        return commandLine(out, err, List.of());
    }

    /** The exit status of every command, listed in every --help (see {@link ExitCodes}). */
    static final java.util.Map<String, String> EXIT_CODES = exitCodes();

    private static java.util.Map<String, String> exitCodes() {
        var codes = new java.util.LinkedHashMap<String, String>();
        codes.put("0", "success");
        codes.put("1", "internal error, a bug to report (TRACEDIFF_DEBUG=1 prints its stack trace)");
        codes.put("2", "bad input (syntax, shapes, options, values, files); the message says why");
        codes.put("3", "check: closed form, reverse mode and finite differences disagree");
        return java.util.Collections.unmodifiableMap(codes);
    }

    /**
     * Help wide enough that no example line of a footer wraps (so each pastes as one command), at least 80
     * columns; the exit codes listed in every command's help; and tracediff's version in every command's --version.
     */
    private static void configureHelp(CommandLine cl) {
        var usage = cl.getCommandSpec().usageMessage();
        int longest = java.util.Arrays.stream(usage.footer()).mapToInt(String::length).max().orElse(0);
        usage.width(Math.max(80, longest + 2))
             .exitCodeListHeading("%nExit status:%n")
             .exitCodeList(EXIT_CODES);
        // Every command's -V says what tracediff -V says (a subcommand has no version of its own, so it printed nothing).
        cl.getCommandSpec().versionProvider(VERSION);
        for (CommandLine sub : cl.getSubcommands().values()) configureHelp(sub);
    }


    /**
     * GradCommand → "grad": the name each subcommand's @Command gives it (MainTest checks they agree), read
     * without reflection because parsing the annotations of every command costs as much as building one.
     */
    static String conventionalName(Class<?> subcommand) {
        String simple = subcommand.getSimpleName();
        return simple.substring(0, simple.length() - "Command".length()).toLowerCase(java.util.Locale.ROOT);
    }

    private static CommandLine commandLine(PrintWriter out, PrintWriter err, List<Class<?>> subcommands) {
        // No option takes a java.time or java.sql type: picocli need not load (and initialise) those
        // packages for converters, which costs a tenth of a cold start.
        if (System.getProperty(CONVERTER_EXCLUDES) == null) System.setProperty(CONVERTER_EXCLUDES, "java\\.time\\..*,java\\.sql\\..*");
        CommandLine cl = new CommandLine(new Main());
        for (Class<?> c : subcommands) cl.addSubcommand(c);
        configureHelp(cl);
        Errors errors = new Errors();
        cl.setOut(out)
          .setErr(err)
          .setCaseInsensitiveEnumValuesAllowed(true)
          .setUnmatchedOptionsArePositionalParams(true)  // "-x'*x" is an expression, not an unknown option
          // Only the words -h and -V are help and version: "-h'*x" is -hᵀx, not -h followed by the cluster "'*x".
          .setPosixClusteredShortOptionsAllowed(false)
          .setExpandAtFiles(false)                       // "@/dev/zero" is an argument, not a file picocli would read to the end
          .setExecutionExceptionHandler(errors)
          .setParameterExceptionHandler(errors);
        return cl;
    }

    /** Runs tracediff in-process and returns its exit code (what tests call). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        try {
            return onLargeStack(() -> {
                Integer fast = FastCommandLine.run(args, out, err);   // a well-formed line, without picocli's start-up
                return fast != null ? fast : commandLine(out, err, args).execute(args);
            });
        } catch (RuntimeException | StackOverflowError e) {  // from outside picocli's handlers (e.g. help rendering)
            return Errors.report(e, err);
        } catch (OutOfMemoryError e) {
            return Errors.outOfMemory(err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";

    /** Stack for one command: parsing, printing and rewriting walk expressions as deep as the parser admits. */
    public static final long STACK_BYTES = 256L << 20;

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
        IOException[] writeFailure = new IOException[1];
        var stdout = new FileOutputStream(FileDescriptor.out) {
            @Override public void write(byte[] b, int off, int len) throws IOException {
                try { super.write(b, off, len); } catch (IOException e) { if (writeFailure[0] == null) writeFailure[0] = e; throw e; }
            }
        };
        var out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        var err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        for (String problem : SystemSettings.problems(System.getProperties())) err.println("tracediff: warning: " + problem);
        startDeadline(err, args);
        int code = run(out, err, args);
        // A PrintWriter swallows write errors: a full disk must not read as success. A reader that stopped early
        // (| head) gets the shell's usual 141, quietly, as SIGPIPE would give.
        if (out.checkError() && writeFailure[0] != null) {
            String why = String.valueOf(writeFailure[0].getMessage());
            if (why.contains("Broken pipe")) code = 141;
            else if (code == ExitCodes.OK) {
                err.println("error: the output could not be written (" + why + "); free space or choose another destination");
                err.flush();
                code = ExitCodes.USER_ERROR;
            }
        }
        System.exit(code);
    }

    /**
     * One command's time bound: past {@link io.tracediff.limits.Limit#COMMAND_SECONDS} it is stopped with one line and exit
     * 2 (the Hessian of a 40-layer network ran for many minutes). batch and serve run many requests and are not bounded
     * as one; files are written whole or not at all (a temporary file moved in place), so a stop leaves none half-written.
     */
    private static void startDeadline(PrintWriter err, String[] args) {
        if (args.length > 0 && (args[0].equals("batch") || args[0].equals("serve"))) return;
        new Deadline(err, io.tracediff.limits.Limit.COMMAND_SECONDS.value()).start();
    }

    /** A named class, not a lambda: a lambda's first use spins method handles, milliseconds of every cold start. */
    private static final class Deadline extends Thread {
        private final PrintWriter err;
        private final long seconds;

        Deadline(PrintWriter err, long seconds) {
            super("tracediff-deadline");
            this.err = err;
            this.seconds = seconds;
            setDaemon(true);
        }

        @Override public void run() {
            try {
                Thread.sleep(seconds * 1000);
            } catch (InterruptedException e) {
                return;
            }
            err.println("error: stopped after " + seconds + " s, the time limit of one command: this problem is too large to derive "
                    + "in that time; make it smaller, or raise the limit with TRACEDIFF_JAVA_OPTS=-D"
                    + io.tracediff.limits.Limit.COMMAND_SECONDS.property() + "=N");
            err.flush();
            Runtime.getRuntime().halt(ExitCodes.USER_ERROR);
        }
    }

    private static final Version VERSION = new Version();

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

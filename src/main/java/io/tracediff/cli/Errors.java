package io.tracediff.cli;

import io.tracediff.core.UserError;
import io.tracediff.shape.ShapeException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * The one place exceptions become messages and exit codes: user mistakes print a clean message (the
 * caret excerpt included) and exit 2; anything else is a bug and exits 1. Stack traces only with
 * TRACEDIFF_DEBUG=1, so users never see one.
 */
public final class Errors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    /** True for exceptions that describe a mistake in the user's input rather than a bug. */
    public static boolean isUserError(Throwable t) {
        return t instanceof UserError || t instanceof ShapeException || t instanceof CommandLine.ParameterException
                || t instanceof UncheckedIOException u && u.getCause() instanceof NoSuchFileException;
    }

    /** Prints {@code t} the way the CLI does and returns the exit code. */
    public static int report(Throwable t, PrintWriter err) {
        if (isUserError(t)) {
            err.println("error: " + bounded(t.getMessage()));
            err.flush();
            return ExitCodes.USER_ERROR;
        }
        // A form that failed its self-check is withheld: the message says what happened and asks for a report.
        if (t instanceof io.tracediff.check.SelfCheck.Failed) err.println("internal error: " + t.getMessage());
        else err.println("internal error: " + t + " (a bug in tracediff; rerun with TRACEDIFF_DEBUG=1 for details)");
        if (debug()) t.printStackTrace(err);
        err.flush();
        return ExitCodes.INTERNAL;
    }

    /** The heap ran out (the limits keep single matrices small, but many of them can still fill it): one line, exit 2. */
    public static int outOfMemory(PrintWriter err) {
        long mib = Runtime.getRuntime().maxMemory() >> 20;
        err.println("error: out of memory: this input needs more than the Java heap of " + mib
                + " MiB; use smaller sizes, or raise the heap with TRACEDIFF_JAVA_OPTS=-Xmx8g");
        err.flush();
        return ExitCodes.USER_ERROR;
    }

    /**
     * The last guard on echoing input: a message line past 400 characters (a long name inside a shape message)
     * is cut in the middle, so that its end, where the reason and the fix are, stays; control characters are shown
     * as '?'. Caret excerpts are already windows of about 130 characters.
     */
    static String bounded(String message) {
        StringBuilder b = new StringBuilder();
        for (String line : String.valueOf(message).split("\n", -1)) {
            if (b.length() > 0) b.append('\n');
            String flat = line.replaceAll("[\\p{Cntrl}&&[^\t]]", "?");
            b.append(flat.length() <= 400 ? flat
                    : flat.substring(0, 190) + " … (" + line.length() + " characters in all) … " + flat.substring(flat.length() - 170));
        }
        return b.toString();
    }

    /** "unknown command 'prnt'; did you mean 'print'?" rather than picocli's "Unmatched arguments from index 0". */
    private static String message(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !cl.getSubcommands().isEmpty()
                && !u.getUnmatched().isEmpty() && cl.getParseResult() != null && !cl.getParseResult().hasSubcommand()) {
            String word = u.getUnmatched().get(0);
            if (!word.startsWith("-")) {
                String near = io.tracediff.parse.Suggest.nearest(word, cl.getSubcommands().keySet());
                return "unknown command '" + word + "'" + (near == null ? "; the commands are " + cl.getSubcommands().keySet()
                        : "; did you mean '" + near + "'?");
            }
        }
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String word = u.getUnmatched().get(0);
            // An unknown --word before the expression was taken as the expression (a dash-led expression is allowed),
            // so picocli blames the real expression after it: name the option instead.
            if (!word.startsWith("-")) word = unknownOptionWord(cl, args);
            if (word != null && word.startsWith("-")) return unknownOption(cl, word);
        }
        return plainer(String.valueOf(ex.getMessage()));
    }

    /**
     * A word the command took as one positional parameter too many, said with its fix in one line (so without the
     * "Try --help" line), or null when the word is not one. After "--" every word is positional, options included:
     * picocli would call "--wrt" there an unknown option, which it is not. Elsewhere a word not led by a dash is an
     * expression (or file) in several words, the usual shell slip.
     */
    static String extraPositional(CommandLine cl, String word, String[] args) {
        if (cl.getParent() == null || args == null) return null;
        var positionals = cl.getCommandSpec().positionalParameters();
        String command = cl.getCommandName(), label = positionals.isEmpty() ? "argument" : positionals.get(0).paramLabel();
        String takes = positionals.isEmpty() ? "it takes none besides its options" : "it takes one";
        var all = java.util.Arrays.asList(args);
        int end = all.indexOf("--");
        if (end >= 0 && all.subList(end + 1, args.length).contains(word))
            return "after '--' every word is a positional " + label + ", so " + command + " took '" + printable(word) + "' for another "
                    + label + ", and " + takes + "; put the options before '--' (tracediff " + command + " OPTIONS -- " + label
                    + "), or leave '--' out";
        // An unknown --word before EXPR was taken for EXPR: that is the mistake to name (see message).
        if (word.startsWith("-") || unknownOptionWord(cl, args) != null) return null;
        if (positionals.isEmpty())
            return command + " was given '" + printable(word) + "', and " + takes + "; remove it, or give it to an option (tracediff " + command + " --help lists them)";
        Object given = positionals.get(0).getValue();
        return command + " was given '" + printable(word) + "'" + (given == null ? "" : " after its " + label + " '" + printable(String.valueOf(given)) + "'")
                + " as another " + label + ", and " + takes
                + (label.equals("EXPR") ? "; quote the whole expression as one word (\"x'*A*x + 1\") so that the shell passes it in one piece"
                                       : "; give one " + label + ", quoted if its name has spaces");
    }

    /**
     * picocli's wording where a user reads it otherwise: enum values as they are typed (unicode, not UNICODE), and a
     * number too large for its option as out of range rather than "not an int".
     */
    static String plainer(String m) {
        var values = java.util.regex.Pattern.compile("expected one of \\[([A-Z0-9_, ]+)\\] \\(case-insensitive\\)").matcher(m);
        if (values.find()) m = m.substring(0, values.start()) + "expected one of " + values.group(1).toLowerCase(java.util.Locale.ROOT) + m.substring(values.end());
        var notInt = java.util.regex.Pattern.compile("'(-?\\d{10,})' is not an int$").matcher(m);
        if (notInt.find()) m = m.substring(0, notInt.start()) + "'" + notInt.group(1) + "' is too large (at most " + Integer.MAX_VALUE + ")";
        return m;
    }

    /** The first argument written as a long option (--name or --name=value) that this command does not have, or null. */
    private static String unknownOptionWord(CommandLine cl, String[] args) {
        if (args == null) return null;
        for (String a : args) {
            if (a.equals("--")) return null;
            String option = a.indexOf('=') > 0 ? a.substring(0, a.indexOf('=')) : a;
            if (option.matches("--[A-Za-z][A-Za-z0-9-]*") && !cl.getCommandSpec().optionsMap().containsKey(option)) return a;
        }
        return null;
    }

    /** "unknown option '--formt'; did you mean '--format'?", or the commands that do have it ('--hessian' of jacobian). */
    private static String unknownOption(CommandLine cl, String word) {
        int eq = word.indexOf('=');
        String option = eq > 0 ? word.substring(0, eq) : word;
        String head = "unknown option '" + printable(option) + "'";
        // Only the command run is built (Main.commandLine): the build's table of every command's options says which have it.
        java.util.List<String> others = new java.util.ArrayList<>();
        for (CommandTable.Command c : CommandTable.shipped().values())
            if (!c.name().equals(cl.getCommandName()) && c.options().stream().anyMatch(o -> o.names().contains(option))) others.add(c.name());
        if (!others.isEmpty() && cl.getParent() != null)
            return head + " for " + cl.getCommandName() + "; it is an option of " + String.join(", ", others)
                    + (option.equals("--hessian") || option.equals("--jacobian") ? " (or run 'tracediff " + option.substring(2) + " …')" : "");
        String near = io.tracediff.parse.Suggest.nearest(option, cl.getCommandSpec().optionsMap().keySet());
        return head + (near == null ? "" : "; did you mean '" + near + "'?");
    }

    /** A user's token in a message: control characters shown by their code, at most 60 characters. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (b.length() >= 60) { b.append('…'); break; }
            if (Character.isISOControl(c)) b.append(String.format("\\u%04x", (int) c)); else b.append(c);
        }
        return b.toString();
    }

    private static boolean debug() { return "1".equals(System.getenv("TRACEDIFF_DEBUG")); }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        return report(ex, cl.getErr());
    }

    /** Bad options: the problem, then where to find the usage (not the whole usage, which buries the message). */
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String extra = ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                ? extraPositional(cl, u.getUnmatched().get(0), args) : null;
        // picocli quotes the arguments it could not match: a megabyte of them is cut to a line.
        err.println("error: " + io.tracediff.core.UserError.excerpt(extra != null ? extra : message(ex, args), 300));
        if (extra == null) err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for usage and an example.");
        err.flush();
        return ExitCodes.USER_ERROR;
    }
}

package io.tracediff.cli;

import io.tracediff.core.UserError;
import io.tracediff.api.Mathematics;
import io.tracediff.api.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The problem every subcommand works on: EXPR and its declarations, from the command line or a
 * problem file. Use as {@code @Mixin ProblemOptions problem;} and call {@link #problem()}.
 */
public final class ProblemOptions {

    @Parameters(index = "0", arity = "0..1", paramLabel = "EXPR", parameterConsumer = WholeWord.class,
            description = "Expression in matrixcalculus.org syntax, e.g. \"x'*A*x\" (quote it for the shell).")
    String expr;

    @Option(names = "--let", paramLabel = "DECLS",
            description = "Declarations, e.g. \"X: matrix(n, m); a: vector(n); lam: scalar; S: symmetric(n)\". Repeatable. "
                    + "Undeclared names: a-g scalar, h-z vector, A-Z matrix (by first letter).")
    List<String> lets = new ArrayList<>();

    @Option(names = "--problem", paramLabel = "FILE",
            description = "Problem file: declarations as for --let (one a line or ;-separated, # starts a comment) "
                    + "and the expression on a line 'f = EXPR' (then EXPR may be left out).")
    Path problemFile;

    /**
     * EXPR is the whole word wherever it starts: picocli would otherwise refuse "-h'*x" or "-Vh" as an optional
     * parameter, since they start like the short options -h and -V (picocli's isOption), and leave EXPR empty.
     */
    static final class WholeWord implements picocli.CommandLine.IParameterConsumer {
        @Override public void consumeParameters(java.util.Stack<String> args, picocli.CommandLine.Model.ArgSpec argSpec,
                                                picocli.CommandLine.Model.CommandSpec commandSpec) {
            argSpec.setValue(args.pop());
        }
    }

    private String resolvedExpr;
    private List<String> resolvedDecls;
    private final List<String> wrtFromFile = new ArrayList<>();

    /** Variables named on a problem file's {@code # wrt: X, Y} line: the --wrt default for that problem. */
    public List<String> wrtFromFile() {
        resolve();
        return wrtFromFile;
    }

    /** The expression, from EXPR or the problem file; throws {@link UserError} when there is none. */
    public String expression() {
        resolve();
        return resolvedExpr;
    }

    /** The declaration texts: the problem file's first, then each --let. */
    public List<String> declarations() {
        resolve();
        return resolvedDecls;
    }

    /** Parses and type-checks with the built-in functions; throws {@link UserError} (exit 2) on bad input. */
    public Problem problem() { return inFile(() -> Problem.of(expression(), declarations())); }

    /** The same with the rules' functions (user-defined ones included). */
    public Problem problem(Mathematics mathematics) { return inFile(() -> mathematics.problem(expression(), declarations())); }

    /** The problem file's line of each line of its declarations text (the text {@link #resolve} joins), and of its f = line. */
    private final List<Integer> declarationLines = new ArrayList<>();
    private int expressionLine;

    /** {@code read}, with an error in the problem file's text prefixed FILE:LINE: (the caret alone showed the line, not where). */
    private Problem inFile(java.util.function.Supplier<Problem> read) {
        try {
            return read.get();
        } catch (UserError e) {
            if (problemFile == null || e.source() == null || e.start() < 0) throw e;
            int line;
            if (e.source().equals(resolvedExpr) && expr == null) line = expressionLine;
            else if (!resolvedDecls.isEmpty() && e.source().equals(resolvedDecls.get(0))) {
                int index = (int) e.source().substring(0, Math.min(e.start(), e.source().length())).chars().filter(c -> c == '\n').count();
                if (index >= declarationLines.size()) throw e;
                line = declarationLines.get(index);
            } else throw e;
            throw new UserError(Errors.printable(problemFile.toString()) + ":" + line + ": " + e.getMessage());
        }
    }

    private void resolve() {
        if (resolvedExpr != null) return;
        List<String> decls = new ArrayList<>();
        String expression = expr;
        if (problemFile != null) {
            StringBuilder fileDecls = new StringBuilder();
            int number = 0;
            for (String line : read(problemFile)) {
                number++;
                var wrt = WrtLine.PATTERN.matcher(line);
                if (wrt.matches())
                    for (String name : wrt.group(1).split("[,\\s]+")) if (!name.isBlank()) wrtFromFile.add(name.strip());
                int hash = line.indexOf('#');
                String code = hash < 0 ? line : line.substring(0, hash);
                int eq = code.indexOf('=');
                if (eq < 0) {
                    fileDecls.append(code).append('\n');
                    declarationLines.add(number);
                    continue;
                }
                if (expr != null) throw new UserError(problemFile + ": has an expression line, but EXPR was also given");
                if (expression != null) throw new UserError(problemFile + ": has more than one expression line");
                expression = code.substring(eq + 1).strip();
                expressionLine = number;
            }
            decls.add(fileDecls.toString());
        }
        decls.addAll(lets);
        if (expression == null) throw new UserError("no expression: give EXPR, or --problem FILE with a line 'f = EXPR'");
        resolvedExpr = expression;
        resolvedDecls = List.copyOf(decls);
    }

    /** Compiled when a problem file is read: a character class costs a cold start ~10 ms of method-handle spinning. */
    private static final class WrtLine {
        static final java.util.regex.Pattern PATTERN = java.util.regex.Pattern.compile("\\s*#\\s*wrt:\\s*(.*)");
    }

    private static List<String> read(Path file) {
        return io.tracediff.limits.InputFiles.read(file, io.tracediff.limits.Limit.SOURCE_BYTES, "problem file").lines().toList();
    }
}

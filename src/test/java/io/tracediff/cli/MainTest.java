package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI in-process: stdout, stderr and exit code of each command, good and bad input. */
class MainTest {

    record Run(int code, String out, String err) {
        /** User errors: exit 2, one clean message, nothing on stdout, no Java internals. */
        void assertUserError(String expectedErr) {
            assertEquals(ExitCodes.USER_ERROR, code, err);
            assertEquals("", out);
            assertEquals(expectedErr, err);
            assertFalse(err.contains("Exception") || err.contains("\tat "), err);
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString().replace(System.lineSeparator(), "\n"), err.toString().replace(System.lineSeparator(), "\n"));
    }

    @TempDir Path tmp;

    @Test void printShowsExpressionAndInferredTypes() {
        Run r = run("print", "x'*A*x", "--let", "A: symmetric(n)");
        assertEquals(0, r.code(), r.err());
        assertEquals("xᵀ A x\nwhere\n  x: vector(n)\n  A: symmetric(n)\nresult: scalar\n", r.out());
        assertEquals("", r.err());
    }

    @Test void printDefaultsAndFormats() {
        // One reading for every command: only vectors a, b make this a scalar, as grad reads it.
        assertEquals("a'*exp(X*b)\nwhere\n  a: vector(n_a)\n  X: matrix(n_a, n_X)\n  b: vector(n_X)\nresult: scalar\n",
                run("print", "a'*exp(X*b)", "--format", "ascii").out());
        assertEquals("a^\\top \\exp(X b)\nwhere\n  a: vector(n)\n  X: matrix(n, m)\n  b: vector(m)\nresult: scalar\n",
                run("print", "a'*exp(X*b)", "--let", "a: vector(n); X: matrix(n, m)", "--let", "b: vector(m)", "--format", "LaTeX").out());
    }

    @Test void expressionMayStartWithAMinus() {
        Run r = run("print", "-x'*x", "--format", "ascii");
        assertEquals(0, r.code(), r.err());
        assertEquals("-x'*x", r.out().lines().findFirst().orElseThrow());
        run("print", "x", "--formt", "ascii").assertUserError("error: unknown option '--formt'; did you mean '--format'?\n"
                + "Try 'tracediff print --help' for usage and an example.\n");
    }

    /** An unknown --word before the expression is named as an option, not blamed on the expression picocli then sees as extra. */
    @Test void unknownOptionBeforeTheExpression() {
        run("grad", "--formt", "x'*x", "--wrt", "x").assertUserError("error: unknown option '--formt'; did you mean '--format'?\n"
                + "Try 'tracediff grad --help' for usage and an example.\n");
    }

    /** An option of another command says which command has it, rather than the nearest spelling (--hessian is not --version). */
    @Test void optionOfAnotherCommand() {
        run("jacobian", "x", "--hessian", "--wrt", "x").assertUserError(
                "error: unknown option '--hessian' for jacobian; it is an option of codegen (or run 'tracediff hessian …')\n"
                + "Try 'tracediff jacobian --help' for usage and an example.\n");
        run("grad", "x'*x", "--wrt", "x", "--lang", "numpy").assertUserError(
                "error: unknown option '--lang' for grad; it is an option of codegen\n"
                + "Try 'tracediff grad --help' for usage and an example.\n");
    }

    @Test void printJson() throws Exception {
        Run r = run("print", "A*x", "--json", "--let", "A: matrix(m, n)");
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("A x", j.get("expression").asText());
        assertEquals("A*x", j.get("ascii").asText());
        assertEquals("vector(m)", j.get("type").asText());
        assertEquals("[\"n\",\"1\"]", j.get("variables").get("x").get("shape").toString());
        assertEquals("matrix(m, n)", j.get("variables").get("A").get("type").asText());
    }

    @Test void problemFileHoldsDeclarationsAndExpression() throws Exception {
        Path problem = Files.writeString(tmp.resolve("logistic.problem"), """
                # logistic loss
                X: matrix(n, m); y: vector(n)
                w: vector(m)   # weights
                f = sum(softplus(X*w)) - y'*X*w
                """);
        Run r = run("print", "--problem", problem.toString(), "--format", "ascii");
        assertEquals(0, r.code(), r.err());
        assertEquals("sum(softplus(X*w)) - y'*X*w\nwhere\n  X: matrix(n, m)\n  w: vector(m)\n  y: vector(n)\nresult: scalar\n", r.out());
        assertEquals("14.0\n", run("eval", "x'*A*x", "--problem", Files.writeString(tmp.resolve("d"), "A: matrix(n, n)").toString(),
                "--at", "{\"x\": [1, 2], \"A\": [[2, 0], [0, 3]]}").out());
    }

    @Test void shippedExampleEvaluatesToTheHandComputedValue() throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("examples/cli"))) dir = dir.getParent();
        Run r = run("eval", "--problem", dir.resolve("examples/cli/least-squares.problem").toString(),
                "--at", dir.resolve("examples/cli/least-squares.values.json").toString(), "--json");
        assertEquals(0, r.code(), r.err());
        // A x − b = (0, 0.5, 1) − (1, 0, 1) = (−1, 0.5, 0): 1.25; λ xᵀx = 0.1 · 0.3125
        assertEquals(1.28125, new ObjectMapper().readTree(r.out()).get("value").asDouble(), 1e-12);
    }

    @Test void problemFileErrors() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.problem"), "X: matrix(n, m)\nw: vectr(m)\nf = X*w\n");
        // FILE:LINE: in front (found by the hostile-input red team: the caret showed the line, not where it is)
        run("print", "--problem", bad.toString()).assertUserError("error: " + bad + ":2: unknown type 'vectr(m)'; the types are scalar, vector(n), "
                + "matrix(m, n), symmetric(n), spd(n), positive, positive(n), positive(m, n)\n  w: vectr(m)\n     ^^^^^\n");
        Path expr = Files.writeString(tmp.resolve("expr.problem"), "# a comment\nX: matrix(n, m)\n\nf = sum(X +)\n");
        run("print", "--problem", expr.toString()).assertUserError("error: " + expr + ":4: expected an operand but found ')'\n  sum(X +)\n         ^\n");
        Path twice = Files.writeString(tmp.resolve("twice.problem"), "f = x\n");
        run("print", "y", "--problem", twice.toString())
                .assertUserError("error: " + twice + ": has an expression line, but EXPR was also given\n");
        run("print").assertUserError("error: no expression: give EXPR, or --problem FILE with a line 'f = EXPR'\n");
        run("print", "--problem", tmp.resolve("none").toString()).assertUserError("error: problem file not found: " + tmp.resolve("none") + "\n");
    }

    @Test void evalWithValuesFile() throws Exception {
        Path values = Files.writeString(tmp.resolve("values.json"), "{\"x\": [1, 2], \"A\": [[2, 0], [0, 3]]}");
        Run r = run("eval", "x'*A*x", "--at", values.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("14.0\n", r.out());
        assertEquals("2.0 4.0\n6.0 12.0\n", run("eval", "A*x*x'", "--at", values.toString()).out());
        assertEquals("2.0\n6.0\n", run("eval", "A*x", "--at", values.toString()).out());
    }

    @Test void evalJsonUsesTheValuesLayout() throws Exception {
        Run r = run("eval", "A*x", "--at", "{\"x\": [1, 2], \"A\": [[2, 0], [0, 3]]}", "--json");
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("[2.0,6.0]", j.get("value").toString());
        assertEquals("[2,1]", j.get("shape").toString());
        assertEquals("14.0", new ObjectMapper().readTree(run("eval", "x'*A*x", "--json", "--at", "{\"x\": [1, 2], \"A\": [[2, 0], [0, 3]]}")
                .out()).get("value").toString());
    }

    @Test void parseErrorPrintsCaretAndExits2() {
        run("print", "a +* b").assertUserError("error: expected an operand but found '*'\n  a +* b\n     ^\n");
    }

    @Test void shapeErrorExits2() {
        run("print", "A*x", "--let", "A: matrix(n, m); x: vector(k)").assertUserError("error: A*x: A is n×m but x is k×1\n  A*x\n   ^\n");
        run("print", "tr(X)", "--let", "X: matrix(n, m)")
                .assertUserError("error: tr(X): tr needs a square matrix, but X is n×m\n  tr(X)\n  ^^\n");
    }

    @Test void unknownFunctionSuggests() {
        run("print", "sigmod(x)").assertUserError("error: unknown function 'sigmod'; did you mean 'sigmoid'?\n  sigmod(x)\n  ^^^^^^\n");
    }

    @Test void badDeclarationExits2() {
        run("print", "x", "--let", "x: vectr(n)").assertUserError("error: unknown type 'vectr(n)'; the types are scalar, vector(n), "
                + "matrix(m, n), symmetric(n), spd(n), positive, positive(n), positive(m, n)\n  x: vectr(n)\n     ^^^^^\n");
    }

    @Test void valuesErrorsExit2() throws Exception {
        run("eval", "x'*x", "--at", tmp.resolve("missing.json").toString())
                .assertUserError("error: values file not found: " + tmp.resolve("missing.json") + "\n");
        Path bad = Files.writeString(tmp.resolve("bad.json"), "{\"x\": [1, 2,");
        Run r = run("eval", "x'*x", "--at", bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: " + bad + ": not valid JSON at line 1"), r.err());
        run("eval", "x'*A*x", "--at", "{\"x\": [1, 2]}").assertUserError("error: no value given for variable 'A' (matrix n_A×n_A)\n");
        run("eval", "x'*A*x", "--at", "{\"x\": [1, 2, 3], \"A\": [[1, 0], [0, 1]]}")
                .assertUserError("error: the value given for 'A' is 2×2, but 'A' is matrix n_A×n_A and n_A = 3 (from 'x')\n");
        run("eval", "log(a)", "--at", "{\"a\": -1}").assertUserError("error: log(a) is not defined at the given values (NaN)\n");
    }

    @Test void optionErrorsExit2WithAHint() {
        run("print", "x", "--format", "html").assertUserError("error: Invalid value for option '--format': expected one of "
                + "unicode, ascii, latex but was 'html'\nTry 'tracediff print --help' for usage and an example.\n");
        run("check", "x'*x", "--wrt", "x", "--trials", "2147483648").assertUserError("error: Invalid value for option '--trials': "
                + "'2147483648' is too large (at most 2147483647)\nTry 'tracediff check --help' for usage and an example.\n");
        run("eval", "x").assertUserError("error: Missing required option: '--at=VALUES'\nTry 'tracediff eval --help' for usage and an example.\n");
        run("prnt", "x").assertUserError("error: unknown command 'prnt'; did you mean 'print'?\nTry 'tracediff --help' for usage and an example.\n");
        Run none = run();
        assertEquals(2, none.code());
        assertTrue(none.err().startsWith("error: missing command; one of [print, eval"), none.err());
    }

    @Test void everyCommandHasHelpWithAnExample() {
        for (String[] args : new String[][] {{"--help"}, {"print", "--help"}, {"eval", "--help"}}) {
            Run r = run(args);
            assertEquals(0, r.code());
            assertTrue(r.out().startsWith("Usage: tracediff"), r.out());
            assertTrue(r.out().contains("Example"), String.join(" ", args));
        }
        for (Class<?> c : Main.SUBCOMMANDS) {
            String name = c.getAnnotation(picocli.CommandLine.Command.class).name();
            assertTrue(run(name, "--help").out().contains("Example"), name + " --help has an example");
        }
    }

    @Test void eachCommandIsFoundByTheNameItsClassGivesIt() {
        // Main builds only the command args[0] names, found from the class name without reading annotations.
        for (Class<?> c : Main.SUBCOMMANDS)
            assertEquals(c.getAnnotation(picocli.CommandLine.Command.class).name(), Main.conventionalName(c));
    }

    @Test void versionIsPrinted() {
        Run r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("tracediff "), r.out());
    }

    /** A command's --version and -V print tracediff's version line, as tracediff -V does (they printed nothing). */
    @Test void everyCommandsVersionIsTracediffs() {
        String version = run("-V").out();
        assertTrue(version.startsWith("tracediff "), version);
        for (Class<?> c : Main.SUBCOMMANDS)
            for (String flag : new String[] {"--version", "-V"}) {
                Run r = run(Main.conventionalName(c), flag);
                assertEquals(0, r.code(), c + " " + flag + ": " + r.err());
                assertEquals(version, r.out(), c + " " + flag);
            }
    }

    /**
     * Only the words -h, --help, -V, --version ask for help or the version: an expression that starts with -h or -V is
     * the expression (picocli read "-h'*x" as the cluster -h '*x and printed the help, "-V*A" as -V and printed nothing).
     */
    @Test void anExpressionStartingWithHOrVIsTheExpression() {
        Run g = run("grad", "-h'*x", "--wrt", "x");
        assertEquals(0, g.code(), g.err());
        assertEquals("∂f/∂x = −h\n", g.out());
        Run e = run("eval", "-h'*h", "--at", "{\"h\": [1, 2]}");
        assertEquals(0, e.code(), e.err());
        assertEquals("-5.0\n", e.out());
        Run p = run("print", "-V*A", "--format", "ascii");
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().startsWith("-V*A\nwhere\n"), p.out());
        Run v = run("grad", "-Vh'*Vh", "--wrt", "Vh", "--let", "Vh: vector(n)");
        assertEquals(0, v.code(), v.err());
        assertEquals("∂f/∂Vh = −2 Vh\n", v.out());
        // -hV is no cluster of -h and -V either: it is minus the variable hV.
        Run hv = run("print", "-hV", "--format", "ascii");
        assertEquals(0, hv.code(), hv.err());
        assertTrue(hv.out().startsWith("-hV\nwhere\n  hV: vector"), hv.out());
        // The exact words still ask for help and the version, and after -- even they are the expression.
        assertTrue(run("grad", "-h").out().startsWith("Usage: tracediff grad"));
        assertTrue(run("jacobian", "--wrt", "h", "-h").out().startsWith("Usage: tracediff jacobian"));
        Run after = run("print", "--format", "ascii", "--", "-h");
        assertEquals(0, after.code(), after.err());
        assertTrue(after.out().startsWith("-h\nwhere\n"), after.out());
    }

    /** After "--" every word is positional: an option written there is named as such, in one line with the fix. */
    @Test void anOptionAfterTheEndOfOptionsIsSaidToBeAPositionalWord() {
        run("grad", "--", "sum(x)", "--wrt", "x").assertUserError("error: after '--' every word is a positional EXPR, so grad took '--wrt' "
                + "for another EXPR, and it takes one; put the options before '--' (tracediff grad OPTIONS -- EXPR), or leave '--' out\n");
        Run ok = run("grad", "--wrt", "x", "--", "sum(x)");
        assertEquals(0, ok.code(), ok.err());
    }

    /** A second expression (an expression in several shell words) is one line naming the word and the fix, not picocli's two. */
    @Test void aSecondExpressionIsNamedWithTheFixInOneLine() {
        run("grad", "sum(x)", "sum(y)", "--wrt", "x").assertUserError("error: grad was given 'sum(y)' after its EXPR 'sum(x)' as another EXPR, "
                + "and it takes one; quote the whole expression as one word (\"x'*A*x + 1\") so that the shell passes it in one piece\n");
        run("batch", "a", "b").assertUserError("error: batch was given 'b' after its FILE 'a' as another FILE, and it takes one; "
                + "give one FILE, quoted if its name has spaces\n");
    }

    @Test void deepInputIsAUserErrorNotAStackOverflow() {
        Run r = run("print", "(".repeat(40_000) + "x" + ")".repeat(40_000));   // under the length limit, past the depth limit
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: expression nests too deeply"), r.err());
    }

    @Test void internalErrorsExit1WithoutStackTrace() {
        StringWriter err = new StringWriter();
        int code = Errors.report(new IllegalStateException("boom"), new PrintWriter(err));
        assertEquals(ExitCodes.INTERNAL, code);
        assertEquals("internal error: java.lang.IllegalStateException: boom (a bug in tracediff; rerun with TRACEDIFF_DEBUG=1 for details)",
                err.toString().strip());
    }
}

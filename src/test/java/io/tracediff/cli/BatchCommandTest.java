package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** batch: one process, one JSON line per request, each the same as the request's own --json run. */
class BatchCommandTest {

    @TempDir Path tmp;

    private static final ObjectMapper JSON = new ObjectMapper();

    private MainTest.Run batch(String content) throws Exception {
        Path f = tmp.resolve("requests");
        Files.writeString(f, content);
        return MainTest.run("batch", f.toString());
    }

    private static List<JsonNode> lines(String out) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.split("\n")) nodes.add(JSON.readTree(line));
        return nodes;
    }

    /** What the command prints on its own with --json. */
    private static JsonNode alone(String... args) throws Exception {
        MainTest.Run r = MainTest.run(args);
        assertEquals(0, r.code(), r.err());
        return JSON.readTree(r.out());
    }

    @Test void eachLineAnswersWithTheCommandsOwnJsonOnOneLine() throws Exception {
        MainTest.Run r = batch("""
                # gradients of a quadratic and a logistic loss
                grad "x'*A*x" --wrt x

                hessian x'*A*x+sum(exp(x)) --wrt x
                grad "sum(softplus(X*w)) - y'*X*w" --wrt w --cse
                eval "x'*A*x" --at "{\\"x\\": [1, 2], \\"A\\": [[2, 0], [0, 3]]}"
                """);
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertEquals(4, r.out().split("\n").length, "one line per request, none for comments and blank lines");
        List<JsonNode> got = lines(r.out());
        assertEquals(alone("grad", "x'*A*x", "--wrt", "x", "--json"), got.get(0));
        assertEquals(alone("hessian", "x'*A*x+sum(exp(x))", "--wrt", "x", "--json"), got.get(1));
        assertEquals(alone("grad", "sum(softplus(X*w)) - y'*X*w", "--wrt", "w", "--cse", "--json"), got.get(2));
        assertEquals(alone("eval", "x'*A*x", "--at", "{\"x\": [1, 2], \"A\": [[2, 0], [0, 3]]}", "--json"), got.get(3));
        assertEquals(14.0, got.get(3).get("value").asDouble());
        assertEquals("A + A' + diag(exp(x))", got.get(1).get("closed_form").get("x").asText());
    }

    /** A form shown without a check says so in its JSON: batch prints no stderr warning per request. */
    @Test void anUncheckedResultSaysSoInItsJson() throws Exception {
        MainTest.Run r = batch("grad 1e200*a^2 --wrt a\ngrad a^2 --wrt a\n");
        List<JsonNode> got = lines(r.out());
        assertEquals(0, got.get(0).get("self_check").get("points").asInt());
        assertTrue(got.get(0).get("self_check").get("warning").asText().startsWith("not self-checked: "), r.out());
        assertNull(got.get(1).get("self_check").get("warning"), r.out());
    }

    @Test void aFailedRequestAnswersAnErrorLineAndTheRestStillRun() throws Exception {
        MainTest.Run r = batch("""
                print A*x --let "A: matrix(n, m); x: vector(k)"
                grad "x'*x" --wrt x
                prnt x
                batch other-file
                grad "x'*x
                serve --port 0
                """);
        assertEquals(ExitCodes.USER_ERROR, r.code(), "the first failure's exit status");
        List<JsonNode> got = lines(r.out());
        assertEquals(6, got.size());
        assertEquals("A*x: A is n×m but x is k×1\n  A*x\n   ^", got.get(0).get("error").asText());
        assertEquals(2, got.get(0).get("exit").asInt());
        assertEquals(1, got.get(0).get("request").asInt());
        assertEquals("2*x", got.get(1).get("closed_form").get("x").asText());
        assertNull(got.get(1).get("error"));
        assertTrue(got.get(2).get("error").asText().startsWith("unknown command 'prnt'; did you mean 'print'?"), got.get(2).toString());
        assertEquals("batch cannot run inside batch", got.get(3).get("error").asText());
        assertEquals("unterminated \" in: grad \"x'*x", got.get(4).get("error").asText());
        assertEquals(5, got.get(4).get("request").asInt());
        assertTrue(got.get(5).get("error").asText().startsWith("serve cannot run inside batch"), got.get(5).toString());
    }

    @Test void aDisagreeingCheckKeepsItsJsonAndSetsTheExitStatus() throws Exception {
        // The exit status of the first request that did not succeed: here a user error before an agreeing check.
        MainTest.Run r = batch("check \"x'*A*x\" --wrt x --trials 2\ngrad y --wrt y\n");
        assertEquals(ExitCodes.USER_ERROR, r.code());
        List<JsonNode> got = lines(r.out());
        assertTrue(got.get(0).get("agree").asBoolean());
        assertEquals(2, got.get(1).get("exit").asInt());
    }

    @Test void jsonListOfCommandLinesWordListsAndObjects() throws Exception {
        MainTest.Run r = batch("""
                [
                  "grad \\"x'*x\\" --wrt x",
                  ["grad", "a'*exp(X*b)", "--wrt", "X"],
                  {"command": "grad", "expression": "norm2(A*x - b)^2", "wrt": ["x"], "let": "A: matrix(m, n); b: vector(m)", "steps": false},
                  {"command": "eval", "expression": "x'*x", "at": {"x": [1, 2, 3]}},
                  {"expression": "x"},
                  7
                ]
                """);
        assertEquals(ExitCodes.USER_ERROR, r.code());
        List<JsonNode> got = lines(r.out());
        assertEquals(6, got.size());
        assertEquals(alone("grad", "x'*x", "--wrt", "x", "--json"), got.get(0));
        assertEquals(alone("grad", "a'*exp(X*b)", "--wrt", "X", "--json"), got.get(1));
        assertEquals(alone("grad", "norm2(A*x - b)^2", "--wrt", "x", "--let", "A: matrix(m, n); b: vector(m)", "--json"), got.get(2));
        assertEquals(14.0, got.get(3).get("value").asDouble());
        assertTrue(got.get(4).get("error").asText().startsWith("a request object needs \"command\""), got.get(4).toString());
        assertEquals(5, got.get(4).get("request").asInt());
        assertEquals(6, got.get(5).get("request").asInt());
    }

    @Test void commandsWithoutJsonAnswerTheirOutputAsAString() throws Exception {
        MainTest.Run r = batch("codegen \"x'*x\" --wrt x --class Quadratic\n");
        assertEquals(0, r.code(), r.err());
        String code = lines(r.out()).get(0).get("output").asText();
        assertEquals(MainTest.run("codegen", "x'*x", "--wrt", "x", "--class", "Quadratic").out(), code);
    }

    @Test void badInputFileIsOneLineExit2() throws Exception {
        new MainTest.Run(MainTest.run("batch", tmp.resolve("missing").toString()).code(),
                "", "error: batch file not found: " + tmp.resolve("missing") + "\n")
                .assertUserError(MainTest.run("batch", tmp.resolve("missing").toString()).err());
        MainTest.Run bad = batch("[\"grad \\\"x'*x\\\" --wrt x\", {\"command\": ]");
        assertEquals(ExitCodes.USER_ERROR, bad.code());
        assertEquals(1, bad.out().split("\n").length, "the request before the mistake was answered: " + bad.out());
        assertTrue(bad.err().startsWith("error: "), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertEquals("error: " + tmp.resolve("requests") + ": a JSON batch is a list of requests, [{…}, {…}], not one object\n",
                batch(" {\"command\": \"print\"}").err());
        MainTest.Run open = batch("[\"print x\"");
        assertEquals("error: " + tmp.resolve("requests") + ": the JSON list is not closed with ']'\n", open.err());
    }

    /** A line that is not UTF-8 or holds a NUL answers an error for itself; the others still run. */
    @Test void aLineThatIsNotTextIsItsOwnError() throws Exception {
        Path f = tmp.resolve("mixed");
        byte[] bad = {(byte) 0xff, (byte) 0xfe, ' ', 'x', '\n'};
        var bytes = new java.io.ByteArrayOutputStream();
        bytes.write("print x\n".getBytes(StandardCharsets.UTF_8));
        bytes.write(bad);
        bytes.write("print\0x\nprint y\n".getBytes(StandardCharsets.UTF_8));
        Files.write(f, bytes.toByteArray());
        MainTest.Run r = MainTest.run("batch", f.toString());
        List<JsonNode> answers = lines(r.out());
        assertEquals(4, answers.size(), r.out());
        assertEquals("line 2 is not UTF-8 text", answers.get(1).get("error").asText());
        assertEquals("line 3 is not text (a NUL character)", answers.get(2).get("error").asText());
        assertFalse(answers.get(3).has("error"), r.out());   // print y still runs after the two bad lines
        assertFalse(answers.get(0).has("error"), r.out());
    }

    /** A line that never ends (/dev/zero) stops at the line limit, one message, exit 2; empty names and folders are named. */
    @Test void endlessLinesEmptyNamesAndFoldersAreOneLineErrors() throws Exception {
        InputStream saved = System.in;
        try {
            byte[] endless = new byte[(1 << 20) + 10];
            java.util.Arrays.fill(endless, (byte) 'a');
            System.setIn(new ByteArrayInputStream(endless));
            MainTest.Run r = MainTest.run("batch", "-");
            assertEquals(ExitCodes.USER_ERROR, r.code());
            assertTrue(r.err().startsWith("error: standard input: line 1 is longer than 1048576 characters"), r.err());
            System.setIn(new ByteArrayInputStream(new byte[(1 << 20) + 10]));   // /dev/zero: no text at all
            MainTest.Run z = MainTest.run("batch", "-");
            assertEquals(ExitCodes.USER_ERROR, z.code());
            assertTrue(z.err().startsWith("error: standard input is not a text file (it holds NUL bytes"), z.err());
        } finally {
            System.setIn(saved);
        }
        assertEquals("error: the batch file name is empty: give a file, or - for standard input\n", MainTest.run("batch", "").err());
        assertEquals("error: batch file " + tmp + " is a folder, not a file\n", MainTest.run("batch", tmp.toString()).err());
    }

    /** | head -1: once the answers cannot be written, the rest are not computed. */
    @Test void aClosedOutputStopsTheBatch() throws Exception {
        Path f = tmp.resolve("many");
        Files.writeString(f, "print x\n".repeat(50));
        int[] lines = {0};
        java.io.Writer closedAfterOneLine = new java.io.Writer() {
            @Override public void write(char[] c, int off, int len) throws java.io.IOException {
                for (int i = off; i < off + len; i++) if (c[i] == '\n' && ++lines[0] > 1) throw new java.io.IOException("Broken pipe");
            }
            @Override public void flush() {}
            @Override public void close() {}
        };
        java.io.StringWriter err = new java.io.StringWriter();
        String[] args = {"batch", f.toString()};
        int code = Main.commandLine(new java.io.PrintWriter(closedAfterOneLine), new java.io.PrintWriter(err), args).execute(args);
        assertEquals(ExitCodes.USER_ERROR, code);
        assertTrue(err.toString().contains("stopped after request 2: the output cannot be written"), err.toString());
    }

    @Test void readsStandardInputWithDash() throws Exception {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream("grad \"x'*x\" --wrt x --no-self-check\n".getBytes(StandardCharsets.UTF_8)));
            MainTest.Run r = MainTest.run("batch", "-");
            assertEquals(0, r.code(), r.err());
            assertEquals("{\"closed_form\":{\"x\":\"2*x\"},\"printed\":{\"x\":\"2 x\"}}\n", r.out());
        } finally {
            System.setIn(saved);
        }
    }

    @Test void commandLineWordsQuotesAndTransposes() {
        assertEquals(List.of("grad", "x'*A*x", "--wrt", "x"), BatchCommand.fromCommandLine(1, "grad x'*A*x  --wrt\tx").args());
        assertEquals(List.of("print", "a b", "--let=A: matrix(n)", "say \"hi\"\\"),
                BatchCommand.fromCommandLine(1, "print \"a b\" --let=\"A: matrix(n)\" \"say \\\"hi\\\"\\\\\"").args());
        assertEquals(List.of("eval", ""), BatchCommand.fromCommandLine(1, "eval \"\"").args());
        assertNull(BatchCommand.fromCommandLine(1, "grad \"x").args());
    }

    @Test void aFailedRequestAnswersInItsPlaceAndSetsTheExitStatus() throws Exception {
        MainTest.Run r = batch("grad x'*x --wrt x --no-self-check\nprint A*x --let \"A: matrix(n, m); x: vector(k)\"\n");
        assertEquals(ExitCodes.USER_ERROR, r.code());
        assertEquals("{\"closed_form\":{\"x\":\"2*x\"},\"printed\":{\"x\":\"2 x\"}}\n"
                + "{\"error\":\"A*x: A is n×m but x is k×1\\n  A*x\\n   ^\",\"exit\":2,\"request\":2}\n", r.out());
        // The help's example (run by HelpExamplesTest, as the README's by ReadmeCommandsTest) shows a JSON list of requests.
        String help = MainTest.run("batch", "--help").out();
        assertTrue(help.contains("tracediff batch requests.json"), help);
    }

    /** Binary input is refused whole (it would answer one error a line without end); a stray byte stays its line's error. */
    @Test void aFileThatIsNotTextIsRefusedWhole() throws Exception {
        Path f = tmp.resolve("random");
        byte[] bytes = new byte[10_000];
        new java.util.Random(1).nextBytes(bytes);
        Files.write(f, bytes);
        MainTest.Run r = MainTest.run("batch", f.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("is not a text file") && r.out().isEmpty(), r.err());
        // short lines of binary (a first line too short to tell): refused after eight, not answered without end
        Path h = tmp.resolve("short-binary");
        byte[] lines = new byte[4 * 40];
        for (int i = 0; i < lines.length; i++) lines[i] = i % 4 == 3 ? (byte) '\n' : (byte) (0xf8 + i % 3);
        Files.write(h, lines);
        MainTest.Run b = MainTest.run("batch", h.toString());
        assertEquals(2, b.code());
        assertTrue(b.err().contains("is not a text file (its first 8 requests hold NUL bytes or bytes that are not UTF-8)"), b.err());
        assertEquals(7, b.out().lines().count(), b.out());
        Path g = tmp.resolve("stray");
        Files.write(g, ("grad \"x'*x\" --wrt x\ngrad \u00ff --wrt x\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        MainTest.Run s = MainTest.run("batch", g.toString());
        List<JsonNode> out = lines(s.out());
        assertEquals("2*x", out.get(0).get("closed_form").get("x").asText());
        assertEquals("line 2 is not UTF-8 text", out.get(1).get("error").asText());
    }

    /** A request object's values are words: null, an object (but for "at") or a list of objects are refused by name. */
    @Test void requestObjectValuesOfTheWrongTypeAreNamed() throws Exception {
        MainTest.Run r = batch("""
                [{"command": "grad", "expression": null, "wrt": "x"},
                 {"command": "grad", "expression": ["x'*x"], "wrt": "x"},
                 {"command": "grad", "expression": "x'*x", "wrt": {"a": 1}},
                 {"command": "grad", "expression": "x'*x", "wrt": ["x"], "at": {"x": [1, 2]}}]
                """);
        List<JsonNode> out = lines(r.out());
        assertEquals("\"expression\" must be a string, not null", out.get(0).get("error").asText());
        assertEquals("\"expression\" must be a string, not [\"x'*x\"]", out.get(1).get("error").asText());
        assertEquals("\"wrt\" must be a string, a number, true for a flag, or a list of strings, not an object", out.get(2).get("error").asText());
        assertEquals(5.0, out.get(3).get("value").asDouble());
    }

    /**
     * An object's "expression" is the expression whatever it starts with, and its other values are values: "-h'*x" answered
     * grad's help, and "let": "-h" picocli's "Expected parameter for option '--let' but found '-h'".
     */
    @Test void anObjectsExpressionAndValuesAreNeverOptions() throws Exception {
        MainTest.Run r = batch("""
                [{"command": "grad", "expression": "-h'*x", "wrt": "x"},
                 {"command": "print", "expression": "--help", "format": "ascii"},
                 {"command": "print", "expression": "x", "let": "-h"},
                 {"command": "grad", "expression": "x'*x", "wrt": "-V"}]
                """);
        List<JsonNode> out = lines(r.out());
        assertEquals(alone("grad", "--wrt", "x", "--json", "--", "-h'*x"), out.get(0));
        assertEquals("--help", out.get(1).get("ascii").asText());
        assertTrue(out.get(2).get("error").asText().startsWith("malformed declaration"), out.get(2).toString());
        assertTrue(out.get(3).get("error").asText().startsWith("--wrt -V: '-V' does not occur in x'*x"), out.get(3).toString());
    }

    /** A failed request's "error" is its message alone; the warnings the command gave before failing are a list of their own. */
    @Test void warningsOfAFailedRequestAreKeptOutOfItsError() throws Exception {
        MainTest.Run r = batch("""
                [{"command": "eval", "expression": "x'*A*x", "at": {"x": [1], "y": [2]}}]
                """);
        JsonNode e = lines(r.out()).get(0);
        assertEquals("no value given for variable 'A' (matrix n_A×n_A)", e.get("error").asText(), e.toString());
        assertEquals(1, e.get("warnings").size(), e.toString());
        assertTrue(e.get("warnings").get(0).asText().startsWith("warning: the values give 'y'"), e.toString());
        assertNull(lines(batch("print A*x --let \"A: matrix(n, m); x: vector(k)\"\n").out()).get(0).get("warnings"), "none: no list");
    }

    /** A batch FILE that is a named pipe is refused at once (opening it waited for a writer forever); - still reads standard input. */
    @Test void aNamedPipeIsRefusedAtOnce() throws Exception {
        Path fifo = tmp.resolve("fifo");
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "no mkfifo");
        MainTest.run("batch", fifo.toString()).assertUserError("error: batch file " + fifo + " is a named pipe (FIFO), not a regular file, "
                + "and reading it may wait forever; give a regular file, or a command's output as <(command)\n");
    }
}

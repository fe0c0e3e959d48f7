package io.tracediff.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tracediff.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hostile input ends with exit 2 and one message (at most a caret excerpt under it) naming the
 * problem, or, at a limit, with the right answer; run in-process through Main. The timeout only guards
 * against a hang; the times themselves are measured by bench/hostile.
 */
class HostileInputTest {
    @TempDir static Path dir;

    static List<HostileInputs.Case> cases() throws IOException { return HostileInputs.all(dir); }

    /** The example in README.md's Limits section, word for word. */
    @org.junit.jupiter.api.Test void readmeLimitExample() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "eval", "sum(ones(n, n))", "--at", "{\"n\": 65536}");
        assertEquals(2, code);
        assertEquals("error: ones(n, n) would be a 65536×65536 matrix: 4294967296 entries, 32 GiB; the limit is 16777216 entries in one matrix; "
                + "raise it with TRACEDIFF_JAVA_OPTS=-Dtracediff.maxEntries=N\n", err.toString().replace(System.lineSeparator(), "\n"));
    }

    @ParameterizedTest(name = "{0}") @MethodSource("cases") @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void endsWithOneMessageOrTheAnswer(HostileInputs.Case c) {
        for (String a : c.args()) if (a.startsWith("/dev/")) assumeTrue(Files.exists(Path.of(a)), a + " exists");
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), c.args().toArray(String[]::new));
        String o = out.toString(), e = err.toString();
        assertEquals(c.exit(), code, () -> c.name() + ": " + e);
        assertFalse(e.contains("Exception") || e.contains("\tat ") || e.contains("java.") || e.contains("internal error"), e);
        if (c.exit() == 0) {
            assertTrue(o.contains(c.expected()), () -> c.name() + " printed " + o);
            return;
        }
        assertEquals("", o, c.name());
        List<String> lines = e.lines().toList();
        assertTrue(lines.get(0).startsWith("error: "), e);
        assertTrue(lines.get(0).contains(c.expected()), () -> c.name() + ": " + e);
        // One message; a parse error adds the line excerpt and its caret, never more, never the input echoed back.
        assertTrue(lines.size() == 1 || lines.size() == 3 && lines.get(2).strip().startsWith("^")
                || lines.size() == 2 && lines.get(1).startsWith("Try 'tracediff"), e);
        assertTrue(e.length() < 600, () -> e.length() + " characters of message: " + e.substring(0, 300));
        assertTrue(e.chars().noneMatch(ch -> ch < 0x20 && ch != '\n'), "control characters reach the terminal: " + e);
    }
}

package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One command is bounded in time: the Hessian of a deep network stops at tracediff.maxSeconds with one line and exit 2. */
class CommandDeadlineTest {

    @Test @Timeout(60) void aCommandPastItsTimeLimitStopsWithOneLine() throws Exception {
        String deep = "sum(" + "tanh(W*".repeat(40) + "x" + ")".repeat(40) + ")";
        Process p = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dtracediff.maxSeconds=2", "-cp", System.getProperty("java.class.path"), "io.tracediff.cli.Main",
                "hessian", deep, "--wrt", "W").start();
        assertTrue(p.waitFor(40, TimeUnit.SECONDS), "stopped well before the test's own timeout");
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(ExitCodes.USER_ERROR, p.exitValue(), err);
        assertEquals("", out);
        assertTrue(err.startsWith("error: stopped after 2 s, the time limit of one command") && err.contains("-Dtracediff.maxSeconds=N")
                && err.strip().lines().count() == 1, err);
    }
}

package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * check --exact ends at its time limit. Symja's Simplify of this gradient runs on past its own limit holding a lock the
 * search for a counterexample then waited on: the red team stopped it at 200 s. In a JVM of its own, since the Simplify
 * abandoned there may hold Symja's locks for minutes.
 */
@Tag("slow")
class ExactCheckDeadlineTest {

    @Test void aSimplifyPastItsLimitDoesNotHoldTheCheck() throws Exception {
        // A 30 s budget: the first Simplify gets 20 s and runs on; the check stops by 40 s (budget and 10 s for counterexamples).
        Process p = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dtracediff.exactSeconds=30", "-cp", System.getProperty("java.class.path"), "io.tracediff.cli.Main",
                "check", "tanh(x'*A*x)^7*sigmoid(sum(A*A*A*x))^5", "--wrt", "A", "--exact", "--let", "A: matrix(3, 3); x: vector(3)").start();
        boolean ended = p.waitFor(150, TimeUnit.SECONDS);   // a generous bound on termination, not a timing
        if (!ended) p.destroyForcibly();
        assertTrue(ended, "check --exact ran past 150 s");
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(ExitCodes.OK, p.exitValue(), err);
        String exact = out.lines().filter(l -> l.contains("exact")).findFirst().orElse("");
        assertTrue(exact.matches("A +exact: undecided at entry \\(\\d, \\d\\) \\(check --exact stopped at its time limit; the limit is 30 seconds "
                + "of Symja time for check --exact; raise it with TRACEDIFF_JAVA_OPTS=-Dtracediff.exactSeconds=N\\)"), out + err);
    }
}

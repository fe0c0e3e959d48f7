package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** -Dtracediff.* settings that would do nothing are said at start, not silently ignored. */
class SystemSettingsTest {
    private static List<String> problems(String... keyValues) {
        Properties p = new Properties();
        p.setProperty("java.version", "17");   // not ours: never mentioned
        for (int i = 0; i < keyValues.length; i += 2) p.setProperty(keyValues[i], keyValues[i + 1]);
        return SystemSettings.problems(p);
    }

    @Test void validSettingsPassQuietly() {
        assertEquals(List.of(), problems("tracediff.maxEntries", "1_000_000", "tracediff.blas", "JAVA", "tracediff.compiler", "javac",
                "tracediff.symjaClasspath", "/a.jar:/b.jar"));
    }

    @Test void aLimitThatIsNoPositiveWholeNumberKeepsItsDefaultAndSaysSo() {
        assertEquals(List.of("-Dtracediff.maxEntries=abc is not a positive whole number; the limit stays 16777216"),
                problems("tracediff.maxEntries", "abc"));
        assertEquals(1, problems("tracediff.maxDepth", "-3").size());
        assertEquals(1, problems("tracediff.maxDepth", "0").size());
        assertEquals(1, problems("tracediff.maxDepth", "99999999999999999999").size());
    }

    @Test void anUnknownNameIsNamedWithTheSettingsThereAre() {
        List<String> p = problems("tracediff.maxEntry", "5");
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith("-Dtracediff.maxEntry is not a tracediff setting and does nothing; the settings are tracediff.blas, "), p.get(0));
        assertTrue(p.get(0).contains("tracediff.maxEntries"), p.get(0));
    }

    /** The start of a process says it: Main.main checks the settings it was given before the command runs. */
    @Test void aProcessStartedWithAMistypedSettingWarnsAndStillRuns() throws Exception {
        Process p = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dtracediff.maxEntry=5", "-cp", System.getProperty("java.class.path"), "io.tracediff.cli.Main", "print", "x").start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        assertTrue(err.startsWith("tracediff: warning: -Dtracediff.maxEntry is not a tracediff setting and does nothing"), err);
        assertTrue(out.startsWith("x\n"), out);
    }

    @Test void aChoiceOutsideItsValuesIsIgnoredAndSaid() {
        assertEquals(List.of("-Dtracediff.compiler=ecj is not one of janino, javac, none; it is ignored"), problems("tracediff.compiler", "ecj"));
    }
}

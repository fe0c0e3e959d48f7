package io.tracediff.symja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Symja's jars off the class path, as bin/tracediff runs: the CLI needs none of them to derive, and the engine
 * loads with them when a --fn or a check --exact asks (a fresh JVM each, without a class-data archive, so every
 * class is verified as it loads and a reference to Symja from outside the engine would fail here).
 */
class SymjaJarsTest {
    /** Jars of Symja's dependency tree, recognised by the package each is for. */
    private static final List<String> SYMJA = List.of("matheclipse", "hipparchus", "/jas/", "apfloat", "jgrapht", "jheaps", "antlr4",
            "commons-text", "commons-lang3", "commons-csv", "logicng", "geodesy", "fastutil", "univocity", "Paguro", "choco", "automaton",
            "xchart", "VectorGraphics2D", "graphics2d", "pdfbox", "fontbox", "commons-logging", "animated-gif", "sizeof", "slf4j", "trove4j",
            "kryo", "reflectasm", "objenesis", "minlog", "ascii-table", "AdaptiveQuadrature", "log4j-api", "pebble", "unbescape", "/guava/guava/");

    private record Run(int code, String out, String err) {}

    private static Run cli(Path dir, boolean symjaJarsNamed, String... args) throws Exception {
        List<String> own = new ArrayList<>(), symja = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator))
            (SYMJA.stream().anyMatch(entry::contains) ? symja : own).add(entry);
        assertTrue(symja.size() >= 40, "Symja's jars found on the test class path: " + symja.size());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:off", "-Xmx1g",
                "-cp", String.join(File.pathSeparator, own)));
        if (symjaJarsNamed) cmd.add("-D" + SymjaJars.PROPERTY + "=" + String.join(File.pathSeparator, symja));
        cmd.add("io.tracediff.cli.Main");
        cmd.addAll(List.of(args));
        Path out = dir.resolve("out"), err = dir.resolve("err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) { p.destroyForcibly(); throw new AssertionError("timed out: " + args[0]); }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test void derivingNeedsNoSymjaJar(@TempDir Path dir) throws Exception {
        Run r = cli(dir, false, "grad", "a'*exp(X*b)", "--wrt", "X");
        assertEquals(0, r.code(), r.err());
        assertEquals("∂f/∂X = (a ⊙ exp(X b)) bᵀ\n", r.out());
    }

    @Test void userFunctionLoadsSymjaFromTheNamedJars(@TempDir Path dir) throws Exception {
        Run r = cli(dir, true, "grad", "a'*q(X*b)", "--fn", "q(x) = x^3/(1+x^2)", "--wrt", "X");
        assertEquals(0, r.code(), r.err());
        assertEquals("∂f/∂X = (a ⊙ (((X b)² ⊙ (3 + (X b)²)) ⊘ (1 + (X b)²)²)) bᵀ\n", r.out());
    }

    @Test void exactCheckLoadsSymjaFromTheNamedJars(@TempDir Path dir) throws Exception {
        Run r = cli(dir, true, "check", "log(det(X))", "--wrt", "X", "--exact", "--trials", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("exact (m_X = 2): proved (4 entries)"), r.out());
    }

    @Test void withoutTheJarsAUserFunctionIsAnInternalErrorThatSaysWhy(@TempDir Path dir) throws Exception {
        Run r = cli(dir, false, "grad", "a'*q(X*b)", "--fn", "q(x) = x^3/(1+x^2)", "--wrt", "X");
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().contains("cannot load Symja"), r.err());
    }
}

package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/tracediff builds once into its cache (build output off stdout), then runs without Maven from any directory. */
@Tag("slow")
class BinScriptTest {

    record Result(int code, String out, String err) {}

    @TempDir Path cache;
    @TempDir Path elsewhere;

    private static Path script() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent())
            if (Files.isExecutable(p.resolve("bin/tracediff"))) return p.resolve("bin/tracediff");
        throw new IllegalStateException("bin/tracediff not found above " + Path.of("").toAbsolutePath());
    }

    private Result run(String... args) throws IOException, InterruptedException {
        return runWith(java.util.Map.of(), args);
    }

    private Result runWith(java.util.Map<String, String> env, String... args) throws IOException, InterruptedException {
        return runIn(elsewhere, script().toString(), env, args);
    }

    private Result runIn(Path dir, String script, java.util.Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(script));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("TRACEDIFF_BUILD_DIR", cache.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES));
        return new Result(p.exitValue(), out, err);
    }

    @Test void buildsOnFirstUseThenRunsDirectly() throws Exception {
        // The first run, with an empty cache, as ./tracediff from bin/ itself: the script finds the project above it.
        Result first = runIn(script().getParent(), "./tracediff", java.util.Map.of(), "print", "x'*A*x", "--format", "ascii");
        assertEquals(0, first.code(), first.err());
        assertEquals("x'*A*x\nwhere\n  x: vector(n_A)\n  A: matrix(n_A, n_A)\nresult: scalar\n", first.out());
        assertTrue(first.err().contains("building"), first.err());

        Result second = run("print", "A*x", "--let", "A: matrix(n, m); x: vector(k)");
        assertEquals(2, second.code());
        assertEquals("", second.out());
        assertFalse(second.err().contains("building"), "no rebuild when nothing changed: " + second.err());
        assertEquals("error: A*x: A is n×m but x is k×1\n  A*x\n   ^\n", second.err());

        // Symja's jars stay off the class path Java starts with, and load when a --fn needs them.
        List<String> split = Files.readAllLines(cache.resolve("classpath.split"));
        assertTrue(!split.get(0).contains("matheclipse") && split.get(0).contains("picocli") && split.get(1).contains("matheclipse-core"), split.toString());
        // The class path Java actually starts with, as the JVM reports it (an entry a line after "java.class.path =").
        Result settings = runWith(java.util.Map.of("TRACEDIFF_JAVA_OPTS", "-XshowSettings:properties"), "grad", "x'*x", "--wrt", "x");
        assertEquals(0, settings.code(), settings.err());
        List<String> classPath = new ArrayList<>();
        boolean inClassPath = false;
        for (String line : settings.err().split("\n")) {
            if (line.strip().startsWith("java.class.path = ")) { inClassPath = true; classPath.add(line.strip().substring("java.class.path = ".length())); }
            else if (inClassPath && !line.contains(" = ") && !line.isBlank()) classPath.add(line.strip());
            else inClassPath = false;
        }
        assertTrue(classPath.stream().anyMatch(e -> e.contains("picocli")) && classPath.stream().noneMatch(e -> e.contains("matheclipse")), classPath.toString());
        Result fn = run("grad", "a'*q(X*b)", "--fn", "q(x) = x^3/(1+x^2)", "--wrt", "X");
        assertEquals(0, fn.code(), fn.err());
        assertEquals("∂f/∂X = (a ⊙ (((X b)² ⊙ (3 + (X b)²)) ⊘ (1 + (X b)²)²)) bᵀ\n", fn.out());

        // The README's way to run examples/autograd, against the classpath this build wrote (.tdbuild = the cache).
        Path root = script().getParent().getParent();
        java.util.regex.Matcher shown = java.util.regex.Pattern.compile("`(java -cp [^`]*examples/autograd/\\w+\\.java[^`]*)`")
                .matcher(Files.readString(root.resolve("README.md")));
        assertTrue(shown.find(), "README.md shows no command running examples/autograd");
        String command = shown.group(1).replace(".tdbuild/", cache + "/");
        Process example = new ProcessBuilder("bash", "-c", command).directory(root.toFile()).redirectErrorStream(true).start();
        String printed = new String(example.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(example.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, example.exitValue(), shown.group(1) + "\n" + printed);
        assertTrue(printed.contains("step 0 loss"), shown.group(1) + " printed:\n" + printed);
    }

    @Test void startUpArchiveIsMadeWithTheBuildAndABadOneIsNeverFatal() throws Exception {
        String expected = "∂f/∂x = 2 x\n";
        Result first = run("grad", "x'*x", "--wrt", "x");
        assertEquals(expected, first.out(), first.err());
        Path archive = cache.resolve("startup.jsa");
        assertTrue(Files.size(archive) > 0, "the build leaves a class-data-sharing archive");

        // An archive the JVM cannot map (truncated, or from another build) must only cost speed.
        Files.setPosixFilePermissions(archive, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Files.write(archive, new byte[] {1, 2, 3});
        Result corrupt = run("grad", "x'*x", "--wrt", "x");
        assertEquals(0, corrupt.code(), corrupt.err());
        assertEquals(expected, corrupt.out());
        assertEquals("", corrupt.err());

        // A build newer than the archive's stamp: the archive is remade before the run, quietly on stdout.
        Files.setLastModifiedTime(cache.resolve("classpath"), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        Result remade = run("grad", "x'*x", "--wrt", "x");
        assertEquals(expected, remade.out(), remade.err());
        assertTrue(Files.size(archive) > 1000, "archive remade");
        // JVM options of one's own replace the short-run JIT settings without clashing with them (C2 needs two compiler threads).
        Result tiers = runWith(java.util.Map.of("TRACEDIFF_JAVA_OPTS", "-XX:TieredStopAtLevel=4 -XX:+UseG1GC"), "grad", "x'*x", "--wrt", "x");
        assertEquals(0, tiers.code(), tiers.err());
        assertEquals("∂f/∂x = 2 x\n", tiers.out());

        Result off = runWith(java.util.Map.of("TRACEDIFF_CDS", "off"), "grad", "x'*x", "--wrt", "x");
        assertEquals(expected, off.out(), off.err());
    }
}

package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * bin/classpath-split.awk, which keeps Symja's jars off the class path bin/tracediff starts Java with, on this
 * project's verbose dependency tree (a copy in test resources): Symja's subtree goes, including guava (Symja's,
 * mediated to a test dependency's version), and every jar that tracediff's own dependencies need stays.
 */
class ClasspathSplitTest {
    private static List<List<String>> split() throws Exception {
        Path resources = Path.of("src/test/resources/io/tracediff/cli");
        Process p = new ProcessBuilder("awk", "-f", "bin/classpath-split.awk", resources.resolve("dependency-tree.txt").toString(),
                resources.resolve("runtime-classpath.txt").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        String[] lines = out.split("\n", -1);
        assertEquals(3, lines.length, out);
        return List.of(Arrays.asList(lines[0].split(":")), Arrays.asList(lines[1].split(":")));
    }

    private static boolean has(List<String> jars, String name) { return jars.stream().anyMatch(j -> j.endsWith("/" + name)); }

    @Test void symjasSubtreeLeavesTheClassPathAndTracediffsOwnDependenciesStay() throws Exception {
        List<List<String>> s = split();
        List<String> own = s.get(0), symja = s.get(1);
        for (String jar : List.of("commons-math3-3.6.1.jar", "picocli-4.7.6.jar", "jackson-databind-2.17.2.jar", "jackson-core-2.17.2.jar",
                "jackson-annotations-2.17.2.jar", "janino-3.1.10.jar", "commons-compiler-3.1.10.jar", "javacpp-1.5.11.jar",
                "openblas-0.3.28-1.5.11-linux-x86_64.jar", "katex-0.16.47.jar"))
            assertTrue(has(own, jar) && !has(symja, jar), jar + " must stay on the class path");
        for (String jar : List.of("matheclipse-core-3.0.0.jar", "matheclipse-parser-3.0.0.jar", "hipparchus-core-3.0.jar", "jas-2.7.200.jar",
                "apfloat-1.12.0.jar", "guava-33.3.1-jre.jar", "log4j-api-2.21.1.jar", "commons-lang3-3.13.0.jar", "choco-solver-4.10.14.jar"))
            assertTrue(has(symja, jar) && !has(own, jar), jar + " is Symja's");
        assertEquals(65, own.size() + symja.size(), "every jar lands on one side, once");
        assertTrue(symja.size() >= 40, "Symja's jars: " + symja.size());
    }
}

package io.tracediff.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs examples/autograd/*.java with the JDK's single-file launcher (some shortened) and checks the printed loss fell. */
class ExampleProgramsTest {
    /** "step 10 loss 0.5", "epoch 10 loss 0.5" or the MatrixFlow article's "Epoch: 10, Loss: 0.5". */
    private static final Pattern LOSS = Pattern.compile("(?:step|epoch|Epoch:) (\\d+),? (?:loss|Loss:) ([0-9.eE+-]+)");

    private static Path projectDir() {
        Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("examples/autograd"))) dir = dir.getParent();
        if (dir == null) throw new IllegalStateException("examples/autograd not found above " + System.getProperty("user.dir"));
        return dir;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"MlpRegressor, 200, 4", "RnnRegressor, 60, 2",
            "MatrixFlowMlpRegressor, 1000, 50",        // the article's set-up in full: 1000 epochs
            "MatrixFlowRnnRegressor, 100, 3"})         // and 100 epochs
    void lossFalls(String program, int steps, double minimumImprovement) throws IOException, InterruptedException {
        Path base = projectDir();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "examples/autograd/" + program + ".java", String.valueOf(steps))
                .directory(base.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "timed out:\n" + output);
        assertEquals(0, process.exitValue(), output);

        List<Double> losses = new ArrayList<>();
        Matcher m = LOSS.matcher(output);
        while (m.find()) losses.add(Double.parseDouble(m.group(2)));
        assertTrue(losses.size() >= 5, "too few loss lines:\n" + output);
        double first = losses.get(0), last = losses.get(losses.size() - 1);
        assertTrue(last * minimumImprovement < first, "loss did not fall by " + minimumImprovement + "x:\n" + output);
    }

    /** The README's Autograd section shows a run of the MatrixFlow RNN; it must print exactly what is shown. */
    @org.junit.jupiter.api.Test
    void readmeShowsWhatTheRnnExamplePrints() throws IOException, InterruptedException {
        Path base = projectDir();
        String readme = Files.readString(base.resolve("README.md"));
        Matcher block = Pattern.compile("```\njava -cp \"\\$\\(cat \\.tdbuild/classpath\\)\" (examples/autograd/\\S+\\.java) (\\d+)\n(.*?)```", Pattern.DOTALL)
                .matcher(readme.substring(readme.indexOf("## Autograd")));
        assertTrue(block.find(), "the README's Autograd section shows an example run");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), block.group(1), block.group(2))
                .directory(base.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "timed out:\n" + output);
        assertEquals(block.group(3), output);
    }
}

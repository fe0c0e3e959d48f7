package io.tracediff.codegen;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Var;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs generated Python modules in one interpreter process per batch (Debian's /usr/bin/python3, which has
 * numpy and torch; the pyenv python3 first on PATH lacks them), so hundreds of modules cost one start-up.
 */
final class PythonRunner {
    static final String PYTHON = System.getenv().getOrDefault("TRACEDIFF_PYTHON", "/usr/bin/python3");
    /**
     * JAX has no Debian package: .ci/run installs it into its own virtual environment (numpy 2 beside it, where
     * Debian's torch needs numpy 1), and the JAX modules run there; TRACEDIFF_JAX_PYTHON names another interpreter.
     */
    static final String JAX_PYTHON = System.getenv().getOrDefault("TRACEDIFF_JAX_PYTHON",
            java.nio.file.Files.isExecutable(Path.of(System.getProperty("user.home"), ".cache/tracediff/jax-venv/bin/python"))
                    ? Path.of(System.getProperty("user.home"), ".cache/tracediff/jax-venv/bin/python").toString() : PYTHON);
    private static final Map<String, Boolean> HAS = new HashMap<>();

    /** The interpreter that runs a framework's modules. */
    static String python(String module) { return module.equals("jax") ? JAX_PYTHON : PYTHON; }
    static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private PythonRunner() {}

    /** Whether {@code import module} works in its interpreter ({@link #python}). */
    static synchronized boolean has(String module) {
        return HAS.computeIfAbsent(module, m -> {
            try {
                Process p = new ProcessBuilder(python(m), "-c", "import " + m).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException | InterruptedException e) {
                return false;
            }
        });
    }

    /** One case: a module's source and its inputs. */
    record Job(String source, List<Var> inputs, Map<String, Matrix> values) {}

    /** A case's outputs (row-major, shape as the module returned it, dtype) or the error it raised. */
    record Outcome(Map<String, Matrix> outputs, Map<String, String> dtypes, Map<String, List<Integer>> shapes, String error) {}

    static List<Outcome> run(String lang, List<Job> jobs) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("tracediff-py");
        try {
            ArrayNode cases = JSON.createArrayNode();
            for (int i = 0; i < jobs.size(); i++) {
                Job j = jobs.get(i);
                String module = "generated_" + i;
                Files.writeString(dir.resolve(module + ".py"), j.source(), StandardCharsets.UTF_8);
                ObjectNode c = cases.addObject();
                c.put("module", module);
                ObjectNode in = c.putObject("inputs");
                for (Var v : j.inputs()) {
                    Matrix m = j.values().get(v.name());
                    ObjectNode o = in.putObject(PythonNames.identifier(v.name()));
                    o.put("kind", v.isScalar() ? "scalar" : v.shape().cols().isOne() ? "vector" : "matrix");
                    o.put("rows", m.rows).put("cols", m.cols);
                    ArrayNode data = o.putArray("data");
                    for (double x : m.data) data.add(x);
                }
            }
            JSON.writeValue(dir.resolve("cases.json").toFile(), cases);
            try (InputStream s = PythonRunner.class.getResourceAsStream("run_generated.py")) {
                Files.write(dir.resolve("run_generated.py"), s.readAllBytes());
            }
            Process p = new ProcessBuilder(python(lang), dir.resolve("run_generated.py").toString(), lang, dir.toString())
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0)
                throw new AssertionError("python failed:\n" + log);
            JsonNode results = JSON.readTree(dir.resolve("results.json").toFile());
            List<Outcome> out = new ArrayList<>();
            for (JsonNode r : results) {
                if (r.has("error")) {
                    out.add(new Outcome(Map.of(), Map.of(), Map.of(), r.get("error").asText()));
                    continue;
                }
                Map<String, Matrix> values = new LinkedHashMap<>();
                Map<String, String> dtypes = new LinkedHashMap<>();
                Map<String, List<Integer>> shapes = new LinkedHashMap<>();
                r.get("outputs").fields().forEachRemaining(e -> {
                    List<Integer> shape = new ArrayList<>();
                    for (JsonNode d : e.getValue().get("shape")) shape.add(d.asInt());
                    int rows = shape.isEmpty() ? 1 : shape.get(0), cols = shape.size() < 2 ? 1 : shape.get(1);
                    Matrix m = new Matrix(rows, cols);
                    JsonNode data = e.getValue().get("data");
                    for (int k = 0; k < m.data.length; k++) m.data[k] = data.get(k).asDouble();
                    values.put(e.getKey(), m);
                    dtypes.put(e.getKey(), e.getValue().get("dtype").asText());
                    shapes.put(e.getKey(), shape);
                });
                out.add(new Outcome(values, dtypes, shapes, null));
            }
            return out;
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Runs {@code script} with the given modules (name → source) beside it; returns its output, failing on a non-zero exit. */
    static String script(String lang, Map<String, String> modules, String script) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("tracediff-py");
        try {
            for (var m : modules.entrySet()) Files.writeString(dir.resolve(m.getKey() + ".py"), m.getValue(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("check_script.py"), script, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(python(lang), "check_script.py").directory(dir.toFile()).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) throw new AssertionError("python failed:\n" + log + "\n" + modules);
            return log;
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}

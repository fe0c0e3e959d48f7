package io.tracediff.codegen;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generated NumPy, PyTorch and JAX modules equal the interpreter on the whole corpus (examples/gradients,
 * textbook Jacobians and Hessians, 210 random expressions), float64, one Python process per framework.
 * Where a framework is not installed in /usr/bin/python3 its test is skipped, saying so on stderr.
 */
class PythonTargetsEqualInterpreterTest {
    private static List<GeneratedCodeCorpus.Item> corpus;

    static synchronized List<GeneratedCodeCorpus.Item> corpus() {
        if (corpus == null) corpus = GeneratedCodeCorpus.all();
        return corpus;
    }

    /** After the installed targets ran: the test reads as skipped, naming what was not installed, rather than passing quietly. */
    static void assumeAllInstalled(java.util.List<String> missing) {
        for (String module : missing) System.err.println("SKIPPED: " + module + " is not installed in " + PythonRunner.python(module));
        assumeTrue(missing.isEmpty(), "not installed: " + missing + " (the other targets ran)");
    }

    /** A body run for a target's module. */
    @FunctionalInterface
    interface ForTarget { void run(PythonTarget target) throws Exception; }

    /** {@code body} for NumPy, PyTorch and JAX where installed, then {@link #assumeAllInstalled} for the others. */
    static void eachInstalledTarget(ForTarget body) throws Exception {
        List<String> missing = new java.util.ArrayList<>();
        for (PythonTarget t : List.of(new NumpyTarget(), new TorchTarget(), new JaxTarget())) {
            if (!PythonRunner.has(t.language())) { missing.add(t.language()); continue; }
            body.run(t);
        }
        assumeAllInstalled(missing);
    }

    static void assumeInstalled(String module) {
        boolean has = PythonRunner.has(module);
        if (!has) System.err.println("SKIPPED: " + module + " is not installed in " + PythonRunner.python(module)
                + ", so the " + module + " target's generated modules are not run here (their source is still generated and checked)");
        assumeTrue(has, module + " is not installed in " + PythonRunner.python(module));
    }

    @Test void numpyModulesEqualTheInterpreter() throws Exception { check(new NumpyTarget(), "numpy"); }

    @Test void torchModulesEqualTheInterpreter() throws Exception { check(new TorchTarget(), "torch"); }

    @Test void jaxModulesEqualTheInterpreter() throws Exception { check(new JaxTarget(), "jax"); }

    static void check(PythonTarget target, String module) throws Exception {
        List<GeneratedCodeCorpus.Item> items = corpus();
        List<PythonRunner.Job> jobs = new ArrayList<>();
        for (var it : items)     // every module is generated even where it cannot run
            jobs.add(new PythonRunner.Job(PythonGenerator.module(target, it.inputs(), it.outputs(), it.matrices(), it.name()), it.inputs(), it.values()));
        assumeInstalled(module);
        List<PythonRunner.Outcome> got = PythonRunner.run(target.language(), jobs);
        List<String> failures = new ArrayList<>();
        int compared = 0;
        for (int i = 0; i < items.size(); i++) {
            var it = items.get(i);
            var o = got.get(i);
            if (o.error() != null) {
                failures.add(it.name() + ": " + o.error() + "\n" + jobs.get(i).source());
                continue;
            }
            for (var e : it.expected().entrySet()) {
                String why = GeneratedCodeCorpus.mismatch(e.getValue(), o.outputs().get(e.getKey()), 1e-8);
                compared++;
                if (why != null) failures.add(it.name() + ", " + e.getKey() + " = " + io.tracediff.print.Printer.ascii(it.outputs().get(e.getKey())) + ": " + why
                        + "\n" + jobs.get(i).source());
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + compared + " outputs differ; first:\n" + String.join("\n---\n", failures.subList(0, Math.min(3, failures.size()))));
        assertTrue(compared >= 400, "only " + compared + " outputs compared");
    }
}

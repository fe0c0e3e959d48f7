package io.tracediff.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reruns each golden program with Debian's PyTorch 1.13 (when installed) and checks it still prints the committed text. */
@Tag("slow")
class PyTorchGoldenRegenerationTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @ParameterizedTest
    @ValueSource(strings = {"printing", "grad_fn_names", "seed000_backward_and_jacobian", "seed002_autograd_basics",
            "seed003_module_forward", "seed004_backward_and_grad", "functions_papers_use"})
    void pythonPrintsTheCommittedGolden(String program) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(PYTHON) && run("-c", "import torch; assert torch.__version__.startswith('1.13')").exit == 0,
                "PyTorch 1.13 is not installed at " + PYTHON);
        Path dir = Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources/io/tracediff/autograd/golden");
        Result r = run(dir.resolve(program + ".py").toString());
        assertEquals(0, r.exit, r.output);
        assertEquals(PyTorchGoldenTest.golden(program + ".txt"), r.output);
    }

    private record Result(int exit, String output) {}

    private static Result run(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = PYTHON.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) p.destroyForcibly();
        return new Result(p.exitValue(), out);
    }
}

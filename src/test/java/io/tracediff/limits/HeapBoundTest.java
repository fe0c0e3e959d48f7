package io.tracediff.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only a fresh JVM can show: a small heap that runs out, and a limit raised or lowered by its system property. */
@Tag("slow")
class HeapBoundTest {
    @TempDir Path dir;

    record Result(int code, String out, String err) {}

    private Result tracediff(List<String> jvm, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.tracediff.cli.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "tracediff did not finish");
        return new Result(p.exitValue(), Files.readString(dir.resolve("out")), Files.readString(dir.resolve("err")));
    }

    @Test void runningOutOfHeapIsOneLineNotAJvmTrace() throws Exception {
        // 2^24 entries are within the entries limit (128 MiB), but not within a 64 MiB heap.
        Result r = tracediff(List.of("-Xmx64m"), "eval", "sum(ones(n, n))", "--at", "{\"n\": 4096}");
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: out of memory") && r.err().contains("-Xmx"), r.err());
    }

    @Test void aLimitIsRaisedOrLoweredByItsProperty() throws Exception {
        Path values = dir.resolve("values.json");
        Files.writeString(values, "{\"x\": [" + "1, ".repeat(999) + "1]}");
        Result low = tracediff(List.of("-Dtracediff.maxValuesBytes=1000"), "eval", "sum(x)", "--at", values.toString());
        assertEquals(2, low.code(), low.err());
        assertTrue(low.err().contains("-Dtracediff.maxValuesBytes=N"), low.err());
        Result fine = tracediff(List.of(), "eval", "sum(x)", "--at", values.toString());
        assertEquals("1000.0", fine.out().strip(), fine.err());
        String[] grad = {"grad", "a'*A^12*b", "--wrt", "A", "--let", "a: vector(n); b: vector(n)"};
        Result summed = tracediff(List.of(), grad);
        assertEquals("∂f/∂A = powsum(A, b aᵀ, 12)ᵀ", summed.out().strip(), summed.err());
        Result raised = tracediff(List.of("-Dtracediff.maxPowerTerms=12"), grad);
        assertEquals(0, raised.code(), raised.err());
        assertTrue(raised.out().startsWith("∂f/∂A = ") && !raised.out().contains("powsum"), raised.out());
    }
}

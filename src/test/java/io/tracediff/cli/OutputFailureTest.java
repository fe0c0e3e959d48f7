package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Standard output that cannot be written, which only a separate process (Main.main's own stdout) can show. */
class OutputFailureTest {
    @TempDir Path dir;

    /** A PrintWriter swallows write errors: output that could not be written must not exit 0. */
    @Test void aFullDiskIsAnErrorAndAClosedPipeIsQuiet() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.tracediff.cli.Main", "grad", "sum(exp(x))", "--wrt", "x"));
        Process full = new ProcessBuilder(cmd).redirectOutput(new java.io.File("/dev/full")).redirectError(dir.resolve("err").toFile()).start();
        assertTrue(full.waitFor(120, TimeUnit.SECONDS));
        assertEquals(2, full.exitValue());
        assertEquals("error: the output could not be written (No space left on device); free space or choose another destination\n",
                Files.readString(dir.resolve("err")));
        Process pipe = new ProcessBuilder(cmd).redirectError(dir.resolve("err2").toFile()).start();
        pipe.getInputStream().close();                      // the reader goes away before anything is written
        assertTrue(pipe.waitFor(120, TimeUnit.SECONDS));
        assertEquals(141, pipe.exitValue());
        assertEquals("", Files.readString(dir.resolve("err2")));
    }

}

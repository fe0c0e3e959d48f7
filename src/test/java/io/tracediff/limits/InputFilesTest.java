package io.tracediff.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tracediff.core.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a user's file is bounded in size, and in time where the file is a pipe nothing may ever write to. */
class InputFilesTest {
    @TempDir Path dir;

    private Path fifo(String name) throws Exception {
        Path p = dir.resolve(name);
        Process mk = new ProcessBuilder("mkfifo", p.toString()).start();
        assumeTrue(mk.waitFor() == 0, "mkfifo is not available");
        return p;
    }

    /** A named pipe is refused at once: opening it waits for a writer, which may never come (it blocked for good). */
    @Test void aNamedPipeIsRefusedAtOnce() throws Exception {
        Path p = fifo("values");
        long t0 = System.nanoTime();
        UserError e = assertThrows(UserError.class, () -> InputFiles.read(p, Limit.VALUES_BYTES, "values file"));
        assertEquals("values file " + p + " is a named pipe (FIFO), not a regular file, and reading it may wait forever; "
                + "give a regular file, or a command's output as <(command)", e.getMessage());
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "at once");
    }

    /** A named pipe in a --rules folder is refused as well: rules files are read through InputFiles. */
    @Test void aNamedPipeAmongRulesFilesIsRefused() throws Exception {
        fifo("a.rules");
        UserError e = assertThrows(UserError.class, () -> io.tracediff.api.Mathematics.of(dir, java.util.List.of()));
        assertTrue(e.getMessage().startsWith("rules file " + dir.resolve("a.rules") + " is a named pipe (FIFO), not a regular file"), e.getMessage());
    }

    /** A pipe the shell hands over, --at <(…) (/dev/fd/N), is no named pipe: it is read, as before. */
    @Test void aPipeFromProcessSubstitutionIsRead() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash is not available");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("/bin/bash", "-c", "exec \"$0\" -cp \"$1\" io.tracediff.cli.Main eval 'sum(x)' --at <(echo '{\"x\": [1, 2]}')",
                javaBin, System.getProperty("java.class.path")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("3.0\n", out);
    }
}

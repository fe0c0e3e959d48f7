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

    @Test void aPipeWithoutAWriterEndsInAClearErrorInsteadOfWaitingForever() throws Exception {
        Path p = fifo("values");
        long before = InputFiles.pipeSeconds;
        InputFiles.pipeSeconds = 1;
        try {
            long t0 = System.nanoTime();
            UserError e = assertThrows(UserError.class, () -> InputFiles.read(p, Limit.VALUES_BYTES, "values file"));
            assertTrue(e.getMessage().startsWith("values file " + p + " is a pipe or device that gave no end of input within 1 s"), e.getMessage());
            assertTrue(System.nanoTime() - t0 < 30_000_000_000L, "bounded by the pipe timeout");
        } finally {
            InputFiles.pipeSeconds = before;
        }
    }

    @Test void aPipeThatIsWrittenIsRead() throws Exception {
        Path p = fifo("problem");
        Thread writer = new Thread(() -> {
            try { Files.writeString(p, "f = x'*x\n"); } catch (Exception e) { throw new RuntimeException(e); }
        });
        writer.start();
        assertEquals("f = x'*x\n", InputFiles.read(p, Limit.SOURCE_BYTES, "problem file"));
        writer.join();
    }
}

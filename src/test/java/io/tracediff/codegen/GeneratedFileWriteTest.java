package io.tracediff.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** codegen --out writes a whole file or nothing: no temporary file, no folder of its own making, and the umask's permissions. */
class GeneratedFileWriteTest {
    @TempDir Path dir;

    @Test void aFileGetsTheUmasksPermissionsLikeAnyNewFile() throws IOException {
        Path written = JavaGenerator.write(dir.resolve("a/b"), "Gen.java", "class Gen {}\n");
        assertEquals("class Gen {}\n", Files.readString(written));
        Path plain = Files.createFile(dir.resolve("plain"));   // what the umask gives a new file here
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(written));
        try (var files = Files.list(dir.resolve("a/b"))) { assertEquals(1, files.count(), "no temporary file left"); }
    }

    /** Under umask 022 a written file is rw-r--r--: the test above cannot tell that from a fixed 0600 under umask 077. */
    @Test void underUmask022TheFileIsReadableByAll() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("sh", "-c", "umask 022 && exec \"$0\" -cp \"$1\" io.tracediff.cli.Main codegen \"x'*x\" --wrt x --out \"$2\"",
                javaBin, System.getProperty("java.class.path"), dir.resolve("out").toString()).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), said);
        assertEquals(0, p.exitValue(), said);
        Path written;
        try (var files = Files.list(dir.resolve("out"))) { written = files.findFirst().orElseThrow(); }
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(written)), written.toString());
    }

    @Test void aFailedWriteLeavesNoFolderItMade() throws IOException {
        Files.createDirectories(dir.resolve("kept"));
        // A lone surrogate cannot be encoded as UTF-8: the write fails after the folders were made.
        assertThrows(IOException.class, () -> JavaGenerator.write(dir.resolve("kept/new/deeper"), "Gen.java", "class Gen { String s = \"\uD800\"; }"));
        assertFalse(Files.exists(dir.resolve("kept/new")), "folders made by the failed write are removed");
        assertTrue(Files.isDirectory(dir.resolve("kept")), "a folder that was there stays");
    }
}

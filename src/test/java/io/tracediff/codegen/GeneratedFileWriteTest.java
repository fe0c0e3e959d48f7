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

    @Test void aFailedWriteLeavesNoFolderItMade() throws IOException {
        Files.createDirectories(dir.resolve("kept"));
        // A lone surrogate cannot be encoded as UTF-8: the write fails after the folders were made.
        assertThrows(IOException.class, () -> JavaGenerator.write(dir.resolve("kept/new/deeper"), "Gen.java", "class Gen { String s = \"\uD800\"; }"));
        assertFalse(Files.exists(dir.resolve("kept/new")), "folders made by the failed write are removed");
        assertTrue(Files.isDirectory(dir.resolve("kept")), "a folder that was there stays");
    }
}

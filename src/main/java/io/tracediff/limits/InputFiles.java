package io.tracediff.limits;

import io.tracediff.core.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reading a user's file: never more than its {@link Limit} (so /dev/zero and /dev/urandom end at once), and
 * only UTF-8 text (a NUL byte or invalid UTF-8 is refused as soon as it is read).
 */
public final class InputFiles {
    private InputFiles() {}

    /** The file's text; {@code kind} names it in messages ("values file", "problem file", "rules file"). */
    public static String read(Path file, Limit limit, String kind) {
        String name = UserError.excerpt(file.toString(), 200);
        if (file.toString().isEmpty()) throw new UserError("the " + kind + " name is empty: give a file");
        if (Files.isDirectory(file)) throw new UserError(kind + " " + name + " is a folder, not a file");
        refuseNamedPipe(file, kind);
        if (Files.exists(file) && !Files.isRegularFile(file)) return readPipe(file, limit, kind, name);
        return readFile(file, limit, kind, name);
    }

    /**
     * Refuses a named pipe (a FIFO in a folder): opening one blocks until something writes to it, which may be never,
     * so it is refused at once. A pipe the shell hands over (--at <(…), /dev/stdin) is an open descriptor, not a name in
     * a folder, and is still read (within {@link #pipeSeconds}).
     */
    public static void refuseNamedPipe(Path file, String kind) {
        if (isNamedPipe(file))
            throw new UserError(kind + " " + UserError.excerpt(file.toString(), 200) + " is a named pipe (FIFO), not a regular file, and "
                    + "reading it may wait forever; give a regular file, or a command's output as <(command)");
    }

    private static boolean isNamedPipe(Path file) {
        try {
            int mode = (Integer) Files.getAttribute(file, "unix:mode");
            if ((mode & 0170000) != 0010000) return false;   // S_IFMT, S_IFIFO
            file.toRealPath();   // /dev/fd/63 from <(…) leads to "pipe:[…]", which is no path: it throws
            return true;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return false;   // no such file (said by the read), or no unix attributes: left to the bounded read
        }
    }

    /** Seconds a pipe or device (a FIFO, --at <(…)) may take to be written and closed (tests shorten it). */
    static long pipeSeconds = 60;

    /** A FIFO with no writer blocks its reader forever: the read runs on a daemon thread, bounded in time. */
    private static String readPipe(Path file, Limit limit, String kind, String name) {
        var task = new java.util.concurrent.FutureTask<>(() -> readFile(file, limit, kind, name));
        Thread reader = new Thread(task, "tracediff-pipe-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            return task.get(pipeSeconds, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            reader.interrupt();
            throw new UserError(kind + " " + name + " is a pipe or device that gave no end of input within " + pipeSeconds
                    + " s; give a regular file, or write to the pipe and close it");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new UserError("cannot read " + kind + " " + name + ": " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while reading " + kind + " " + name);
        }
    }

    private static String readFile(Path file, Limit limit, String kind, String name) {
        byte[] buf = new byte[(int) Math.min(limit.value() + 1, 1 << 16)];
        var out = new java.io.ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(file)) {
            long total = 0;
            int n;
            while ((n = in.read(buf, 0, (int) Math.min(buf.length, limit.value() + 1 - total))) > 0) {
                for (int i = 0; i < n; i++)
                    if (buf[i] == 0) throw new UserError(kind + " " + name + " is not a text file (a NUL byte at offset " + (total + i) + ")");
                total += n;
                if (total > limit.value()) throw limit.exceeded(kind + " " + name + " is larger than " + limit.value() + " bytes");
                out.write(buf, 0, n);
            }
        } catch (NoSuchFileException e) {
            throw new UserError(kind + " not found: " + name);
        } catch (AccessDeniedException e) {
            throw new UserError("cannot read " + kind + " " + name + ": permission denied");
        } catch (IOException e) {
            throw new UserError("cannot read " + kind + " " + name + ": " + UserError.excerpt(String.valueOf(e.getMessage())));
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new UserError(kind + " " + name + " is not UTF-8 text");
        }
    }
}

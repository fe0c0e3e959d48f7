package io.tracediff.nn;

import io.tracediff.autograd.Tensor;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named tensors on disk (the role of {@code torch.save(model.state_dict(), path)} / {@code torch.load}). The format is
 * tracediff's own, not PyTorch's pickle: the magic line {@code tracediff-state 1}, the entry count, then per entry its
 * name (modified UTF-8), rank, sizes and float64 values, big-endian. Files are written atomically.
 */
public final class StateDict {
    private static final String MAGIC = "tracediff-state 1\n";
    private static final int MAX_RANK = 64;

    private StateDict() {}

    public static void save(Map<String, Tensor> state, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream raw = Files.newOutputStream(tmp); DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw))) {
                out.writeBytes(MAGIC);
                out.writeInt(state.size());
                for (Map.Entry<String, Tensor> e : state.entrySet()) {
                    int[] shape = e.getValue().shape();
                    out.writeUTF(e.getKey());
                    out.writeInt(shape.length);
                    for (int s : shape) out.writeInt(s);
                    for (double v : e.getValue().toArray()) out.writeDouble(v);
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads a file written by {@link #save}; a file of another kind or a truncated one is refused in one line naming it. */
    public static Map<String, Tensor> load(Path file) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("state file " + file + " does not exist");
        }
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            byte[] magic = new byte[MAGIC.length()];
            if (in.read(magic) != magic.length || !new String(magic, java.nio.charset.StandardCharsets.ISO_8859_1).equals(MAGIC))
                throw new IllegalArgumentException(file + " is not a tracediff state file (saved with Module.save / StateDict.save); "
                        + "PyTorch .pt files cannot be read");
            int count = in.readInt();
            Map<String, Tensor> out = new LinkedHashMap<>();
            long remaining = size - magic.length - 4;
            if (count < 0 || count > remaining) throw corrupt(file, "an entry count of " + count);
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int rank = in.readInt();
                if (rank < 0 || rank > MAX_RANK) throw corrupt(file, "rank " + rank + " for \"" + name + "\"");
                int[] shape = new int[rank];
                long numel = 1;
                for (int d = 0; d < rank; d++) {
                    shape[d] = in.readInt();
                    if (shape[d] < 0) throw corrupt(file, "a negative size for \"" + name + "\"");
                    numel *= shape[d];
                    if (numel * 8 > size) throw corrupt(file, "more values for \"" + name + "\" than the file holds");
                }
                double[] values = new double[(int) numel];
                for (int k = 0; k < values.length; k++) values[k] = in.readDouble();
                out.put(name, Tensor.fromArray(values, shape));
            }
            return out;
        } catch (EOFException e) {
            throw corrupt(file, "an early end of file");
        }
    }

    private static IllegalArgumentException corrupt(Path file, String what) {
        return new IllegalArgumentException("state file " + file + " is damaged: " + what + "; save it again");
    }
}

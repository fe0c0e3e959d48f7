package io.tracediff.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracediff.parse.UserError;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** values.json: names to a number (scalar), a flat array (vector) or an array of rows (matrix). */
public final class ValuesJson {
    /** Strict JSON (no trailing text, no repeated names), bounded nesting and literal lengths, so hostile text ends early. */
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxNestingDepth(io.tracediff.limits.Limit.NESTING_DEPTH.intValue())
                    .maxNumberLength(400)
                    .maxStringLength(io.tracediff.limits.Limit.EXPRESSION_CHARS.intValue())
                    .build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ValuesJson() {}

    public static Map<String, Matrix> read(Path file) {
        String text = io.tracediff.limits.InputFiles.read(file, io.tracediff.limits.Limit.VALUES_BYTES, "values file");
        return parse(text, UserError.excerpt(file.toString(), 200));
    }

    /**
     * The value of an {@code --at} option: JSON text itself when it looks like JSON (or cannot be a file name),
     * else a values file. Inline text is called "--at" in messages, never a file name.
     */
    public static Map<String, Matrix> fromOption(String at) {
        String s = at.strip();
        boolean inline = s.startsWith("{") || s.startsWith("[") || s.indexOf('\n') >= 0 || s.indexOf('\0') >= 0 || s.length() > 4096;
        if (!inline) return read(Path.of(at));
        io.tracediff.limits.Limit.VALUES_BYTES.check(s.length(), "the --at text has " + s.length() + " characters");
        return parse(s, "--at");
    }

    public static Map<String, Matrix> parse(String text, String where) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new UserError(where + ": not valid JSON" + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr())
                    + ": " + shortened(e.getOriginalMessage().replaceAll("\\s*\\(start marker at \\[Source.*|\\s*at \\[Source.*", "")));
        }
        if (root == null || !root.isObject()) throw new UserError(where + ": expected a JSON object mapping variable names to values");
        Parsed out = new Parsed();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            var f = it.next();
            out.put(f.getKey(), toMatrix(f.getKey(), f.getValue(), where));
            if (!f.getValue().isNumber()) out.arrays.add(f.getKey());
        }
        return out;
    }

    /** Values as read, remembering which were written as arrays: [3] is a 1-vector, never the size of a dimension. */
    public static final class Parsed extends LinkedHashMap<String, Matrix> {
        private final java.util.Set<String> arrays = new java.util.HashSet<>();

        public boolean writtenAsArray(String name) { return arrays.contains(name); }
    }

    /** Jackson quotes the offending token; a megabyte of it is cut to a line. */
    private static String shortened(String message) {
        String flat = message.replaceAll("\\p{Cntrl}", "?");
        return flat.length() <= 160 ? flat : flat.substring(0, 150) + "…";
    }

    private static Matrix toMatrix(String name, JsonNode v, String where) {
        String at = where + ": '" + UserError.excerpt(name) + "'";
        if (v.isNumber()) return Matrix.scalar(v.asDouble());
        if (!v.isArray() || v.isEmpty()) throw new UserError(at + " must be a number, a flat array or an array of rows");
        if (v.get(0).isNumber()) {
            double[] d = new double[v.size()];
            for (int i = 0; i < d.length; i++) {
                if (!v.get(i).isNumber()) throw new UserError(at + " entry " + i + " is not a number");
                d[i] = v.get(i).asDouble();
            }
            return new Matrix(d.length, 1, d);
        }
        int rows = v.size(), cols = v.get(0).size();
        double[] d = new double[io.tracediff.limits.Entries.of(rows, cols, at)];
        for (int i = 0; i < rows; i++) {
            JsonNode row = v.get(i);
            if (!row.isArray() || row.size() != cols)
                throw new UserError(at + " row " + i + " has " + (row.isArray() ? row.size() : 0) + " entries, row 0 has " + cols);
            for (int j = 0; j < cols; j++) {
                if (!row.get(j).isNumber()) throw new UserError(at + " entry [" + i + "][" + j + "] is not a number");
                d[i * cols + j] = row.get(j).asDouble();
            }
        }
        return new Matrix(rows, cols, d);
    }
}

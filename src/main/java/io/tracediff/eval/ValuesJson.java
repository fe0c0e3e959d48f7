package io.tracediff.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracediff.parse.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** values.json: names to a number (scalar), a flat array (vector) or an array of rows (matrix). */
public final class ValuesJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ValuesJson() {}

    public static Map<String, Matrix> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UserError("values file not found: " + file);
        } catch (IOException e) {
            throw new UserError("cannot read values file " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    public static Map<String, Matrix> parse(String text, String where) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new UserError(where + ": not valid JSON" + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr())
                    + ": " + e.getOriginalMessage().replaceAll("\\s*\\(start marker at \\[Source.*|\\s*at \\[Source.*", ""));
        }
        if (root == null || !root.isObject()) throw new UserError(where + ": expected a JSON object mapping variable names to values");
        Map<String, Matrix> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            var f = it.next();
            out.put(f.getKey(), toMatrix(f.getKey(), f.getValue(), where));
        }
        return out;
    }

    private static Matrix toMatrix(String name, JsonNode v, String where) {
        String at = where + ": '" + name + "'";
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
        double[] d = new double[rows * cols];
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

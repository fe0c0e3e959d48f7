package io.tracediff.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tracediff.eval.Matrix;
import io.tracediff.shape.Shape;

/** JSON output shared by the subcommands: values in the same layout values.json uses for input. */
public final class Json {
    private Json() {}

    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A shape as ["m", "n"] (dimension names or numbers as text). */
    public static ArrayNode shape(Shape s) {
        return MAPPER.createArrayNode().add(s.rows().toString()).add(s.cols().toString());
    }

    /** A number (1×1), a flat array (column) or an array of rows, so --json output can be fed back with --at. */
    public static JsonNode value(Matrix m) {
        if (m.isScalar()) return number(m.data[0]);
        ArrayNode a = MAPPER.createArrayNode();
        if (m.cols == 1) {
            for (double x : m.data) a.add(number(x));
            return a;
        }
        for (int i = 0; i < m.rows; i++) {
            ArrayNode row = a.addArray();
            for (int j = 0; j < m.cols; j++) row.add(number(m.get(i, j)));
        }
        return a;
    }

    /** JSON has no infinities: they are written as the strings "Infinity" and "-Infinity". */
    private static JsonNode number(double x) {
        var f = MAPPER.getNodeFactory();
        return Double.isFinite(x) ? f.numberNode(x) : f.textNode(Double.toString(x));
    }

    public static String write(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }
}

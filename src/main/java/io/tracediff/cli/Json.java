package io.tracediff.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracediff.eval.Matrix;
import io.tracediff.shape.Shape;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON output shared by the subcommands: values in the same layout values.json uses for input. Trees come from
 * Jackson's node factory and text from its generator with the default pretty printer, which is what an ObjectMapper
 * with INDENT_OUTPUT writes (JsonTest compares them), without setting one up: that is ~25 ms of a cold --json.
 */
public final class Json {
    private Json() {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonFactory TEXT = new JsonFactory();

    public static ObjectNode object() { return NODES.objectNode(); }

    public static ArrayNode array() { return NODES.arrayNode(); }

    /** An ObjectMapper (indenting), for reading JSON text into trees: built on first use, as batch needs it. */
    public static ObjectMapper mapper() { return Mapper.INSTANCE; }

    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** A shape as ["m", "n"] (dimension names or numbers as text). */
    public static ArrayNode shape(Shape s) {
        return array().add(s.rows().toString()).add(s.cols().toString());
    }

    /** A number (1×1), a flat array (column) or an array of rows, so --json output can be fed back with --at. */
    public static JsonNode value(Matrix m) {
        if (m.isScalar()) return number(m.data[0]);
        ArrayNode a = array();
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
        return Double.isFinite(x) ? NODES.numberNode(x) : NODES.textNode(Double.toString(x));
    }

    /** {@code n} as indented JSON text. */
    public static String write(JsonNode n) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = TEXT.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            write(g, n);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
        return out.toString();
    }

    /** An open object's or array's remaining members. */
    private record Open(boolean object, Iterator<?> members) {}

    /** Writes {@code root} member by member, with a stack of the open containers rather than recursion. */
    private static void write(JsonGenerator g, JsonNode root) throws IOException {
        Deque<Open> open = new ArrayDeque<>();
        open(g, root, open);
        while (!open.isEmpty()) {
            Open top = open.peek();
            if (!top.members().hasNext()) {
                open.pop();
                if (top.object()) g.writeEndObject();
                else g.writeEndArray();
                continue;
            }
            Object next = top.members().next();
            if (top.object()) {
                Map.Entry<?, ?> field = (Map.Entry<?, ?>) next;
                g.writeFieldName((String) field.getKey());
                open(g, (JsonNode) field.getValue(), open);
            } else open(g, (JsonNode) next, open);
        }
    }

    /** Writes a value, or starts a container and pushes its members. */
    private static void open(JsonGenerator g, JsonNode n, Deque<Open> open) throws IOException {
        if (n.isObject()) {
            g.writeStartObject();
            open.push(new Open(true, n.fields()));
        } else if (n.isArray()) {
            g.writeStartArray();
            open.push(new Open(false, n.elements()));
        } else if (n.isNull() || n.isMissingNode()) g.writeNull();
        else if (n.isBoolean()) g.writeBoolean(n.booleanValue());
        else if (n.isTextual()) g.writeString(n.textValue());
        else if (n.isInt()) g.writeNumber(n.intValue());
        else if (n.isLong()) g.writeNumber(n.longValue());
        else if (n.isBigInteger()) g.writeNumber(n.bigIntegerValue());
        else if (n.isBigDecimal()) g.writeNumber(n.decimalValue());
        else if (n.isFloat()) g.writeNumber(n.floatValue());
        else if (n.isDouble()) g.writeNumber(n.doubleValue());
        else if (n.isShort()) g.writeNumber(n.shortValue());
        else throw new IllegalStateException("no JSON text for a " + n.getNodeType() + " node");
    }
}

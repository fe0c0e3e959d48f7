package io.tracediff.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracediff.core.UserError;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** values.json: names to a number (scalar), a flat array (vector) or an array of rows (matrix). */
public final class ValuesJson {
    /**
     * Strict JSON (no repeated names; no trailing text, checked in {@link #tree}), bounded nesting and literal lengths,
     * so hostile text ends early. A parser and the node factory, not an ObjectMapper: setting one up is ~25 ms of a
     * cold {@code --at}.
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxNestingDepth(io.tracediff.limits.Limit.NESTING_DEPTH.intValue())
                    .maxNumberLength(400)
                    .maxStringLength(io.tracediff.limits.Limit.EXPRESSION_CHARS.intValue())
                    .build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ValuesJson() {}

    /** Names a values file may give: no expression within the length limit uses as many. */
    static final int MAX_NAMES = 100_000;

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
            root = tree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new UserError(where + ": not valid JSON" + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr())
                    + ": " + shortened(plain(e.getOriginalMessage().replaceAll("\\s*\\(start marker at \\[Source.*|\\s*at \\[Source.*", ""))));
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

    /** The JSON tree of {@code text} (null when it is empty), as ObjectMapper.readTree builds it, iteratively. */
    static JsonNode tree(String text) throws JsonProcessingException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        try (JsonParser p = JSON.createParser(text)) {
            Deque<JsonNode> open = new ArrayDeque<>();   // containers still being filled, innermost first
            Deque<String> names = new ArrayDeque<>();    // the name each open object's next value takes
            JsonNode root = null;
            int topNames = 0;
            for (JsonToken t = p.nextToken(); t != null; t = open.isEmpty() ? null : p.nextToken()) {
                // Millions of one-entry names fit in the byte limit and not in the heap, as trees and then matrices.
                if (t == JsonToken.FIELD_NAME && open.size() == 1 && ++topNames > MAX_NAMES)
                    throw new UserError("a values file names at most " + MAX_NAMES + " variables and sizes; this one names more (an expression uses far fewer)");
                if (t == JsonToken.FIELD_NAME) { names.push(p.currentName()); continue; }
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) { open.pop(); continue; }
                JsonNode node = switch (t) {
                    case START_OBJECT -> f.objectNode();
                    case START_ARRAY -> f.arrayNode();
                    case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                        case INT -> f.numberNode(p.getIntValue());
                        case LONG -> f.numberNode(p.getLongValue());
                        default -> f.numberNode(p.getBigIntegerValue());
                    };
                    case VALUE_NUMBER_FLOAT -> f.numberNode(p.getDoubleValue());
                    case VALUE_STRING -> f.textNode(p.getText());
                    case VALUE_TRUE, VALUE_FALSE -> f.booleanNode(t == JsonToken.VALUE_TRUE);
                    case VALUE_NULL -> f.nullNode();
                    default -> throw new JsonParseException(p, "unexpected " + t);
                };
                JsonNode parent = open.peek();
                if (parent instanceof ObjectNode o) o.set(names.pop(), node);
                else if (parent instanceof ArrayNode a) a.add(node);
                else root = node;
                if (node.isContainerNode()) open.push(node);
            }
            if (root != null && p.nextToken() != null) throw new JsonParseException(p, "trailing text after the value");
            return root;
        } catch (JsonProcessingException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);   // a String source does not fail to read
        }
    }

    /** Values as read, remembering which were written as arrays: [3] is a 1-vector, never the size of a dimension. */
    public static final class Parsed extends LinkedHashMap<String, Matrix> {
        private final java.util.Set<String> arrays = new java.util.HashSet<>();

        public boolean writtenAsArray(String name) { return arrays.contains(name); }
    }

    /** Jackson's advice names its own settings (JsonReadFeature…, StreamReadConstraints…): say what it means for a values file. */
    private static String plain(String message) {
        if (message.contains("ALLOW_NON_NUMERIC_NUMBERS"))
            return message.replaceAll(":\\s*enable `JsonReadFeature.*", "") + " (JSON has no NaN or Infinity; give finite numbers)";
        if (message.contains("StreamReadConstraints"))
            return message.replaceAll(",\\s*from `StreamReadConstraints[^`]*`", "") + "; a values file holds numbers, names and arrays";
        return message;
    }

    /** Jackson quotes the offending token; a megabyte of it is cut to a line. */
    private static String shortened(String message) {
        String flat = message.replaceAll("\\p{Cntrl}", "?");
        return flat.length() <= 160 ? flat : flat.substring(0, 150) + "…";
    }

    private static Matrix toMatrix(String name, JsonNode v, String where) {
        String at = where + ": '" + UserError.excerpt(name) + "'";
        if (v.isNumber()) return Matrix.scalar(v.asDouble());
        if (v.isArray() && v.isEmpty()) throw new UserError(at + " is an empty array; a vector or matrix needs at least one entry");
        if (!v.isArray()) throw new UserError(at + " must be a number, a flat array or an array of rows");
        if (v.get(0).isNumber()) {
            double[] d = new double[v.size()];
            for (int i = 0; i < d.length; i++) {
                if (!v.get(i).isNumber()) throw new UserError(at + " entry " + i + " is not a number");
                d[i] = v.get(i).asDouble();
            }
            return new Matrix(d.length, 1, d);
        }
        // ["1", 2]: a first entry that is neither a number nor a row is a wrong entry, not a row of an array of rows
        // "Infinity" is how a JSON writer passes on 1e999 (the web page's request, serve): past the largest double, not a quoting slip
        if (!v.get(0).isArray() && v.get(0).isTextual() && v.get(0).asText().matches("-?Infinity|NaN"))
            throw new UserError(at + " entry 0 is " + v.get(0).asText() + " (a number past the largest double, 1.8e308, such as 1e999, reads as that); give finite numbers");
        if (!v.get(0).isArray())
            throw new UserError(at + " entry 0 is " + UserError.excerpt(v.get(0).toString()) + ", not a number; write numbers without quotes");
        int rows = v.size(), cols = v.get(0).size();
        double[] d = new double[io.tracediff.kernel.Entries.of(rows, cols, at)];
        for (int i = 0; i < rows; i++) {
            JsonNode row = v.get(i);
            if (!row.isArray() || row.size() != cols)
                throw new UserError(at + (row.isArray() ? " row " + i + " has " + row.size() + " entries, row 0 has " + cols
                        : " row " + i + " is " + UserError.excerpt(row.toString()) + ", not an array; an array of rows needs every row to be one"));
            for (int j = 0; j < cols; j++) {
                if (!row.get(j).isNumber()) throw new UserError(at + " entry [" + i + "][" + j + "] is not a number");
                d[i * cols + j] = row.get(j).asDouble();
            }
        }
        return new Matrix(rows, cols, d);
    }
}

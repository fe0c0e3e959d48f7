package io.tracediff.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** JSON reading and writing for the API, indented as the commands' --json output is. */
public final class JsonText {
    private JsonText() {}

    /**
     * Jackson's message for a body or a batch that is not JSON, in the user's words: NaN and Infinity are not JSON numbers
     * (not "enable JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS"), and nesting past Jackson's bound is said as such.
     */
    public static String plain(String jacksonMessage) {
        String m = String.valueOf(jacksonMessage);
        if (m.contains("ALLOW_NON_NUMERIC_NUMBERS"))
            return "NaN and Infinity are not JSON numbers; give finite numbers";
        if (m.contains("getMaxNestingDepth") || m.contains("nesting depth"))
            return "the JSON nests too deeply (more than 1000 levels of arrays and objects)";
        int cut = m.indexOf(" (start marker");
        if (cut >= 0) m = m.substring(0, cut);
        return m.lines().findFirst().orElse(m);
    }

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static String write(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }
}

package io.tracediff.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** ValuesJson's tree reader builds what ObjectMapper.readTree builds, and refuses what a strict ObjectMapper refuses. */
class ValuesJsonTreeTest {
    private static final ObjectMapper STRICT = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Test void treesEqualObjectMappers() throws Exception {
        for (String text : new String[] {"{\"x\": [1, 2, 3]}", "{\"A\": [[1, 2.5], [-3e-4, 4E10]], \"c\": 7, \"s\": \"σ\"}", "[]", "{}", "3",
                "{\"a\": {\"b\": [true, false, null, {\"c\": []}]}, \"big\": 123456789012345678901234567890, \"l\": 12345678901}",
                "  {\"x\" : -0.0 }  ", "\"text\""})
            assertEquals(STRICT.readTree(text), ValuesJson.tree(text), text);
    }

    @Test void refusesWhatAStrictObjectMapperRefuses() throws Exception {
        for (String text : new String[] {"{\"x\": [1, 2]} garbage", "{\"x\": 1, \"x\": 2}", "{\"x\": [1, 2}", "{\"x\": [1,\u0000 2]}", "{\"x\": 01}", "[1] [2]"}) {
            assertThrows(JsonProcessingException.class, () -> STRICT.readTree(text), text);
            assertThrows(JsonProcessingException.class, () -> ValuesJson.tree(text), text);
        }
        assertTrue(ValuesJson.tree("") == null && ValuesJson.tree("   ") == null, "empty text has no tree");
    }

}

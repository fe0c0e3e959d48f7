package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracediff.eval.Matrix;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Json.write, without an ObjectMapper, writes exactly what an indenting ObjectMapper writes. */
class JsonTest {
    private static final ObjectMapper INDENTING = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static JsonNode random(Random r, int depth) {
        int kind = depth > 3 ? r.nextInt(8) : r.nextInt(10);
        return switch (kind) {
            case 0 -> Json.object().nullNode();
            case 1 -> Json.object().booleanNode(r.nextBoolean());
            case 2 -> Json.object().textNode(r.nextBoolean() ? "σ(X w) ⊙ \"q\"\n\t\\ \u0001" : "x" + r.nextInt(100));
            case 3 -> Json.object().numberNode(r.nextInt());
            case 4 -> Json.object().numberNode(r.nextLong());
            case 5 -> Json.object().numberNode(r.nextBoolean() ? r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20) : r.nextInt(5) - 2.0);
            case 6 -> Json.object().numberNode(new java.math.BigInteger(80, r));
            case 7 -> Json.object().numberNode(-0.0);
            case 8 -> {
                ObjectNode o = Json.object();
                for (int i = r.nextInt(4); i > 0; i--) o.set("k" + r.nextInt(1000) + (r.nextBoolean() ? "ᵀ" : ""), random(r, depth + 1));
                yield o;
            }
            default -> {
                ArrayNode a = Json.array();
                for (int i = r.nextInt(4); i > 0; i--) a.add(random(r, depth + 1));
                yield a;
            }
        };
    }

    @Test void writesWhatAnIndentingObjectMapperWrites() throws Exception {
        Random r = new Random(3);
        for (int t = 0; t < 2000; t++) {
            JsonNode n = random(r, 0);
            assertEquals(INDENTING.writeValueAsString(n), Json.write(n), n.toString());
        }
        JsonNode values = Json.value(new Matrix(2, 3, new double[] {1, 2.5, Double.POSITIVE_INFINITY, -4, 1e-300, Double.NaN}));
        assertEquals(INDENTING.writeValueAsString(values), Json.write(values));
    }
}

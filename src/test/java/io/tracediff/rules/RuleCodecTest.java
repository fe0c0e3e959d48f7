package io.tracediff.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The encoded built-in rules the CLI starts from are exactly the rules the parser reads from rules/. */
class RuleCodecTest {
    private static List<Rule> parsedFromRulesDirectory() { return RuleSet.load(RuleSet.directoryFiles(Path.of("rules"))).all(); }

    @Test void shippedFormIsTheRuleFilesParsed() throws IOException {
        List<Rule> parsed = parsedFromRulesDirectory();
        try (var in = RuleSet.class.getClassLoader().getResourceAsStream(RuleCodec.RESOURCE)) {
            assertTrue(in != null, "the build writes " + RuleCodec.RESOURCE);
            assertEquals(parsed, RuleCodec.decode(in), "rebuild: the encoded rules are stale");
        }
        assertEquals(parsed, RuleSet.builtin().all());
        assertTrue(RuleSet.builtinDecoded, "start-up reads the encoded rules, not the rule files");
    }

    @Test void everyKindAndConditionRoundTrips() throws IOException {
        List<Rule> parsed = parsedFromRulesDirectory();
        assertTrue(parsed.stream().anyMatch(r -> r.conditions().stream().anyMatch(c -> c instanceof Condition.SameSize)));
        assertTrue(parsed.stream().anyMatch(r -> r.conditions().stream().anyMatch(c -> c instanceof Condition.Property p && p.negated())));
        assertEquals(java.util.EnumSet.allOf(Rule.Kind.class), java.util.EnumSet.copyOf(parsed.stream().map(Rule::kind).toList()),
                "the shipped rules exercise every kind");
        Rule extra = RuleFileParser.parseLine("size-rule: ?A * ?B -> ?B * ?A ; if rows(?A) != 3 and not symmetric(?B) ; test", "test:1");
        List<Rule> withExtra = new java.util.ArrayList<>(parsed);
        withExtra.add(extra);
        assertEquals(withExtra, RuleCodec.decode(new ByteArrayInputStream(RuleCodec.encode(withExtra))));
    }

    @Test void damagedFormIsAnErrorNotADifferentRuleSet() {
        byte[] good = RuleCodec.encode(parsedFromRulesDirectory());
        var truncated = assertThrows(IOException.class, () -> RuleCodec.decode(new ByteArrayInputStream(Arrays.copyOf(good, good.length / 2))));
        assertTrue(truncated instanceof java.io.EOFException, truncated.toString());
        byte[] foreign = good.clone();
        foreign[3] ^= 1;
        assertTrue(assertThrows(IOException.class, () -> RuleCodec.decode(new ByteArrayInputStream(foreign))).getMessage().contains("not an encoded rule set"));
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertTrue(assertThrows(IOException.class, () -> RuleCodec.decode(new ByteArrayInputStream(longer))).getMessage().contains("trailing bytes"));
    }
}

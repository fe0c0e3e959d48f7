package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Names in --at values that the expression does not use: warned about, a few a line, the rest counted. */
class UnusedValuesWarningTest {
    @Test void eachUnusedNameIsWarnedAboutUpToFiveThenCounted() {
        StringBuilder json = new StringBuilder("{\"x\": [1, 2]");
        for (int i = 0; i < 1000; i++) json.append(", \"u").append(i).append("\": 1");
        MainTest.Run r = MainTest.run("grad", "x'*x", "--wrt", "x", "--at", json.append("}").toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(ValuesOptions.UNUSED_SHOWN + 1, lines.size(), r.err());
        assertEquals("tracediff: warning: the values give 'u0', which x'*x does not use (its variables: x)", lines.get(0));
        assertEquals("tracediff: warning: and 995 more names the expression does not use", lines.get(lines.size() - 1));

        MainTest.Run two = MainTest.run("grad", "x'*x", "--wrt", "x", "--at", "{\"x\": [1, 2], \"zz\": 1}");
        assertEquals("tracediff: warning: the values give 'zz', which x'*x does not use (its variables: x)\n", two.err());
    }
}

package io.tracediff.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tracediff.api.Problem;
import io.tracediff.print.Printer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommonSubexpressionsTest {

    @Test void innermostRepeatedSubexpressionFirst() {
        var e = Problem.of("tanh(W*x + b) .* (1 - tanh(W*x + b).^2) + exp(W*x + b)", "b: vector(h)").expr();
        var r = CommonSubexpressions.of(List.of(e), Set.of("W", "x", "b"));
        assertEquals(List.of("t0", "t1"), List.copyOf(r.names().keySet()));
        assertEquals("W*x + b", Printer.ascii(r.names().get("t0")));
        assertEquals("tanh(t0)", Printer.ascii(r.names().get("t1")));
        assertEquals("t1.*(1 - t1.^2) + exp(t0)", Printer.ascii(r.roots().get(0)));
    }

    @Test void namesAvoidVariablesAndSkipSymbols() {
        var e = Problem.of("t0'*A*t0 + t0'*A'*t0").expr();
        var r = CommonSubexpressions.of(List.of(e), Set.of("t0", "A"));
        assertEquals(List.of(), List.copyOf(r.names().keySet()), "t0ᵀ and Aᵀ are single symbols");
    }
}

package io.tracediff.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import io.tracediff.api.Problem;
import java.util.List;

import io.tracediff.expr.Expr;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** parse(printAscii(e)) = e for random well-typed trees: the ASCII printer writes the input language exactly. */
class AsciiRoundTripPropertyTest {

    @Property(tries = 1500)
    void asciiParsesBackToTheSameTree(@ForAll("scalars") Expr e) { roundTrip(e); }

    @Property(tries = 800)
    void asciiParsesBackForMatrices(@ForAll("matrices") Expr e) { roundTrip(e); }

    private static void roundTrip(Expr e) {
        String text = Printer.ascii(e);
        Expr back = Problem.of(text, List.of(RandomTrees.DECLS), RandomTrees.FNS).expr();
        assertEquals(e, back, text);
    }

    @Provide Arbitrary<Expr> scalars() { return RandomTrees.scalars(); }

    @Provide Arbitrary<Expr> matrices() { return RandomTrees.matrices(); }
}

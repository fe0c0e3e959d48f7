package io.tracediff.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.api.Problem;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.print.notation.Format;
import io.tracediff.print.Printer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Backpropagation through time as a closed form: an RNN unrolled 50 steps derives (no overflow, no exhausted
 * budget) and, with common subexpressions named, states one forward and one backward temporary a step, so the
 * --cse form grows linearly with T. Growth figures: bench/growth, bench/results/derivation.md.
 */
class UnrolledModelGradientsTest {

    static String rnn(int steps) {
        String h = "h0";
        for (int t = 1; t <= steps; t++) h = "tanh(W*x" + t + " + U*" + h + ")";
        return "norm2(V*" + h + " - y)^2";
    }

    @Test void fiftyStepRnnIsOneForwardAndOneBackwardTemporaryAStep() {
        int steps = 50;
        Problem t = Problem.of(rnn(steps));
        List<Var> wrt = List.of(t.variables().get("W"), t.variables().get("U"));
        Gradients.Result r = Gradients.of(t.expr(), wrt);
        var cse = CommonSubexpressions.of(new ArrayList<>(r.gradients().values()), t.variables().keySet());
        assertEquals(2 * steps, cse.names().size(), cse.names().keySet().toString());
        // ∂f/∂W = 2 (t₅₀ x50ᵀ + … + t₉₉ x1ᵀ): one outer product per step, each input once.
        String w = Printer.print(cse.roots().get(0), Format.ASCII);
        for (int k = 1; k <= steps; k++) assertTrue(w.contains("*x" + k + "'"), "x" + k + " in " + w);
        int printed = 0;
        for (Expr e : cse.names().values()) printed += Printer.print(e, Format.ASCII).length();
        assertTrue(printed < 100 * steps, "the named form is linear in T: " + printed + " characters");
    }

    @Test void threeStepRnnGradientIsBackpropagationThroughTime() {
        // δ₃ = Vᵀ(V h₃ − y) ⊙ (1 − h₃²), δₜ = Uᵀδₜ₊₁ ⊙ (1 − hₜ²), ∂f/∂U = 2 Σ δₜ hₜ₋₁ᵀ (δ₁ is used once, so not named).
        Problem t = Problem.of(rnn(3));
        Gradients.Result r = Gradients.of(t.expr(), List.of(t.variables().get("U")));
        var cse = CommonSubexpressions.of(new ArrayList<>(r.gradients().values()), t.variables().keySet());
        assertEquals("t0 = tanh(W*x1 + U*h0); t1 = tanh(W*x2 + U*t0); t2 = tanh(W*x3 + U*t1); "
                        + "t3 = V'*(V*t2 - y).*(1 - t2.^2); t4 = U'*t3.*(1 - t1.^2); "
                        + "dU = 2*(t3*t1' + t4*t0' + U'*t4.*(1 - t0.^2)*h0')",
                describe(cse));
    }

    private static String describe(CommonSubexpressions.Result cse) {
        StringBuilder sb = new StringBuilder();
        cse.names().forEach((n, e) -> sb.append(n).append(" = ").append(Printer.print(e, Format.ASCII)).append("; "));
        return sb.append("dU = ").append(Printer.print(cse.roots().get(0), Format.ASCII)).toString();
    }

    @Test void costIsCountedOverTheTreeEvenWhenSubexpressionsAreShared() {
        Problem t = Problem.of("(A*B)'*(A*B)'", "A: matrix(n); B: matrix(n)");
        Expr e = t.expr();
        assertTrue(e instanceof Apply a && a.arg(0) == a.arg(1) || e instanceof Apply, "parsed");
        // (A B)ᵀ costs 3 (its parentheses, as Bᵀ Aᵀ is shorter) + 3 for A B; twice, plus the product: 13.
        assertEquals(13, Simplifier.cost(e));
    }
}

package io.tracediff.symja.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.api.Problem;
import io.tracediff.diff.Gradients;
import io.tracediff.expr.Var;
import io.tracediff.symja.ExactCheck;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * check --exact within its time: Symja's Simplify of this gradient ran on past its own limit holding a lock that the
 * search for a counterexample then waited on, for minutes (the red team stopped it at 200 s).
 */
@Tag("slow")
class ExactProverDeadlineTest {
    @Test void aSimplifyThatIgnoresItsLimitDoesNotHoldTheCheck() {
        Problem p = Problem.of("tanh(x'*A*x)^7*sigmoid(sum(A*A*A*x))^5", "A: matrix(3, 3); x: vector(3)");
        Var a = p.variables().get("A");
        var gradients = Gradients.of(p.expr(), List.of(a)).gradients();
        // A 30 s budget (the first Simplify gets 20 s, then runs on), so the check stops by 40 s, budget and grace; a generous
        // bound: it waited for that Simplify for minutes before.
        ExactCheck.Report r = assertTimeoutPreemptively(Duration.ofSeconds(150),
                () -> ExactProver.gradients(p.expr(), List.of(a), gradients, 2, 30_000));
        assertEquals(1, r.outcomes().size());
        String line = r.outcomes().get(0).line();
        assertTrue(line.startsWith("exact: undecided at entry ("), line);
    }
}

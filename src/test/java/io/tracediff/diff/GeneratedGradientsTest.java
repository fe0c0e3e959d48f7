package io.tracediff.diff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.check.CrossCheck;
import io.tracediff.check.ExpressionGenerator;
import io.tracediff.check.FiniteDifferences;
import io.tracediff.check.GeneratedCases;
import io.tracediff.eval.Matrix;
import io.tracediff.eval.tree.RandomPoints;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.ops.Functions;
import io.tracediff.print.Printer;
import io.tracediff.rules.RuleSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 10,000 generated scalar functions over every operator, function and constructor, with distinct sizes:
 * each gradient derived and self-checked against reverse mode at two points, and its reverse-mode gradient
 * compared with central differences, so symbolic = reverse mode = finite differences.
 */
class GeneratedGradientsTest {
    static final int CASES = Integer.getInteger("cases", 10_000);
    /** The first seed drawn: a longer run outside CI ({@code -DfirstSeed=40000 -Dcases=20000}) draws cases the default run never sees. */
    static final int FIRST_SEED = Integer.getInteger("firstSeed", 0);

    /** Draws until CASES gradients were checked (a few draws have no point where f is defined), at most 10 % more. */
    @Test void tenThousandGradientsAgreeWithReverseModeAndCentralDifferences() {
        GeneratedCases tally = new GeneratedCases();
        List<String> numeric = new ArrayList<>();
        int fdChecked = 0;
        java.util.Map<String, Integer> covered = new java.util.TreeMap<>();
        int[] egraphRuns = new int[4];   // runs, runs stopped by a limit, most nodes, longest run in ms

        for (String k : PAPER_FUNCTIONS) covered.put(k, 0);
        for (int seed = FIRST_SEED; tally.checked < CASES && seed < FIRST_SEED + CASES + CASES / 10; seed++) {
            Expr f = new ExpressionGenerator(seed, 4).scalar();
            int before = tally.checked;
            tally.run(seed, f, wrt -> {
                Gradients.Result r = Gradients.of(f, wrt, RuleSet.builtin(), Functions.builtin(), true);
                for (var run : r.saturations()) {
                    egraphRuns[0]++;
                    if (run.limited()) egraphRuns[1]++;
                    egraphRuns[2] = Math.max(egraphRuns[2], run.nodes());
                    egraphRuns[3] = Math.max(egraphRuns[3], (int) (run.nanos() / 1_000_000));
                }
                return r.selfCheck();
            });
            if (tally.checked > before) for (String k : ExpressionGenerator.operatorKeys(f)) covered.computeIfPresent(k, (key, n) -> n + 1);
            if (reverseModeMatchesCentralDifferences(seed, f, numeric)) fdChecked++;
        }
        System.out.println(tally.summary("generated gradients") + "; " + fdChecked + " of them also reverse mode = central differences; checked cases reading "
                + covered + "; e-graph: " + egraphRuns[0] + " runs, " + egraphRuns[1] + " stopped by a limit, at most " + egraphRuns[2] + " nodes, longest " + egraphRuns[3] + " ms");
        covered.forEach((k, n) -> assertTrue(n >= CASES / 200, "only " + n + " checked cases read " + k));
        assertTrue(tally.failures.isEmpty(), tally.failures.size() + " wrong gradients:" + tally.report());
        assertTrue(numeric.isEmpty(), "reverse mode disagrees with central differences:\n  " + String.join("\n  ", numeric.subList(0, Math.min(10, numeric.size()))));
        assertTrue(tally.checked >= CASES, tally.summary("too few checked") + "\nrefusals: " + tally.refusals);
        // Central differences are skipped only where two step sizes disagree (f too curved there) or f overflows.
        assertTrue(fdChecked >= CASES * 9 / 10, "too few central-difference checks: " + fdChecked);
        // The default pipeline ends in equality saturation: the checked forms went through it, most of them whole.
        assertTrue(egraphRuns[0] >= CASES / 2 && egraphRuns[1] * 20 <= egraphRuns[0],
                "e-graph: " + egraphRuns[0] + " runs, " + egraphRuns[1] + " stopped by a limit");
    }

    /** The functions issue 18 added: every one is read by at least 0.5 % of the checked cases (erf, one of 15 total functions, about 1 %). */
    static final List<String> PAPER_FUNCTIONS = List.of("softmax", "logsumexp", "max", "min", "erf", "sinh", "cosh", "log1p", "expm1");

    /** True when checked; a disagreement is recorded (reliable differences only: two step sizes must agree). */
    static boolean reverseModeMatchesCentralDifferences(long seed, Expr f, List<String> problems) {
        List<Var> wrt = ExpressionGenerator.variablesOf(f);
        if (wrt.isEmpty()) return false;
        var pts = RandomPoints.sample(List.of(f), ExpressionGenerator.VARS, 1, seed);
        if (pts.isEmpty()) return false;
        var p = pts.get(0);
        var reverse = io.tracediff.check.AutogradBridge.gradients(f, p.values(), wrt, p.bindings().sizes()).gradients();
        for (Matrix m : reverse.values()) for (double d : m.data) if (!Double.isFinite(d)) return false;  // overflows inside f
        // Central differences lose about eps |f| / h to rounding: where f is huge next to the part that moves
        // with this variable (cosh(exp(…)) + g(b)), they cannot resolve the gradient, so there is nothing to compare.
        double f0 = Math.abs(io.tracediff.eval.tree.Evaluator.eval(f, p.bindings()).data[0]);
        double rounding = 10 * Math.ulp(1.0) * Math.max(1, f0) / 1e-6;
        for (Var v : wrt) {
            Matrix fd = FiniteDifferences.gradient(f, ExpressionGenerator.VARS, p.values(), v, 1e-6);
            Matrix coarse = FiniteDifferences.gradient(f, ExpressionGenerator.VARS, p.values(), v, 1e-4);
            for (double d : fd.data) if (!Double.isFinite(d)) return false;   // f overflows next to the point
            if (!CrossCheck.compare(v.name(), "h", fd, "H", coarse, 1e-5, 1e-3).agree()) return false; // f too curved here to tell
            if (rounding > CrossCheck.NUMERIC_ATOL + CrossCheck.NUMERIC_RTOL * reverse.get(v.name()).maxAbs()) return false;
            var c = CrossCheck.compare(v.name(), "reverse", reverse.get(v.name()), "fd", fd, CrossCheck.NUMERIC_ATOL, CrossCheck.NUMERIC_RTOL);
            if (!c.agree()) problems.add("seed " + seed + ": ∂(" + Printer.ascii(f) + ")/∂" + v.name() + " off by " + c.maxAbs());
        }
        return true;
    }
}

package io.tracediff.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracediff.api.Mathematics;
import io.tracediff.api.Problem;
import io.tracediff.api.Verification;
import io.tracediff.check.CrossCheck;
import io.tracediff.diff.Gradients;
import io.tracediff.eval.Matrix;
import io.tracediff.symja.ExactCheck;
import io.tracediff.expr.Var;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tracediff check EXPR --wrt X}: closed form vs reverse mode vs finite differences. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compute the gradient three independent ways at random points of the variables' domains — the compiled "
                + "closed form, the reverse-mode engine running EXPR, and central finite differences — and compare them pairwise. "
                + "Where central differences cannot tell an entry at a point (f's rounding over the step, a kink within a step, f not "
                + "finite a step away, a quotient that moves with the step), that entry is left out of their comparison and a row "
                + "with no other entry to compare says n/a, with why (JSON: \"unresolved\"). "
                + "Exit status 0 when all agree within tolerance, 3 when not (naming the variable and the worst entry), 2 when the "
                + "closed form is not finite at the --at values where f is (no gradient to compare there)."},
        footer = {"", "Example:",
                "  tracediff check \"logdet(S) + x'*inv(S)*x\" --wrt S --let \"S: spd(n)\" --trials 5",
                "", "Domains: spd(n) samples symmetric positive-definite matrices, positive(…) positive entries; square matrices",
                "are sampled well conditioned (a dominant diagonal) so inv, det and logdet are safe."})
public final class CheckCommand extends BaseCommand {

    @Mixin ProblemOptions problem;

    @Mixin WrtOptions wrt;

    @Option(names = "--trials", paramLabel = "N", defaultValue = "3", description = "Random points to check at (default ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the random points (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--at", paramLabel = "VALUES", description = "Check at these values (values.json or inline JSON) instead of random points.")
    String at;

    @Option(names = "--json", description = "Machine-readable JSON on stdout.")
    boolean json;

    @Option(names = "--exact", description = "Also prove the closed form exactly with Symja: every symbolic dimension of size "
            + ExactCheck.DEFAULT_SIZE + ", entries as symbols (sizes up to 3×3).")
    boolean exact;

    @Mixin RuleOptions rules;

    @Override
    public Integer call() {
        if (trials < 1 || trials > 10_000) throw new io.tracediff.core.UserError("--trials must be between 1 and 10000, not " + trials);
        Mathematics mathematics = rules.mathematics();
        Problem p = problem.problem(mathematics);
        List<Var> vars = wrt.variables(p, problem.wrtFromFile());
        // check is the comparison itself (and exits 3 on a disagreement), so the form is not withheld here.
        Gradients.Result g = Verification.candidate(p, vars, mathematics, exact);
        Map<String, Matrix> values = ValuesOptions.read(at, p, err());
        Verification.Outcome outcome = Verification.compare(p, vars, g, new Verification.Request(trials, seed, values, exact));
        CrossCheck.Report report = outcome.numeric();
        ExactCheck.Report proof = outcome.exact();
        if (json) {
            ObjectNode o = Json.object();
            o.put("agree", report.agree());
            o.put("trials", report.trials());
            ArrayNode rows = o.putArray("comparisons");
            for (CrossCheck.Comparison c : report.comparisons()) {
                ObjectNode r = rows.addObject();
                r.put("variable", c.variable()).put("left", c.left()).put("right", c.right());
                r.put("max_abs", c.maxAbs()).put("max_rel", c.maxRel()).put("agree", c.agree());
                if (c.unresolved() != null) r.put("unresolved", c.unresolved());
                r.putArray("worst_entry").add(c.row() + 1).add(c.col() + 1);
            }
            if (outcome.exactConstants() != null) o.put("exact_constants", outcome.exactConstants());
            if (proof != null) exactJson(o.putObject("exact"), proof);
            out().println(Json.write(o));
        } else {
            out().printf(Locale.ROOT, "%-10s %-42s %11s %11s%n", "variable", "comparison", "max abs", "max rel");
            for (CrossCheck.Comparison c : report.comparisons())
                out().printf(Locale.ROOT, "%-10s %-42s %11.2e %11.2e  %s%n", c.variable(), c.left() + " vs " + c.right(), c.maxAbs(), c.maxRel(),
                        c.unresolved() != null ? "n/a" : c.agree() ? "ok" : "DISAGREE");
            String where = report.trials() + (report.trials() == 1 ? " point" : " points") + (at == null ? ", seed " + seed : "");
            java.util.Map<String, String> unresolved = new java.util.LinkedHashMap<>();
            for (CrossCheck.Comparison c : report.comparisons()) if (c.unresolved() != null) unresolved.putIfAbsent(c.variable(), c.unresolved());
            unresolved.forEach((v, why) -> out().println("finite differences cannot resolve ∂f/∂" + v + " here: " + why));
            if (outcome.exactConstants() != null)
                out().println(DerivationOptions.CONSTANTS_NOTE + outcome.exactConstants());
            if (report.agree())
                out().println(unresolved.isEmpty() ? "all agree (" + where + ")"
                        : "closed form and reverse mode agree (" + where + "); finite differences could not check " + String.join(", ", unresolved.keySet()));
            if (proof != null)
                for (ExactCheck.Outcome x : proof.outcomes()) out().printf("%-10s %s%n", x.variable(), x.line());
        }
        out().flush();
        boolean differs = proof != null && proof.differs();
        if (differs) {
            for (ExactCheck.Outcome x : proof.outcomes())
                if (x.verdict() == ExactCheck.Verdict.DIFFERS) {
                    ExactCheck.Entry e = x.decisive();
                    err().printf(Locale.ROOT, "differs exactly: ∂f/∂%s entry (%d, %d)%s: %s%n", x.variable(), e.row() + 1, e.col() + 1,
                            x.sizes().isEmpty() ? "" : " at " + x.sizes(), e.difference());
                }
            err().flush();
        }
        if (report.agree()) return differs ? ExitCodes.DISAGREE : ExitCodes.OK;
        CrossCheck.Comparison w = report.worst();
        err().printf(Locale.ROOT, "disagree: ∂f/∂%s entry (%d, %d): %s %.6g vs %s %.6g%n", w.variable(), w.row() + 1, w.col() + 1,
                w.left(), w.leftValue(), w.right(), w.rightValue());
        err().flush();
        return ExitCodes.DISAGREE;
    }

    /** {"sizes": {"n": 2}, "variables": [{"variable": "X", "result": "proved" | "differs" | "undecided", "entry": [i, j], "difference": …}]} */
    private static void exactJson(ObjectNode o, ExactCheck.Report proof) {
        ObjectNode sizes = o.putObject("sizes");
        proof.sizes().forEach(sizes::put);
        o.put("proved", proof.proved());
        ArrayNode vars = o.putArray("variables");
        for (ExactCheck.Outcome x : proof.outcomes()) {
            ObjectNode v = vars.addObject().put("variable", x.variable()).put("result", x.verdict().name().toLowerCase(Locale.ROOT));
            ExactCheck.Entry e = x.decisive();
            if (e != null) {
                v.putArray("entry").add(e.row() + 1).add(e.col() + 1);
                v.put("difference", e.difference());
            }
        }
    }
}

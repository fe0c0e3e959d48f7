package io.tracediff.check;

import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.core.UserError;
import io.tracediff.print.Printer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Runs a derivation on many generated expressions and tallies what happened: checked against reverse
 * mode (the self-check throws on a disagreement), refused with a user error, or not checkable (no point
 * where f is defined). Failures are reported with their seed and the ASCII form, which parses back
 * under {@link ExpressionGenerator#DECLARATIONS}, so each becomes a regression test in one line.
 */
public final class GeneratedCases {
    public int checked, refused, unchecked, constant;
    public final List<String> failures = new ArrayList<>();
    public final List<String> refusals = new ArrayList<>();

    /** {@code derive} returns the self-check's outcome, or throws {@link SelfCheck.Failed} / {@link UserError}. */
    public void run(long seed, Expr f, Function<List<Var>, SelfCheck.Outcome> derive) {
        List<Var> wrt = ExpressionGenerator.variablesOf(f);
        if (wrt.isEmpty()) { constant++; return; }
        try {
            SelfCheck.Outcome o = derive.apply(wrt);
            if (o.checked()) checked++;
            else unchecked++;
        } catch (SelfCheck.Failed e) {
            failures.add("seed " + seed + ": " + Printer.ascii(f) + " wrt " + names(wrt) + ": " + e.getMessage());
        } catch (UserError e) {
            refused++;
            if (refusals.size() < 20) refusals.add("seed " + seed + ": " + Printer.ascii(f) + ": " + e.getMessage().lines().findFirst().orElse(""));
        } catch (RuntimeException e) {
            failures.add("seed " + seed + ": " + Printer.ascii(f) + " wrt " + names(wrt) + ": " + e);
        }
    }

    private static String names(List<Var> vs) { return vs.stream().map(Var::name).toList().toString(); }

    public String summary(String what) {
        return String.format(Locale.ROOT, "%s: %d checked against reverse mode, %d refused, %d without a defined point, %d constant, %d failed",
                what, checked, refused, unchecked, constant, failures.size());
    }

    public String report() {
        StringBuilder sb = new StringBuilder();
        failures.stream().limit(15).forEach(f -> sb.append("\n  ").append(f));
        return sb.toString();
    }
}

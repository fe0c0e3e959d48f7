package io.tracediff.check;

import io.tracediff.codegen.CompiledFunction;
import io.tracediff.eval.VariableValues;
import io.tracediff.eval.Matrix;
import io.tracediff.eval.tree.RandomPoints;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.kernel.CentralDifference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The same gradient three independent ways — the compiled closed form, the reverse-mode engine running
 * the expression, and central differences — compared pairwise at random points of the variables' domains.
 */
public final class CrossCheck {
    /** Closed form against reverse mode: both exact up to rounding. */
    public static final double EXACT_ATOL = 1e-9, EXACT_RTOL = 1e-7;
    /** Anything against central differences (step 1e-6, relative): truncation and rounding error. */
    public static final double NUMERIC_ATOL = 1e-6, NUMERIC_RTOL = 1e-4;
    /** The relative step of the central differences. */
    public static final double STEP = 1e-6;

    public static final String CLOSED = "closed form", REVERSE = "reverse mode", NUMERIC = "finite differences";

    /** The largest disagreement of one pair of methods for one variable, over all trials. */
    public record Comparison(String variable, String left, String right, double maxAbs, double maxRel, int row, int col,
                             double leftValue, double rightValue, boolean agree, String unresolved) {
        public Comparison(String variable, String left, String right, double maxAbs, double maxRel, int row, int col,
                          double leftValue, double rightValue, boolean agree) {
            this(variable, left, right, maxAbs, maxRel, row, col, leftValue, rightValue, agree, null);
        }

        /** This comparison with central differences that cannot resolve the gradient here ({@code why}): not a disagreement. */
        Comparison unresolvedBecause(String why) {
            return new Comparison(variable, left, right, maxAbs, maxRel, row, col, leftValue, rightValue, true, why);
        }
    }

    public record Report(List<Comparison> comparisons, int trials) {
        public boolean agree() { return comparisons.stream().allMatch(Comparison::agree); }

        /** The comparison furthest outside its tolerance (or the largest relative difference when all agree). */
        public Comparison worst() {
            Comparison w = null;
            for (Comparison c : comparisons)
                if (w == null || (!c.agree() && w.agree()) || (c.agree() == w.agree() && c.maxRel() > w.maxRel())) w = c;
            return w;
        }
    }

    private CrossCheck() {}

    /**
     * Checks {@code closedForms} (∂f/∂X by variable name) at {@code trials} random points drawn from
     * {@code seed}, or at {@code at} alone when given.
     */
    public static Report run(Expr f, Map<String, Var> vars, List<Var> wrt, Map<String, Expr> closedForms,
                             int trials, long seed, Map<String, Matrix> at) {
        Map<String, Expr> outputs = new LinkedHashMap<>();
        for (Var v : wrt) outputs.put(v.name(), closedForms.get(v.name()));
        CompiledFunction compiled = CompiledFunction.compile(new ArrayList<>(vars.values()), outputs);
        Map<String, Comparison> worst = new LinkedHashMap<>();
        List<Expr> defined = new ArrayList<>(outputs.values());
        defined.add(0, f);
        // Random points where f and the forms are defined (sizes redrawn in another order for a wide XᵀX).
        List<Map<String, Matrix>> points = new ArrayList<>();
        if (at != null) {
            // Outside f's domain there is nothing to compare: a user error, not a disagreement.
            VariableValues given = VariableValues.bind(vars, at);
            for (double x : new io.tracediff.eval.tree.Evaluator(given.values(), Map.of(), given.sizes()).value(f).data)
                if (!Double.isFinite(x))
                    throw new io.tracediff.core.UserError("f = " + io.tracediff.print.Printer.ascii(f) + " is " + x
                            + " at the given values, so there is no gradient to check there; give a point where f is defined");
            points.add(at);
        }
        else for (RandomPoints.Point p : RandomPoints.sample(defined, vars, trials, seed)) points.add(p.values());
        if (points.isEmpty())
            throw new io.tracediff.core.UserError("no random point where the expression is defined was found; give one with --at values.json");
        int n = points.size();
        // Central differences evaluate f twice per entry of each variable, at every point: the limit is on the total,
        // so that --trials cannot make a check run for hours.
        long total = 0;
        for (Map<String, Matrix> values : points) for (Var v : wrt) total += values.get(v.name()).data.length;
        io.tracediff.limits.Limit.CHECKED_ENTRIES.check(total, "finite differences would perturb " + total + " entries at "
                + n + (n == 1 ? " point" : " points") + (n > 1 ? " (lower --trials)" : ""));
        for (int t = 0; t < n; t++) {
            Map<String, Matrix> values = points.get(t);
            VariableValues b = VariableValues.bind(vars, values);
            io.tracediff.eval.tree.SizeCheck.check(f, b.sizes());
            for (Expr g : outputs.values()) io.tracediff.eval.tree.SizeCheck.check(g, b.sizes());
            Map<String, Matrix> closed = new LinkedHashMap<>();
            compiled.evaluate(values).forEach((k, m) -> closed.put(k, m.copy()));
            Map<String, Matrix> reverse = AutogradBridge.gradients(f, values, wrt, b.sizes()).gradients();
            // Infinity or NaN on both sides is an overflow at this point (tr(X^100000)), not a disagreement to report as one.
            for (Var v : wrt)
                if (!finite(closed.get(v.name())) && !finite(reverse.get(v.name())))
                    throw new io.tracediff.core.UserError("the gradient with respect to " + v.name() + " is not finite at " + (at != null ? "the given values" : "a random point")
                            + " (the values overflow), so there is nothing to compare; try smaller values with --at");
            // At the user's point a closed form that is not finite where f is (x/‖x‖ at x = 0) says f has no gradient there.
            if (at != null)
                for (Var v : wrt)
                    if (!finite(closed.get(v.name())))
                        throw new io.tracediff.core.UserError("the closed form of ∂f/∂" + v.name() + " is " + firstAtNonFinite(closed.get(v.name()), reverse.get(v.name()))
                                + ": the form is undefined at this point (f is not differentiable here, or the form is 0/0 here though the gradient"
                                + " exists, as 1.5 ‖x‖^0.5 x/‖x‖ is at x = 0), so there is nothing to compare; give another point with --at");
            RoundingDraws draws = new RoundingDraws(f, wrt, outputs, b);
            for (Var v : wrt) {
                Matrix numeric = FiniteDifferences.gradient(f, vars, values, v, STEP);
                keepWorst(worst, beyondRounding(compare(v.name(), CLOSED, closed.get(v.name()), REVERSE, reverse.get(v.name()), EXACT_ATOL, EXACT_RTOL),
                        v.name(), closed.get(v.name()), reverse.get(v.name()), draws));
                Comparison closedNumeric = compare(v.name(), CLOSED, closed.get(v.name()), NUMERIC, numeric, NUMERIC_ATOL, NUMERIC_RTOL);
                Comparison reverseNumeric = compare(v.name(), REVERSE, reverse.get(v.name()), NUMERIC, numeric, NUMERIC_ATOL, NUMERIC_RTOL);
                // Asked only on a disagreement: which entries central differences can tell here at all. The others are
                // compared still; only where those agree is the row n/a.
                Map<Integer, String> unresolved = closedNumeric.agree() && reverseNumeric.agree() ? Map.of()
                        : FiniteDifferences.unresolved(f, vars, values, v, STEP, reverse.get(v.name()), NUMERIC_ATOL, NUMERIC_RTOL);
                if (!unresolved.isEmpty()) {
                    String why = unresolved.values().iterator().next() + (unresolved.size() < numeric.data.length
                            ? " (" + unresolved.size() + " of " + numeric.data.length + " entries; the others agree)" : "");
                    Matrix told = resolvedOnly(numeric, unresolved.keySet());
                    Comparison c = compare(v.name(), CLOSED, resolvedOnly(closed.get(v.name()), unresolved.keySet()), NUMERIC, told, NUMERIC_ATOL, NUMERIC_RTOL);
                    Comparison r = compare(v.name(), REVERSE, resolvedOnly(reverse.get(v.name()), unresolved.keySet()), NUMERIC, told, NUMERIC_ATOL, NUMERIC_RTOL);
                    closedNumeric = c.agree() ? closedNumeric.unresolvedBecause(why) : c;
                    reverseNumeric = r.agree() ? reverseNumeric.unresolvedBecause(why) : r;
                }
                keepWorst(worst, closedNumeric);
                keepWorst(worst, reverseNumeric);
            }
        }
        return new Report(List.copyOf(worst.values()), n);
    }

    /**
     * A closed form and reverse mode that agree within {@link #EXACT_ATOL} but differ, at an entry reverse mode
     * resolves, by more than rounding can make them differ ({@link SelfCheck#beyondRounding}): 0 against 2·10⁻²⁰ c x
     * is a disagreement, whatever the absolute tolerance says.
     */
    private static Comparison beyondRounding(Comparison c, String v, Matrix closed, Matrix reverse, RoundingDraws draws) {
        if (!c.agree() || c.maxAbs() <= EXACT_RTOL * Math.max(closed.maxAbs(), reverse.maxAbs())) return c;
        List<Matrix> closedDraws = new ArrayList<>(), reverseDraws = new ArrayList<>();
        if (!draws.of(v, closedDraws, reverseDraws)) return c;
        SelfCheck.Unexplained u = SelfCheck.beyondRounding(closed, reverse, closedDraws, reverseDraws, EXACT_RTOL);
        if (u == null) return c;
        return new Comparison(c.variable(), c.left(), c.right(), u.difference(), u.difference() / Math.max(closed.maxAbs(), reverse.maxAbs()),
                u.entry() / closed.cols, u.entry() % closed.cols, closed.data[u.entry()], reverse.data[u.entry()], false);
    }

    /** The closed forms (interpreted) and reverse mode at one point with every operand perturbed, drawn once when asked. */
    private static final class RoundingDraws {
        private final Expr f;
        private final List<Var> wrt;
        private final Map<String, Expr> forms;
        private final VariableValues at;
        private List<Map<String, Matrix>> closed, reverse;

        RoundingDraws(Expr f, List<Var> wrt, Map<String, Expr> forms, VariableValues at) {
            this.f = f; this.wrt = wrt; this.forms = forms; this.at = at;
        }

        /** Adds v's draws to the lists; false where a draw fails, overflows or nears underflow (no bound then). */
        boolean of(String v, List<Matrix> closedOut, List<Matrix> reverseOut) {
            if (closed == null) draw();
            if (closed.isEmpty()) return false;
            for (Map<String, Matrix> d : closed) closedOut.add(d.get(v));
            for (Map<String, Matrix> d : reverse) reverseOut.add(d.get(v));
            return true;
        }

        private void draw() {
            closed = new ArrayList<>();
            reverse = new ArrayList<>();
            for (int k = 1; k <= SelfCheck.NOISE_DRAWS; k++) {
                io.tracediff.eval.Perturbation p = new io.tracediff.eval.Perturbation(k);
                Map<String, Matrix> c = new LinkedHashMap<>();
                Map<String, Matrix> r;
                try {
                    io.tracediff.eval.tree.Evaluator ev = new io.tracediff.eval.tree.Evaluator(at.values(), Map.of(), at.sizes(), p);
                    for (Var v : wrt) c.put(v.name(), ev.value(forms.get(v.name())));
                    r = AutogradBridge.gradients(f, at.values(), wrt, at.sizes(), p).gradients();
                } catch (RuntimeException undefinedNearby) {
                    closed.clear();
                    return;
                }
                for (Var v : wrt) { p.observe(c.get(v.name()).data); p.observe(r.get(v.name()).data); }
                boolean usable = !p.nearUnderflow();
                for (Var v : wrt) usable &= finite(c.get(v.name())) && finite(r.get(v.name()));
                if (!usable) { closed.clear(); return; }
                closed.add(c);
                reverse.add(r);
            }
        }
    }

    /** {@code m} with the {@code unresolved} entries 0: two such copies compared differ only where both sides are told. */
    private static Matrix resolvedOnly(Matrix m, java.util.Set<Integer> unresolved) {
        Matrix out = m.copy();
        for (int k : unresolved) out.data[k] = 0;
        return out;
    }

    /** The closed form's first entry that is not finite, with reverse mode's value there: "NaN at entry (1, 1) of the given values (reverse mode: 0.0)". */
    private static String firstAtNonFinite(Matrix closed, Matrix reverse) {
        for (int k = 0; k < closed.data.length; k++)
            if (!Double.isFinite(closed.data[k]))
                return closed.data[k] + " at entry (" + (k / closed.cols + 1) + ", " + (k % closed.cols + 1) + ") at the given values (reverse mode gives " + reverse.data[k] + " there)";
        return "finite";
    }

    private static boolean finite(Matrix m) {
        for (double x : m.data) if (!Double.isFinite(x)) return false;
        return true;
    }

    /**
     * For users validating their own autograd: their gradient of their function against central differences
     * of that same function, entry by entry, with the tolerances used for finite differences.
     */
    public static Comparison validate(String name, Function<Matrix, Double> function, Function<Matrix, Matrix> gradient, Matrix at) {
        Matrix numeric = new Matrix(at.rows, at.cols);
        for (int k = 0; k < at.data.length; k++) {
            int entry = k;
            numeric.data[k] = CentralDifference.slope(t -> {
                Matrix moved = at.copy();   // the user's function gets its own copy each time, as it may keep or change it
                moved.data[entry] += t;
                return function.apply(moved);
            }, CentralDifference.step(STEP, at.data[k]));
        }
        return compare(name, "your gradient", gradient.apply(at.copy()), NUMERIC, numeric, NUMERIC_ATOL, NUMERIC_RTOL);
    }

    /** Entrywise comparison; agree when every |a − b| ≤ atol + rtol · max(|a|, |b|) over the whole matrix. */
    public static Comparison compare(String variable, String left, Matrix a, String right, Matrix b, double atol, double rtol) {
        if (a.rows != b.rows || a.cols != b.cols)
            return new Comparison(variable, left, right, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 0, 0, Double.NaN, Double.NaN, false);
        double scale = Math.max(a.maxAbs(), b.maxAbs());
        double maxAbs = 0;
        int at = 0;
        boolean finite = true;
        for (int i = 0; i < a.data.length; i++) {
            double d = Math.abs(a.data[i] - b.data[i]);
            if (!Double.isFinite(a.data[i]) || !Double.isFinite(b.data[i])) { finite = false; at = i; maxAbs = Double.NaN; break; }
            if (d > maxAbs) { maxAbs = d; at = i; }
        }
        double maxRel = finite ? maxAbs / Math.max(scale, Double.MIN_NORMAL) : Double.NaN;
        boolean agree = finite && maxAbs <= atol + rtol * scale;
        return new Comparison(variable, left, right, maxAbs, maxRel, at / a.cols, at % a.cols, a.data[at], b.data[at], agree);
    }

    private static void keepWorst(Map<String, Comparison> worst, Comparison c) {
        String key = c.variable() + "|" + c.left() + "|" + c.right();
        Comparison old = worst.get(key);
        if (old == null || (!c.agree() && old.agree())) { worst.put(key, c); return; }
        if (c.agree() != old.agree()) return;
        // Among agreements, one central differences resolved says more than one they could not (at another point).
        if ((c.unresolved() == null) != (old.unresolved() == null)) { if (c.unresolved() == null) worst.put(key, c); return; }
        if (!(c.maxAbs() <= old.maxAbs())) worst.put(key, c);
    }
}

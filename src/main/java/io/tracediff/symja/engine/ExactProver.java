package io.tracediff.symja.engine;

import io.tracediff.core.UserError;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.shape.Dim;
import io.tracediff.shape.Sizes;
import io.tracediff.symja.ExactCheck;
import io.tracediff.symja.ExactCheck.Entry;
import io.tracediff.symja.ExactCheck.Outcome;
import io.tracediff.symja.ExactCheck.Report;
import io.tracediff.symja.ExactCheck.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.hipparchus.complex.Complex;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/** The Symja side of {@link ExactCheck}: expands f and G entry by entry and proves each entry of their difference 0. */
public final class ExactProver {
    private ExactProver() {}

    /** What the search for counterexamples may add to the rewriting budget before the check stops regardless. */
    static final long GRACE_MILLIS = 10_000;

    /**
     * Checks each gradient of f (by variable name) with every symbolic dimension of size {@code size} (1 to 3), on a
     * daemon thread awaited until the budget ({@link ExactCheck#BUDGET_MILLIS}) plus {@link #GRACE_MILLIS}; past that
     * the thread is abandoned ({@link OnDaemon}) and the entries it had not decided are undecided, stopped by the limit.
     */
    static Report gradients(Expr f, List<Var> wrt, Map<String, Expr> gradients, int size) {
        if (size < 1 || size > Expansion.MAX_SIZE) throw new UserError("--exact sizes are 1 to " + Expansion.MAX_SIZE + ", not " + size);
        if (!f.isScalar()) throw new UserError("--exact needs a scalar expression, but it is " + f.shape());
        Progress progress = new Progress(wrt);
        long deadline = System.currentTimeMillis() + ExactCheck.BUDGET_MILLIS;
        Report r = OnDaemon.run("tracediff-exact", deadline + GRACE_MILLIS, () -> prove(f, wrt, gradients, size, deadline, progress));
        return r != null ? r : progress.stopped();
    }

    /** What the prover thread has decided so far, read by the caller when it stops waiting. */
    static final class Progress {
        private final List<Var> wrt;
        private final List<Outcome> outcomes = new ArrayList<>();
        private final List<Entry> current = new ArrayList<>();
        private Map<String, Integer> named;
        private String sizes;

        Progress(List<Var> wrt) { this.wrt = wrt; }

        synchronized void sizes(Map<String, Integer> named, String sizes) { this.named = named; this.sizes = sizes; }

        synchronized void entry(Entry e) { current.add(e); }

        synchronized void outcome(Outcome o) { outcomes.add(o); current.clear(); }

        /** A dimension's size in the expansion (entries run row by row, so the next one's place follows from it). */
        private int size(Dim d) {
            if (d instanceof Dim.Fixed n) return n.size();
            if (d instanceof Dim.Sym s) return named.getOrDefault(s.name(), 1);
            if (d instanceof Dim.Product p) return size(p.left()) * size(p.right());
            return 1;
        }

        synchronized Report stopped() {
            if (named == null) throw io.tracediff.limits.Limit.EXACT_SECONDS.exceeded("check --exact stopped at its time limit before Symja had expanded the entries");
            List<Outcome> all = new ArrayList<>(outcomes);
            for (int i = all.size(); i < wrt.size(); i++) {
                List<Entry> entries = new ArrayList<>(i == outcomes.size() ? current : List.of());
                int at = entries.size(), cols = Math.max(1, size(wrt.get(i).shape().cols()));
                entries.add(new Entry(at / cols, at % cols, Verdict.UNDECIDED, ExactCheck.STOPPED));
                all.add(new Outcome(wrt.get(i).name(), sizes, Verdict.UNDECIDED, entries));
            }
            return new Report(named, all);
        }
    }

    private static Report prove(Expr f, List<Var> wrt, Map<String, Expr> gradients, int size, long deadline, Progress progress) {
        List<Expr> all = new ArrayList<>(List.of(f));
        for (Var v : wrt) all.add(gradient(gradients, v));
        Map<Dim.Sym, Integer> dims = Expansion.symbolicDims(all, size);
        Sizes sizes = Sizes.of(s -> {
            Integer n = dims.get(s);
            if (n == null) throw new IllegalStateException("no size for dimension " + s);
            return n;
        });
        Map<String, Integer> named = new TreeMap<>();
        dims.forEach((d, n) -> named.put(d.name(), n));
        String text = String.join(", ", named.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).toList());
        progress.sizes(named, text);

        Expansion x = new Expansion(sizes);
        IExpr fx = x.expand(f).at()[0];
        Prover prover = new Prover(x, deadline);
        List<Outcome> outcomes = new ArrayList<>();
        for (Var v : wrt) {
            Expansion.Entries g = x.expand(gradient(gradients, v)), vx = x.variable(v);
            if (g.rows() != vx.rows() || g.cols() != vx.cols())
                throw new IllegalStateException("the gradient of " + v.name() + " is " + g.rows() + "×" + g.cols() + ", not " + vx.rows() + "×" + vx.cols());
            boolean symmetric = v.kind().symmetric();
            List<Entry> entries = new ArrayList<>();
            Verdict verdict = Verdict.PROVED;
            for (int i = 0; i < vx.rows(); i++)
                for (int j = 0; j < vx.cols(); j++) {
                    IExpr d = x.derivative(fx, (ISymbol) vx.get(i, j));
                    if (symmetric && i != j) d = Symja.eval(F.Times(F.C1D2, d));
                    Entry e = prover.compare(i, j, d, g.get(i, j));
                    entries.add(e);
                    progress.entry(e);
                    verdict = Verdict.worst(verdict, e.verdict());
                }
            Outcome o = new Outcome(v.name(), text, verdict, entries);
            outcomes.add(o);
            progress.outcome(o);
        }
        return new Report(named, outcomes);
    }

    private static Expr gradient(Map<String, Expr> gradients, Var v) {
        Expr g = gradients.get(v.name());
        if (g == null) throw new IllegalArgumentException("no gradient for " + v.name());
        return g;
    }

    /** Decides entries of expansions made by one {@link Expansion}, within one overall time budget. */
    static final class Prover {
        private final Expansion x;
        private final long deadline;

        Prover(Expansion x) { this(x, System.currentTimeMillis() + ExactCheck.BUDGET_MILLIS); }

        Prover(Expansion x, long deadline) {
            this.x = x;
            this.deadline = deadline;
        }

        /** Whether left = right as formulas; (row, col) only name the entry. */
        Entry compare(int row, int col, IExpr left, IExpr right) {
            long seed = 1_000_003L * row + col;
            IExpr diff = Symja.eval(F.Subtract(left, right));
            if (diff.isZero()) return new Entry(row, col, Verdict.PROVED, "0");
            IExpr shown = diff;
            long secondsLeft = (deadline - System.currentTimeMillis()) / 1000;   // each rewrite within what is left of the budget
            if (secondsLeft >= 1) {
                // Rational algebra first, on a sum of simple fractions (Symja 3's Together can go wrong on nested
                // quotients) with exponentials as symbols; then Simplify for the rest (tanh² + sech² = 1).
                IExpr rational = Symja.evalBefore(F.Together(F.ExpandAll(x.exponentialsAsSymbols(diff))), until(secondsLeft));
                if (rational != null && rational.isZero()) return proved(row, col, left, right, seed);
                secondsLeft = (deadline - System.currentTimeMillis()) / 1000;
                IExpr simplified = secondsLeft < 1 ? null : Symja.evalBefore(F.Simplify(diff), until(secondsLeft));
                if (simplified != null && simplified.isZero()) return proved(row, col, left, right, seed);
                if (simplified != null && simplified.leafCount() < shown.leafCount()) shown = simplified;
            }
            return new Entry(row, col, differsSomewhere(left, right, seed) ? Verdict.DIFFERS : Verdict.UNDECIDED, text(shown));
        }

        /** When a rewrite must end: {@link ExactCheck#SECONDS} from now, or the budget's end if sooner. */
        private static long until(long secondsLeft) { return System.currentTimeMillis() + 1000 * Math.min(ExactCheck.SECONDS, secondsLeft); }

        /** Symja reduced the difference to 0; a point where the sides clearly differ would mean a Symja bug, so then: undecided. */
        private Entry proved(int row, int col, IExpr left, IExpr right, long seed) {
            if (!differsSomewhere(left, right, seed)) return new Entry(row, col, Verdict.PROVED, "0");
            return new Entry(row, col, Verdict.UNDECIDED, ExactCheck.CONTRADICTED + text(Symja.eval(F.Subtract(left, right)))
                    + " to 0, but it is not 0 at a random point");
        }

        private String text(IExpr e) {
            String t = x.display(e);
            return t.length() > 300 ? t.substring(0, 300) + "…" : t;
        }

        /** A counterexample: a random point (exact rationals, then N) where the two sides clearly differ. */
        private boolean differsSomewhere(IExpr left, IExpr right, long seed) {
            Random rnd = new Random(seed);
            for (int t = 0; t < ExactCheck.POINTS; t++) {
                Map<IExpr, IExpr> p = x.point(rnd);
                Complex l = value(left, p), r = value(right, p);
                if (l == null || r == null) continue;
                double scale = Math.max(1, Math.max(l.norm(), r.norm()));
                if (l.subtract(r).norm() > ExactCheck.TOLERANCE * scale) return true;
            }
            return false;
        }

        private Complex value(IExpr e, Map<IExpr, IExpr> point) {
            try {
                IExpr at = e.replaceAll(point);
                IExpr v = Symja.eval(F.N(x.numeric(at.isPresent() ? at : e)));
                if (!v.isNumber()) return null;
                Complex c = v.evalfc();
                return Double.isFinite(c.getReal()) && Double.isFinite(c.getImaginary()) ? c : null;
            } catch (RuntimeException notANumber) {
                return null;
            }
        }
    }

    /** Entries of two expansions compared: an exact identity check of two expressions of one shape. */
    public static List<Entry> equal(Expansion x, Expansion.Entries left, Expansion.Entries right) {
        Prover prover = new Prover(x);
        int r = Math.max(left.rows(), right.rows()), c = Math.max(left.cols(), right.cols());
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++) out.add(prover.compare(i, j, left.get(i, j), right.get(i, j)));
        return out;
    }
}

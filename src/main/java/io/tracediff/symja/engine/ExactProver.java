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

    /** Checks each gradient of f (by variable name) with every symbolic dimension of size {@code size} (1 to 3). */
    static Report gradients(Expr f, List<Var> wrt, Map<String, Expr> gradients, int size) {
        if (size < 1 || size > Expansion.MAX_SIZE) throw new UserError("--exact sizes are 1 to " + Expansion.MAX_SIZE + ", not " + size);
        if (!f.isScalar()) throw new UserError("--exact needs a scalar expression, but it is " + f.shape());
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

        Expansion x = new Expansion(sizes);
        IExpr fx = x.expand(f).at()[0];
        Prover prover = new Prover(x);
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
                    verdict = Verdict.worst(verdict, e.verdict());
                }
            outcomes.add(new Outcome(v.name(), text, verdict, entries));
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
        private final long deadline = System.currentTimeMillis() + ExactCheck.BUDGET_MILLIS;

        Prover(Expansion x) { this.x = x; }

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
                IExpr rational = Symja.evalWithin(F.Together(F.ExpandAll(x.exponentialsAsSymbols(diff))), Math.min(ExactCheck.SECONDS, secondsLeft));
                if (rational != null && rational.isZero()) return proved(row, col, left, right, seed);
                secondsLeft = (deadline - System.currentTimeMillis()) / 1000;
                IExpr simplified = secondsLeft < 1 ? null : Symja.evalWithin(F.Simplify(diff), Math.min(ExactCheck.SECONDS, secondsLeft));
                if (simplified != null && simplified.isZero()) return proved(row, col, left, right, seed);
                if (simplified != null && simplified.leafCount() < shown.leafCount()) shown = simplified;
            }
            return new Entry(row, col, differsSomewhere(left, right, seed) ? Verdict.DIFFERS : Verdict.UNDECIDED, text(shown));
        }

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

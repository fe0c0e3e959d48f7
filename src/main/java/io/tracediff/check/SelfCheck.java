package io.tracediff.check;

import io.tracediff.algebra.HighPrecision;
import io.tracediff.eval.tree.Evaluator;
import io.tracediff.eval.Matrix;
import io.tracediff.eval.Perturbation;
import io.tracediff.eval.tree.RandomPoints;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The check every derived closed form passes before it is shown: its value at random points (small,
 * distinct sizes; values from each variable's domain) against the reverse-mode engine running f itself.
 * Gradients against one backward pass, Jacobians against one pass per output entry, Hessians against
 * second-order reverse mode through f (never against the derived gradient). A disagreement throws
 * {@link Failed}: the caller prints nothing.
 */
public final class SelfCheck {
    private SelfCheck() {}

    /** Both sides are exact up to rounding: a gap above this (relative to the largest entry) is a wrong formula. */
    public static final double RTOL = 1e-6, ATOL = 1e-9;
    public static final int POINTS = 2;
    /**
     * Points compared for f: {@link #POINTS}, and three times as many where f holds a function defined piecewise (abs,
     * sign, step, relu, max, min). A form wrong on part of the domain (a rule that drops an abs) agrees with reverse mode
     * at a random point about one time in two there, so six points miss it about one time in 64 where two missed it one
     * time in four: `a*abs(sin(cosh(b+29)))` passed at two points with such a rule, `a*abs(sin(exp(40*b)))` at four.
     */
    static int pointsFor(Expr f) {
        java.util.Map<Expr, Boolean> memo = new java.util.IdentityHashMap<>();
        boolean piecewise = io.tracediff.expr.PostOrder.fold(f, memo, (x, args) -> args.contains(Boolean.TRUE)
                || x instanceof io.tracediff.expr.Apply a && (a.op() instanceof io.tracediff.ops.Extremum
                        || a.op() instanceof io.tracediff.ops.ElementFn fn && fn.fn().exactness() == io.tracediff.ops.ScalarFunction.Exactness.PIECEWISE_LINEAR));
        return piecewise ? 3 * POINTS : POINTS;
    }

    /** Extra points drawn in case one overflows on either side (exp of a large entry). */
    private static final int SPARE = 2;
    private static final long SEED = 0x7ace_d1ffL;

    /**
     * How many points the forms were compared at, the largest relative difference seen, and the constants of f whose value
     * to 420 digits the check used where doubles compute another ("sqrt(2)*sqrt(2) - 2 = 0 (4.4e-16 in floating point)"; else null).
     */
    public record Outcome(int points, double maxRelErr, String exactConstants) {
        public Outcome(int points, double maxRelErr) { this(points, maxRelErr, null); }

        public boolean checked() { return points > 0; }

        public Outcome withExactConstants(String said) { return new Outcome(points, maxRelErr, said); }
    }

    /** A derived form that disagrees with reverse mode: a bug in a rule or in the engine, never in the input. */
    public static final class Failed extends RuntimeException {
        public Failed(String what, double relErr) {
            super("the derived closed form failed its self-check (" + what + ": max relative error "
                    + String.format(java.util.Locale.ROOT, "%.3g", relErr) + "); please report this expression");
        }

        /** Generated code that does not compute what was checked: a bug in a code generator. */
        public Failed(String generatedCodeProblem) {
            super(generatedCodeProblem + "; nothing was written; please report this expression");
        }
    }

    /** ∂f/∂X for each X in {@code wrt} ({@code closed} by variable name). */
    public static Outcome gradients(Expr f, List<Var> wrt, Map<String, Expr> closed) {
        var c = constants(f);
        return noting(f, wrt, c, unlessNoReverseMode(() -> checkGradients(c.f(), wrt, closed)));
    }

    /** ∂vec(F)/∂vec(X)ᵀ for each X in {@code wrt}. */
    public static Outcome jacobians(Expr f, List<Var> wrt, Map<String, Expr> closed) {
        var c = constants(f);
        return noting(f, wrt, c, unlessNoReverseMode(() -> checkJacobians(c.f(), wrt, closed)));
    }

    /** Hessian blocks ∂vec(∂f/∂X)/∂vec(Y)ᵀ (see {@link #checkHessians}). */
    public static Outcome hessians(Expr f, List<Var> wrt, Map<String, Map<String, Expr>> blocks) {
        var c = constants(f);
        return noting(f, wrt, c, unlessNoReverseMode(() -> checkHessians(c.f(), wrt, blocks)));
    }

    /**
     * f as the checks run it: its constants computed to 420 digits and rounded once ({@link HighPrecision}), as the
     * derivation takes them exactly. In doubles sqrt(2)·sqrt(2) − 2 is 4.4·10⁻¹⁶, a sqrt around it makes that 2·10⁻⁸,
     * and reverse mode then disagrees with the exact form 0; (|1 − √2| + 10¹⁵) − 10¹⁵ is 0.375, whose rounding would
     * excuse a form wrong in sign.
     */
    public static HighPrecision.Constants constants(Expr f) {
        return HighPrecision.constants(f, io.tracediff.print.Printer::ascii, SelfCheck::asWritten);
    }

    private static double asWritten(Expr constant) {
        try {
            return Evaluator.numberValue(constant).data[0];
        } catch (RuntimeException undefined) {
            return Double.NaN;
        }
    }

    /**
     * The outcome, naming the constants taken at their exact values; a refusal where those make f undefined at every
     * point where f as written is defined (a/(sqrt(2)*sqrt(2) - 2) divides by 0, and by 4.4e-16 in doubles).
     */
    private static Outcome noting(Expr f, List<Var> wrt, HighPrecision.Constants c, Outcome o) {
        if (c.changed() == null) return o;
        if (!o.checked() && RandomPoints.sample(List.of(c.f()), variables(f, wrt), 1, SEED).isEmpty()
                && !RandomPoints.sample(List.of(f), variables(f, wrt), 1, SEED).isEmpty())
            throw new NeverDefined("cannot self-check the result: with its constants exact (" + c.changed() + ") f is undefined at every "
                    + "random point, though in floating point it is not; no closed form is printed");
        return o.withExactConstants(c.changed());
    }

    /** An operator without a reverse-mode twin (a user function Symja gave no body for) leaves the form unchecked, not refused. */
    private static Outcome unlessNoReverseMode(java.util.function.Supplier<Outcome> check) {
        try {
            return check.get();
        } catch (NeverDefined refusal) {
            throw refusal;
        } catch (io.tracediff.core.UserError noTwin) {
            return SKIPPED;
        } catch (ArithmeticException singular) {
            // Reverse mode itself fails (an inverse of a matrix that is singular at every point, det(C − C)): a refusal.
            throw new io.tracediff.core.UserError("cannot self-check the result: reverse mode fails at a random point ("
                    + io.tracediff.core.UserError.excerpt(String.valueOf(singular.getMessage()), 120)
                    + "); the expression is singular where it is evaluated, so no closed form is printed");
        }
    }

    /** A refusal to print a form that is undefined wherever f is defined (not an operator without a reverse-mode twin). */
    private static final class NeverDefined extends io.tracediff.core.UserError {
        NeverDefined(String message) { super(message); }
    }

    /**
     * Points where f and every form are defined: {@code wanted} of them ({@link #pointsFor}; entries of either sign first
     * where f is piecewise), and SPARE more in case one overflows. None, where f
     * itself is defined at some point, is a refusal: a form undefined wherever f is defined (2 det(x xᵀ) (x xᵀ)⁻¹ x for
     * det(x xᵀ), identically 0) is no formula to print, and one that could not be checked.
     */
    private static List<RandomPoints.Point> points(Expr f, List<Var> wrt, java.util.Collection<Expr> forms, int wanted) {
        List<Expr> all = new ArrayList<>(forms);
        all.add(0, f);
        List<RandomPoints.Point> found = new ArrayList<>();
        // A piecewise f is compared at points whose entries have either sign first: entries in (0.2, 0.8) never reach
        // abs's or relu's negative branch, where a wrong rule (abs(?a) -> ?a) is wrong; then at the positive ones.
        if (wanted > POINTS) found.addAll(RandomPoints.sampleWithMixedSigns(all, variables(f, wrt), wanted / 2 + SPARE, SEED + 1));
        found.addAll(RandomPoints.sample(all, variables(f, wrt), wanted + SPARE, SEED));
        if (found.isEmpty() && !RandomPoints.sample(List.of(f), variables(f, wrt), 1, SEED).isEmpty())
            throw new NeverDefined(hasExtremumIndicator(forms)
                    ? "cannot self-check the result: the derived form is undefined at every random point where f is defined: max or min "
                            + "meets a tie there (its extreme entry attained more than once, as the mirrored entries of a symmetric matrix "
                            + "or the equal entries of 𝟏 a are), where it has no gradient, or the form has a singular inverse or overflows"
                            + " there; no closed form is printed"
                    : "cannot self-check the result: the derived form is undefined (a singular "
                    + "inverse or an overflow) at every random point where f is defined, as when f is singular or constant on its "
                    + "whole domain (det(x*x') for a vector x); no closed form is printed");
        return found;
    }

    /** Whether a form holds the gradient of max or min (𝟙_argmax), which is undefined at a tie. */
    private static boolean hasExtremumIndicator(java.util.Collection<Expr> forms) {
        java.util.Map<Expr, Boolean> memo = new java.util.IdentityHashMap<>();
        for (Expr e : forms)
            if (io.tracediff.expr.PostOrder.fold(e, memo, (x, args) -> args.contains(Boolean.TRUE)
                    || x instanceof io.tracediff.expr.Apply a && a.op() instanceof io.tracediff.ops.ExtremumIndicator)) return true;
        return false;
    }

    /** Multiply-adds (products m·k·n, LU n³) and entries that one evaluation of f and the forms may cost in a check. */
    static final long MAX_EVALUATION_WORK = 2_000_000_000L;

    /**
     * An entry of a value counts as this many multiply-adds: drawing it, an elementwise function and an allocation cost
     * some tens of nanoseconds where a product's multiply-add costs a fraction of one.
     */
    static final long ENTRY_WORK = 50;

    /**
     * Whether evaluating f and the forms once, at the sizes a check draws (named sizes 2, 3, …, sizes written as numbers
     * as written), passes {@link #MAX_EVALUATION_WORK}: tr(X X) for a declared 4096×4096 X is 7·10¹⁰ multiply-adds, a
     * minute for a check that the same derivation at n = 2 makes as well. Such a result is printed as not self-checked.
     */
    public static boolean tooCostlyToEvaluate(Expr f, java.util.Collection<Expr> forms, List<Var> wrt) {
        List<Expr> all = new ArrayList<>(forms);
        all.add(f);
        Map<String, Var> vars = variables(f, wrt);
        List<io.tracediff.shape.Dim> dims = new ArrayList<>(RandomPoints.dimensions(all, vars.values()));
        io.tracediff.shape.Sizes sizes = new RandomPoints(SEED, RandomPoints.distinctSizes(dims, 0, new java.util.Random(SEED)))::size;
        java.util.Set<Expr> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        ArrayDeque<Expr> stack = new ArrayDeque<>(all);
        long work = 0;
        try {
            while (!stack.isEmpty()) {
                Expr e = stack.pop();
                if (!seen.add(e)) continue;
                long r = sizes.size(e.shape().rows()), c = sizes.size(e.shape().cols()), w = r * c * ENTRY_WORK;
                if (e instanceof io.tracediff.expr.Apply a) {
                    var op = a.op();
                    if (op == io.tracediff.ops.Mul.OP && !a.arg(0).isScalar() && !a.arg(1).isScalar())
                        w += Math.multiplyExact(r * c, (long) sizes.size(a.arg(0).shape().cols()));
                    else if (op == io.tracediff.ops.Inv.OP || op == io.tracediff.ops.Det.OP || op == io.tracediff.ops.LogDet.OP
                            || op == io.tracediff.ops.MatrixPow.OP) {
                        long n = sizes.size(a.arg(0).shape().rows());
                        w += Math.multiplyExact(n * n, n);
                    }
                    stack.addAll(a.args());
                }
                work += w;
                if (work > MAX_EVALUATION_WORK) return true;
            }
        } catch (ArithmeticException | io.tracediff.core.UserError | IllegalStateException tooLarge) {
            return true;   // a size past a long, or past what a matrix may hold: no check evaluates it
        }
        return false;
    }

    private static Outcome checkGradients(Expr f, List<Var> wrt, Map<String, Expr> closed) {
        Tracker t = new Tracker();
        if (tooCostlyToEvaluate(f, closed.values(), wrt)) return t.outcome();
        int wanted = pointsFor(f);
        for (RandomPoints.Point p : points(f, wrt, closed.values(), wanted)) {
            if (t.points == wanted) break;
            t.point(perturbation -> {
                Map<String, Matrix> reverse = AutogradBridge.gradients(f, p.values(), wrt, p.bindings().sizes(), perturbation).gradients();
                Evaluator ev = evaluator(p, perturbation);
                ev.value(f);   // f's own values are part of the scale of rounding (Tracker.compare)
                List<FormAndReference> cs = new ArrayList<>();
                for (Var v : wrt) cs.add(new FormAndReference("∂f/∂" + v.name(), ev.value(closed.get(v.name())), reverse.get(v.name()), ev));
                return cs;
            });
        }
        return t.outcome();
    }

    private static Outcome checkJacobians(Expr f, List<Var> wrt, Map<String, Expr> closed) {
        Tracker t = new Tracker();
        if (tooCostlyToEvaluate(f, closed.values(), wrt) || tooCostlyAnywhere(f, wrt)) return t.outcome();
        int wanted = pointsFor(f);
        for (RandomPoints.Point p : points(f, wrt, closed.values(), wanted)) {
            if (t.points == wanted) break;
            if (tooCostly(p, f, wrt)) return t.outcome();
            t.point(perturbation -> {
                Evaluator ev = evaluator(p, perturbation);
                ev.value(f);   // f's own values are part of the scale of rounding (Tracker.compare)
                List<FormAndReference> cs = new ArrayList<>();
                for (Var v : wrt)
                    cs.add(new FormAndReference("∂vec(F)/∂vec(" + v.name() + ")ᵀ", ev.value(closed.get(v.name())),
                            AutogradBridge.jacobian(f, p.values(), v, p.bindings().sizes(), perturbation), ev));
                return cs;
            });
        }
        return t.outcome();
    }

    /**
     * Hessian blocks ∂vec(∂f/∂X)/∂vec(Y)ᵀ. For a symmetric X the rows are those of the symmetric gradient,
     * ½(I + K) H; for a symmetric Y only symmetric directions are meaningful, so both sides are compared
     * on them, H ½(I + K).
     */
    private static Outcome checkHessians(Expr f, List<Var> wrt, Map<String, Map<String, Expr>> blocks) {
        List<Expr> forms = new ArrayList<>();
        blocks.values().forEach(row -> forms.addAll(row.values()));
        Tracker t = new Tracker();
        if (tooCostlyToEvaluate(f, forms, wrt) || tooCostlyAnywhere(f, wrt)) return t.outcome();
        int wanted = pointsFor(f);
        for (RandomPoints.Point p : points(f, wrt, forms, wanted)) {
            if (t.points == wanted) break;
            if (tooCostly(p, f, wrt)) return t.outcome();
            t.point(perturbation -> {
                Matrix full = AutogradBridge.hessian(f, p.values(), wrt, p.bindings().sizes(), perturbation);
                List<FormAndReference> cs = new ArrayList<>();
                Evaluator ev = evaluator(p, perturbation);
                ev.value(f);   // f's own values are part of the scale of rounding (Tracker.compare)
                int r0 = 0;
                for (Var x : wrt) {
                    Matrix xv = p.values().get(x.name());
                    int rx = xv.rows * xv.cols, c0 = 0;
                    for (Var y : wrt) {
                        Matrix yv = p.values().get(y.name());
                        int cy = yv.rows * yv.cols;
                        Matrix ref = block(full, r0, c0, rx, cy), got = ev.value(blocks.get(x.name()).get(y.name()));
                        if (x.kind().symmetric()) ref = symmetricRows(ref, xv.rows);
                        if (y.kind().symmetric()) { ref = symmetricCols(ref, yv.rows); got = symmetricCols(got, yv.rows); }
                        cs.add(new FormAndReference("∂²f/∂" + x.name() + "∂" + y.name(), got, ref, ev));
                        c0 += cy;
                    }
                    r0 += rx;
                }
                return cs;
            });
        }
        return t.outcome();
    }

    /** Reverse passes the reference takes (one per output entry), each over f's variables, that a check may cost. */
    static final long MAX_REFERENCE_WORK = 4_000_000;

    /**
     * Whether the reference would cost more than {@link #MAX_REFERENCE_WORK}: fixed sizes (a vector(4000)) cannot be
     * drawn small, and a check must not cost more than the derivation it guards. The form is then shown unchecked.
     */
    private static boolean tooCostly(RandomPoints.Point p, Expr f, List<Var> wrt) {
        long in = 0;
        for (Var v : wrt) { Matrix m = p.values().get(v.name()); in += (long) m.rows * m.cols; }
        long out = f.isScalar() ? in : (long) p.bindings().sizes().size(f.shape().rows()) * p.bindings().sizes().size(f.shape().cols());
        return out * in > MAX_REFERENCE_WORK;
    }

    /**
     * {@link #tooCostly} at a point where f alone is defined, asked before the forms are evaluated: a 5000×5000 Hessian
     * block is past the evaluator's size limit at every point, which must not read as a form undefined everywhere.
     */
    private static boolean tooCostlyAnywhere(Expr f, List<Var> wrt) {
        List<RandomPoints.Point> one = RandomPoints.sample(List.of(f), variables(f, wrt), 1, SEED);
        return !one.isEmpty() && tooCostly(one.get(0), f, wrt);
    }

    private static Evaluator evaluator(RandomPoints.Point p, Perturbation perturbation) {
        return new Evaluator(p.bindings().values(), Map.of(), p.bindings().sizes(), perturbation);
    }

    private static Matrix block(Matrix m, int r0, int c0, int rows, int cols) {
        Matrix b = new Matrix(rows, cols);
        for (int i = 0; i < rows; i++) System.arraycopy(m.data, (r0 + i) * m.cols + c0, b.data, i * cols, cols);
        return b;
    }

    /** ½(I + K) M for rows indexed by vec of an n×n matrix: row (i, j) averaged with row (j, i). */
    private static Matrix symmetricRows(Matrix m, int n) {
        Matrix out = new Matrix(m.rows, m.cols);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int c = 0; c < m.cols; c++)
                    out.data[(j * n + i) * m.cols + c] = (m.get(j * n + i, c) + m.get(i * n + j, c)) / 2;
        return out;
    }

    /** M ½(I + K) for columns indexed by vec of an n×n matrix. */
    private static Matrix symmetricCols(Matrix m, int n) { return symmetricRows(m.transpose(), n).transpose(); }

    /** The variables f reads, by name. */
    public static Map<String, Var> variables(Expr f) { return variables(f, List.of()); }

    /** The variables f reads and those asked for (a constant f still has a gradient, 0, to check), by name. */
    public static Map<String, Var> variables(Expr f, List<Var> wrt) {
        Map<String, Var> vars = new LinkedHashMap<>();
        Set<Expr> seen = new HashSet<>();
        var stack = new ArrayDeque<Expr>();
        stack.push(f);
        while (!stack.isEmpty()) {
            Expr e = stack.pop();
            if (!seen.add(e)) continue;
            if (e instanceof Var v) vars.putIfAbsent(v.name(), v);
            for (Expr a : e.args()) stack.push(a);
        }
        for (Var v : wrt) vars.putIfAbsent(v.name(), v);
        return vars;
    }

    /**
     * Both sides this far below the largest value computed on the way (of f and of the forms) are zero to working
     * precision, whatever their difference: a form whose terms cancel exactly (σ − σ² with σ ≡ 1, for the softmax of a
     * number) leaves noise of about 10⁻¹⁷ times its largest term on both sides, which can pass {@link #ATOL} when the
     * terms are large. Only where both are that small: a wrong form of ordinary size is never excused by large terms.
     */
    static final double ROUNDING = 1e-14;

    /** One derived form and its reverse-mode reference at one point (CrossCheck.Comparison is the verdict of a pair). */
    private record FormAndReference(String what, Matrix closed, Matrix reference, Evaluator evaluatedBy) {
        boolean finite() { return allFinite(closed) && allFinite(reference); }
    }

    private static boolean allFinite(Matrix m) {
        for (double x : m.data) if (!Double.isFinite(x)) return false;
        return true;
    }

    /** Every form and its reference at one point, computed as they are (null) or with every value perturbed. */
    private interface PointRun {
        List<FormAndReference> run(Perturbation perturbation);
    }

    /**
     * A difference that the absolute or rounding allowance excuses must also be within this many times what perturbing
     * every operand by {@link Perturbation#DELTA} (2¹³ units of roundoff) moves either side, wherever the reference is
     * resolved: 0 printed for 2·10⁻²⁰ c x passed both allowances, but rounding moves that gradient by 10⁻³⁶, not 10⁻²⁰.
     */
    static final double NOISE_MARGIN = 10;

    /**
     * Perturbed evaluations. A value is resolved only if it moves by about δ in every one: a rounding residue that a
     * formula's invariance (x./x) keeps from moving in one draw moves by about itself in another.
     */
    static final int NOISE_DRAWS = 4;

    /** How far from δ (relative) a resolved value's move may be: well conditioned values move by about δ. */
    private static final double RESOLVED_BELOW = 1e3;

    /** The longest plain evaluation of a point whose rounding is estimated by {@link #NOISE_DRAWS} more. */
    static final long MAX_NOISE_BASE_NANOS = 250_000_000L;

    /** Differences at this level or below are left alone: values this small are at the edge of subnormal numbers. */
    static final double NOISE_FLOOR = 1e-290;

    private static final class Tracker {
        int points;
        double maxRel;
        /** Points passed over where a difference only f's largest value excused could not be confirmed as rounding. */
        int unconfirmed;

        /** One point's comparisons; a point where either side overflows says nothing and is passed over. */
        void point(PointRun run) {
            long started = System.nanoTime();
            List<FormAndReference> cs = run.run(null);
            long took = System.nanoTime() - started;
            for (FormAndReference c : cs) {
                if (c.closed().rows != c.reference().rows || c.closed().cols != c.reference().cols)
                    throw new Failed(c.what() + " is " + c.closed().shapeString() + " but reverse mode gives " + c.reference().shapeString(), Double.POSITIVE_INFINITY);
                if (!c.finite()) return;
            }
            Noise noise = new Noise(run, cs, took);
            try {
                for (int i = 0; i < cs.size(); i++) compare(cs.get(i), i, noise);
            } catch (IllConditioned passedOver) {
                return;
            }
            points++;
        }

        void compare(FormAndReference c, int index, Noise noise) {
            Matrix closed = c.closed(), reference = c.reference();
            double scale = Math.max(closed.maxAbs(), reference.maxAbs()), worst = 0;
            for (int i = 0; i < closed.data.length; i++) worst = Math.max(worst, Math.abs(closed.data[i] - reference.data[i]));
            // Relative to the entries, but never to less than ATOL / RTOL: a gradient that is 0 with 10⁻¹⁷ of noise on one
            // side is not off by 100 %.
            double rel = worst / Math.max(scale, ATOL / RTOL);
            if (worst > RTOL * scale) {
                // Asked only when the entries disagree, so the walk over the evaluator's values is off the common path.
                boolean absolute = worst <= ATOL + RTOL * scale;
                boolean excused = absolute || scale <= ROUNDING * c.evaluatedBy().largestIntermediate();
                if (!excused) {
                    // sin(cosh(s)) at s = 25: inputs moved by 2⁻⁴⁰ of themselves move both sides by more than they differ.
                    // Such a point tells a right form from a wrong one no better than rounding does: it is passed over,
                    // as one that overflows is, and the check rests on the other points (none: "not self-checked").
                    if (noise.illConditioned(index, RTOL)) throw IllConditioned.INSTANCE;
                    throw new Failed(c.what(), rel);
                }
                // Excused as rounding: then rounding must be able to make it. Where no perturbed draw could be made (values
                // near underflow or past 2⁵¹¹) a difference that only f's largest value excuses is not confirmed, and the
                // point is passed over: a wrong sign times 10⁸⁰ · 10⁻¹⁶⁰ · 10⁸⁰ passed that way.
                if (!noise.confirmRounding(index, RTOL) && !absolute) {
                    unconfirmed++;
                    throw IllConditioned.INSTANCE;
                }
            } else if (smallEntryDiffers(closed, reference)) {
                // Within tolerance of the largest entry, but an entry of its own size is off (cos x read as 1 beside
                // 20 e²⁰ˣ): rounding must be able to make that too, where draws can be made.
                // Where no draw can be made (values near underflow), the point is passed over, as for confirmRounding.
                if (!noise.confirmEntries(index, RTOL)) {
                    unconfirmed++;
                    throw IllConditioned.INSTANCE;
                }
            }
            maxRel = Math.max(maxRel, rel);
        }

        /** Whether some entry differs beyond {@link #ATOL} and {@link #RTOL} of its own size. */
        private static boolean smallEntryDiffers(Matrix closed, Matrix reference) {
            for (int i = 0; i < closed.data.length; i++) {
                double c = closed.data[i], r = reference.data[i];
                if (Math.abs(c - r) > ATOL + RTOL * Math.max(Math.abs(c), Math.abs(r))) return true;
            }
            return false;
        }

        /**
         * A refusal where every point was passed over for a difference that rounding could not be shown to make: such a
         * form is neither confirmed nor shown wrong, and a wrong one would be printed (with only a warning) that way.
         */
        Outcome outcome() {
            if (points == 0 && unconfirmed > 0)
                throw new NeverDefined("cannot self-check the result: at every random point f's values reach past 2^511 or "
                        + "near underflow, where the form and reverse mode differ (or one entry of its own size does) by more than a "
                        + "rounding could be shown to make; "
                        + "no closed form is printed");
            return new Outcome(points, maxRel);
        }
    }

    /** A point where the two sides differ by less than a rounding-sized move of the operands moves them. */
    private static final class IllConditioned extends RuntimeException {
        static final IllConditioned INSTANCE = new IllConditioned();
        private IllConditioned() { super(null, null, false, false); }
    }

    /** The δ of the draws that decide whether a point is ill-conditioned: four units of roundoff (see {@code illConditioned}). */
    static final double ROUNDING_DELTA = 0x1p-50;

    /** An entry where two evaluations of one derivative differ by more than rounding can make them differ. */
    public record Unexplained(int entry, double difference, double moves) {
        @Override public String toString() {
            return "a difference of " + String.format(java.util.Locale.ROOT, "%.3g", difference) + " where rounding accounts for "
                    + String.format(java.util.Locale.ROOT, "%.3g", moves);
        }
    }

    /**
     * The first entry where {@code closed} and {@code reference} differ by more than {@code rtol} of their entries and
     * by more than {@link #NOISE_MARGIN} times the larger move of either side under the perturbed draws, while the
     * reference is resolved there in every draw (or exactly 0 in every draw while the closed form is resolved); null
     * if there is none. A draw list may be empty (that side was not perturbed: it is taken as not moving).
     */
    public static Unexplained beyondRounding(Matrix closed, Matrix reference, List<Matrix> closedDraws, List<Matrix> referenceDraws, double rtol) {
        return beyondRounding(closed, reference, closedDraws, referenceDraws, rtol, false);
    }

    /** As above; {@code entrywise}: an entry is compared with its own size (and {@link #ATOL}), not with the largest entry's. */
    static Unexplained beyondRounding(Matrix closed, Matrix reference, List<Matrix> closedDraws, List<Matrix> referenceDraws, double rtol,
                                      boolean entrywise) {
        double scale = Math.max(closed.maxAbs(), reference.maxAbs());
        for (int e = 0; e < closed.data.length; e++) {
            double c = closed.data[e], r = reference.data[e], d = Math.abs(c - r);
            if (d <= rtol * scale || d <= NOISE_FLOOR) {
                if (!entrywise || d <= ATOL + rtol * Math.max(Math.abs(c), Math.abs(r))) continue;
            }
            double moves = 0;
            boolean referenceResolved = !referenceDraws.isEmpty(), closedResolved = !closedDraws.isEmpty(), referenceZero = r == 0;
            for (Matrix m : referenceDraws) {
                double mr = Math.abs(m.data[e] - r);
                moves = Math.max(moves, mr);
                referenceResolved &= Noise.resolved(r, mr);
                referenceZero &= mr == 0;
            }
            for (Matrix m : closedDraws) {
                double mc = Math.abs(m.data[e] - c);
                moves = Math.max(moves, mc);
                closedResolved &= Noise.resolved(c, mc);
            }
            if ((referenceResolved || closedResolved && referenceZero) && d > NOISE_MARGIN * moves + NOISE_FLOOR)
                return new Unexplained(e, d, moves);
        }
        return null;
    }

    /**
     * The comparisons of one point again, with every operand perturbed ({@link Perturbation}), computed once a comparison
     * needs them: how far each entry of each side moves is the scale of its rounding.
     */
    private static final class Noise {
        private final PointRun run;
        private final List<FormAndReference> plain;
        /** How long the plain evaluation took: the draws cost four times that. */
        private final long plainNanos;
        private List<List<FormAndReference>> draws;
        /** Whether every draw could be made: a draw that failed, overflowed or met values near underflow ended them. */
        private boolean complete;

        Noise(PointRun run, List<FormAndReference> plain, long plainNanos) { this.run = run; this.plain = plain; this.plainNanos = plainNanos; }

        /** As {@link #confirmRounding}, entry by entry against each entry's own size; false where no draw could be made. */
        boolean confirmEntries(int index, double rtol) {
            List<Matrix> closedDraws = new ArrayList<>(), referenceDraws = new ArrayList<>();
            if (!drawn(index, closedDraws, referenceDraws)) return false;
            FormAndReference c = plain.get(index);
            Unexplained u = beyondRounding(c.closed(), c.reference(), closedDraws, referenceDraws, rtol, true);
            if (u != null) throw new Failed(c.what() + ", entry " + (u.entry() + 1) + ": " + u, u.difference() / Math.max(c.closed().maxAbs(), c.reference().maxAbs()));
            return true;
        }

        /**
         * Throws {@link Failed} where comparison {@code index} differs, beyond {@code rtol} of its entries, at an entry
         * whose reference is resolved (or exactly 0 in every draw while the form is resolved) by more than
         * {@link #NOISE_MARGIN} times the larger move of either side there. False where a perturbed draw failed,
         * overflowed or met values near underflow: nothing could be confirmed there.
         */
        boolean confirmRounding(int index, double rtol) {
            List<Matrix> closedDraws = new ArrayList<>(), referenceDraws = new ArrayList<>();
            if (!drawn(index, closedDraws, referenceDraws)) return false;
            FormAndReference c = plain.get(index);
            Unexplained u = beyondRounding(c.closed(), c.reference(), closedDraws, referenceDraws, rtol);
            if (u != null) throw new Failed(c.what() + ", " + u, u.difference() / Math.max(c.closed().maxAbs(), c.reference().maxAbs()));
            return true;
        }

        /**
         * Whether every entry of comparison {@code index} that differs beyond {@code rtol} moves, on one side or the other,
         * by at least the difference, or by a tenth of itself, when every operand moves by {@link #ROUNDING_DELTA} = 2⁻⁵⁰
         * (four units of roundoff) of itself: there rounding alone can part the two sides, and the point cannot tell them
         * apart (sin(e⁴⁰⁺ᵃ), whose argument one rounding moves by radians). False where fewer than two such draws could be
         * made. The δ = 2⁻⁴⁰ of the other draws, a thousandfold of that, moved cosh(b + 29) by radians too, where rounding
         * moves it by 10⁻³: a wrong sign of sin(cosh(b + 29)) was passed over that way at every point it showed.
         */
        boolean illConditioned(int index, double rtol) {
            List<Matrix> closedDraws = new ArrayList<>(), referenceDraws = new ArrayList<>();
            for (int draw = 1; draw <= NOISE_DRAWS; draw++) {
                Perturbation perturbation = new Perturbation(SEED + 100 + draw, ROUNDING_DELTA);
                List<FormAndReference> moved;
                try {
                    moved = run.run(perturbation);
                } catch (RuntimeException undefinedNearby) {
                    break;
                }
                FormAndReference m = moved.get(index);
                perturbation.observe(m.closed().data);
                perturbation.observe(m.reference().data);
                if (perturbation.nearUnderflow() || !m.finite()) break;
                closedDraws.add(m.closed());
                referenceDraws.add(m.reference());
            }
            if (closedDraws.size() < 2) return false;
            FormAndReference c = plain.get(index);
            Matrix closed = c.closed(), reference = c.reference();
            double scale = Math.max(closed.maxAbs(), reference.maxAbs());
            for (int e = 0; e < closed.data.length; e++) {
                double d = Math.abs(closed.data[e] - reference.data[e]);
                if (d <= rtol * scale) continue;
                double m = Math.max(move(e, closed, closedDraws), move(e, reference, referenceDraws));
                // Rounding moves the entry by a tenth of itself: any value is rounding's there (a few draws need not reach d).
                boolean saturated = m >= 0.1 * Math.max(Math.abs(closed.data[e]), Math.abs(reference.data[e]));
                if (!(d <= m || saturated)) return false;
            }
            return true;
        }

        /** Comparison {@code index}'s two sides in each perturbed draw, into the lists; false unless every draw could be made. */
        private boolean drawn(int index, List<Matrix> closedDraws, List<Matrix> referenceDraws) {
            if (draws == null) draws = drawAll();
            if (!complete) return false;
            for (List<FormAndReference> draw : draws) { closedDraws.add(draw.get(index).closed()); referenceDraws.add(draw.get(index).reference()); }
            return !draws.isEmpty();
        }

        /** The largest move of entry e of {@code plain} across the draws. */
        private static double move(int e, Matrix plain, List<Matrix> draws) {
            double m = 0;
            for (Matrix d : draws) m = Math.max(m, Math.abs(d.data[e] - plain.data[e]));
            return m;
        }

        /** A value that moved by about δ of itself: rounding did not make it. */
        static boolean resolved(double value, double move) {
            double relative = move / Math.abs(value);
            return value != 0 && relative >= Perturbation.DELTA / RESOLVED_BELOW && relative <= Perturbation.DELTA * RESOLVED_BELOW;
        }

        /** The perturbed draws, up to the first that fails, overflows or meets values near underflow ({@link #complete} if none). */
        private List<List<FormAndReference>> drawAll() {
            // A check that took a quarter of a second (declared sizes in the thousands) is not made five times as long.
            if (plainNanos > MAX_NOISE_BASE_NANOS) return List.of();
            List<List<FormAndReference>> all = new ArrayList<>();
            for (int draw = 1; draw <= NOISE_DRAWS; draw++) {
                Perturbation perturbation = new Perturbation(SEED + draw);
                List<FormAndReference> moved;
                try {
                    moved = run.run(perturbation);
                } catch (RuntimeException undefinedNearby) {   // a singular inverse once perturbed: no bound from this point
                    return all;
                }
                for (FormAndReference m : moved) { perturbation.observe(m.closed().data); perturbation.observe(m.reference().data); }
                if (perturbation.nearUnderflow()) return all;
                for (FormAndReference m : moved) if (!m.finite()) return all;
                all.add(moved);
            }
            complete = true;
            return all;
        }
    }

    /**
     * Another evaluation of {@code form} at {@code point} ({@code have}: generated code) against the interpreter's
     * {@code want}, where the caller's tolerance excused their difference: throws {@link Failed} at an entry that the
     * interpreter resolves ({@link Noise#resolved}) and {@code have} misses by more than {@link #NOISE_MARGIN} times the
     * interpreter's move there. Generated code dropping a 10⁻²⁰ term is wrong, whatever an absolute tolerance says.
     */
    public static void confirmRounding(String what, Expr form, RandomPoints.Point point, Matrix want, Matrix have, double rtol) {
        List<Matrix> draws = new ArrayList<>();
        for (int draw = 1; draw <= NOISE_DRAWS; draw++) {
            Perturbation perturbation = new Perturbation(SEED + draw);
            Matrix moved;
            try {
                moved = evaluator(point, perturbation).value(form);
            } catch (RuntimeException undefinedNearby) {
                return;
            }
            perturbation.observe(moved.data);
            if (perturbation.nearUnderflow() || !allFinite(moved)) return;
            draws.add(moved);
        }
        // The interpreter is the reference here; generated code cannot be perturbed, so only its side is taken as fixed.
        Unexplained u = beyondRounding(have, want, List.of(), draws, rtol);
        if (u != null) throw new Failed(what + " differs from the checked closed form: " + u);
    }

    /** The outcome of a check that was asked not to run (--no-self-check). */
    public static final Outcome SKIPPED = new Outcome(0, 0);

}

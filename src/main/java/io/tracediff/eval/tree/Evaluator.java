package io.tracediff.eval.tree;

import io.tracediff.eval.EvalFacet;
import io.tracediff.eval.Matrix;
import io.tracediff.eval.VariableValues;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.Var;
import io.tracediff.kernel.SingularMatrixException;
import io.tracediff.ops.Differential;
import io.tracediff.ops.Inv;
import io.tracediff.core.UserError;
import io.tracediff.print.Printer;
import io.tracediff.shape.Sizes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates an expression on numbers, each distinct subtree once. Differentials {@code d(X)}
 * evaluate to a given direction, which is how rules and differential forms are checked numerically.
 */
public final class Evaluator {
    private final Map<String, Matrix> values;
    private final Map<String, Matrix> directions;
    private final Sizes sizes;
    private final Map<Expr, Matrix> cache = new HashMap<>();
    /** Null for plain evaluation; else each operand is perturbed where an operator reads it (the self-check's noise estimate). */
    private final io.tracediff.eval.Perturbation perturbation;

    public Evaluator(Map<String, Matrix> values, Map<String, Matrix> directions, Sizes sizes) {
        this(values, directions, sizes, null);
    }

    public Evaluator(Map<String, Matrix> values, Map<String, Matrix> directions, Sizes sizes, io.tracediff.eval.Perturbation perturbation) {
        this.values = values;
        this.directions = directions;
        this.sizes = sizes;
        this.perturbation = perturbation;
    }

    public static Matrix eval(Expr e, VariableValues b) { return new Evaluator(b.values(), Map.of(), b.sizes()).value(e); }

    /**
     * Whether e is made of numbers alone (sqrt(2), 10²⁰ + 1 − 10²⁰): no variable and no size. Such a part is a constant,
     * with one value wherever it is evaluated ({@link #numberValue}). An explicit stack: a long chain does not overflow.
     */
    public static boolean madeOfNumbers(Expr e) { return madeOfNumbers(e, new IdentityHashMap<>()); }

    /** {@link #madeOfNumbers} with a memo shared across calls: asked of every node of a tree, linear in its size. */
    public static boolean madeOfNumbers(Expr e, Map<Expr, Boolean> memo) {
        if (!(e instanceof Apply)) return false;
        return io.tracediff.expr.PostOrder.fold(e, memo, (x, args) -> {
            if (x instanceof Num) return Boolean.TRUE;
            if (!(x instanceof Apply) || args.isEmpty()) return Boolean.FALSE;
            for (Boolean b : args) if (!b) return Boolean.FALSE;
            return Boolean.TRUE;
        });
    }

    /**
     * The value of a part {@link #madeOfNumbers} as every evaluator uses it: sums, products, quotients and whole powers
     * of the numbers as written, exactly, then rounded once (10²⁰ + 1 − 10²⁰ is 1, where doubles give 0); other
     * operators (sqrt(2), log1p(10⁻²⁰)) by their kernels in doubles. Reverse mode and generated code take the same
     * value, so a constant the derivation kept exact is the same number in f, in its derivative and in the check.
     */
    public static Matrix numberValue(Expr e) {
        Matrix exact = exactValue(e);
        return exact != null ? exact : new Evaluator(Map.of(), Map.of(), Sizes.FIXED_ONLY).value(e);
    }

    /** The exact value, rounded once, of numbers joined by +, −, ·, / and whole powers; null for anything else. */
    public static Matrix exactValue(Expr e) { return exactValue(e, new HashMap<>()); }

    /** {@link #exactValue(Expr)} with a memo of exact parts shared across the nodes of one tree. */
    public static Matrix exactValue(Expr e, Map<Expr, Object> memo) {
        io.tracediff.algebra.Rational exact = io.tracediff.algebra.Alg.exactConstant(e, memo);
        double v = exact == null ? Double.NaN : exact.toDouble();
        return Double.isNaN(v) ? null : Matrix.scalar(v);
    }

    public Matrix value(Expr root) {
        SizeCheck.check(root, sizes);   // refused before anything is allocated
        return walk(root);
    }

    private Matrix walk(Expr root) {
        // Post-order with an explicit stack: evaluation depth is not limited by the Java stack.
        var stack = new ArrayList<Expr>();
        var expanded = new IdentityHashMap<Expr, Boolean>();
        stack.add(root);
        while (!stack.isEmpty()) {
            Expr e = stack.get(stack.size() - 1);
            if (cache.containsKey(e)) { stack.remove(stack.size() - 1); continue; }
            if (e instanceof Apply a && a.op() != Differential.OP && expanded.put(e, Boolean.TRUE) == null) {
                for (Expr arg : a.args()) if (!cache.containsKey(arg)) stack.add(arg);
                continue;
            }
            stack.remove(stack.size() - 1);
            cache.put(e, compute(e));
        }
        return cache.get(root);
    }

    /** Which parts evaluated so far are {@link #madeOfNumbers}, and their exact values: each found once. */
    private final Map<Expr, Boolean> numberParts = new IdentityHashMap<>();
    private final Map<Expr, Object> exactParts = new HashMap<>();

    /** The largest finite |entry| of every value computed so far: the scale of the rounding in what this evaluator computed. */
    public double largestIntermediate() {
        double m = 0;
        for (Matrix v : cache.values()) for (double x : v.data) if (Double.isFinite(x)) m = Math.max(m, Math.abs(x));
        return m;
    }

    /** The value of a number or a variable (an error naming a variable with no value). */
    public static Matrix leaf(Expr e, Map<String, Matrix> values) {
        if (e instanceof Num n) return Matrix.scalar(n.value());
        Var v = (Var) e;
        Matrix m = values.get(v.name());
        if (m == null) throw new UserError("no value given for variable '" + v.name() + "'");
        return m;
    }

    /** The operator's own kernel on its operands' values; a singular matrix is a user error naming the subexpression. */
    public static Matrix apply(Apply a, List<Matrix> args, Sizes sizes) {
        if (io.tracediff.ops.LogSumExp.isLogSoftmax(a)) {   // X − logsumexp(X) from X alone, without the cancellation
            Matrix x = args.get(0);
            double[] y = io.tracediff.ops.LogSumExp.logSoftmax(x.data);
            if (y != null) return new Matrix(x.rows, x.cols, y);
        }
        try {
            return EvalFacet.of(a.op()).eval(args, sizes);
        } catch (io.tracediff.ops.ExtremumIndicator.Tie ex) {
            throw new UserError(Printer.ascii(a) + " is undefined at the given values: " + ex.getMessage());
        } catch (SingularMatrixException ex) {
            String what = a.op() == Inv.OP ? Printer.ascii(a) : a.op().key() + "(" + Printer.ascii(a.arg(0)) + ")";
            throw new UserError(what + " is undefined at the given values: " + Printer.ascii(a.arg(0)) + (ex.exact() ? " is singular"
                    : " is singular to working precision (a pivot of its LU is at the rounding level of the products that made it)"));
        }
    }

    private Matrix compute(Expr e) {
        if (!(e instanceof Apply a)) return leaf(e, values);
        if (a.op() == Differential.OP) {
            Expr x = a.arg(0);
            Matrix d = x instanceof Var v ? directions.get(v.name()) : null;
            if (d == null) throw new IllegalStateException("no direction for d(" + Printer.ascii(x) + ")");
            return d;
        }
        // A sum or product of numbers is its exact value; a part with a function (exp(10⁻²⁰) − 0.999999999999999) is
        // computed operator by operator, so the self-check's perturbed draws see its cancellation as rounding.
        if (madeOfNumbers(a, numberParts)) {
            Matrix exact = exactValue(a, exactParts);
            if (exact != null) return exact;
        }
        List<Matrix> args = new ArrayList<>(a.args().size());
        for (Expr arg : a.args())
            args.add(perturbation != null && io.tracediff.eval.Perturbation.perturbs(arg) ? perturbation.apply(cache.get(arg)) : cache.get(arg));
        return apply(a, args, sizes);
    }
}

package io.tracediff.eval.tree;

import io.tracediff.eval.Matrix;
import io.tracediff.eval.VariableValues;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.expr.VarKind;
import io.tracediff.ops.Size;
import io.tracediff.core.UserError;
import io.tracediff.shape.Dim;
import io.tracediff.shape.Shape;
import io.tracediff.shape.Sizes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one random-point generator of every check (self-check, cross-check, the rule checker, the tests):
 * <ul>
 * <li>sizes: every named dimension its own size, distinct and at least 2, so a dropped factor such as
 * 𝟏ᵀ𝟏 = N or two confused dimensions cannot hide ({@link #distinctSizes});</li>
 * <li>values from each variable's declared domain: symmetric and positive-definite matrices as declared,
 * square matrices well conditioned (a dominant diagonal, so inv/det/logdet are safe), and entries in
 * (0.2, 0.8) otherwise, inside the domain of log, sqrt, arcsin and arccos ({@link #value}), or of either sign for
 * about half the variables ({@link #sampleWithMixedSigns}, where abs or relu must meet its other branch);</li>
 * <li>points where expressions are defined: one where f is undefined (a singular XᵀX drawn wide, an overflow)
 * is redrawn with the sizes in another order; a sampling failure is never a verdict ({@link #sample}).</li>
 * </ul>
 * It lives in eval, below the rules, because the rule checker draws its points here too.
 */
public final class RandomPoints {
    private final Random random;
    private final Map<Dim, Integer> sizes = new HashMap<>();
    private int nextSize;
    /** Square matrices get n added to their diagonal (dominant, so well conditioned); off for {@link #sample}'s last resort. */
    private boolean dominantDiagonal = true;
    /** Entries in ±(0.2, 0.8), signs drawn for about half the variables: where a form may be wrong on negative arguments only. */
    private boolean mixedSigns;

    /** {@code firstSize}: the size given to the first named dimension met; later ones count up, so they differ. */
    public RandomPoints(long seed, int firstSize) {
        this.random = new Random(seed);
        this.nextSize = firstSize;
    }

    /** Sizes fixed in advance for the dimensions in {@code sizes}; others count up from one past the largest. */
    public RandomPoints(long seed, Map<Dim, Integer> sizes) { this(new Random(seed), sizes); }

    /** As {@link #RandomPoints(long, Map)}, drawing from {@code random}. */
    public RandomPoints(Random random, Map<Dim, Integer> sizes) {
        this.random = random;
        this.sizes.putAll(sizes);
        int largest = 2;   // a loop, not a stream: every self-check of a cold start comes through here
        if (!sizes.isEmpty()) {
            largest = Integer.MIN_VALUE;
            for (int n : sizes.values()) largest = Math.max(largest, n);
        }
        this.nextSize = 1 + largest;
    }

    public int size(Dim d) { return Sizes.resolve(d, s -> sizes.computeIfAbsent(s, k -> nextSize++)); }

    public Map<String, Matrix> values(Iterable<Var> vars) {
        Map<String, Matrix> out = new LinkedHashMap<>();
        for (Var v : vars) out.put(v.name(), value(v));
        return out;
    }

    public Matrix value(Var v) {
        int m = size(v.shape().rows()), n = size(v.shape().cols());
        Matrix x = new Matrix(m, n);
        for (int i = 0; i < x.data.length; i++) x.data[i] = 0.2 + 0.6 * random.nextDouble();
        // Each variable's entries get signs drawn with probability ½, so a draw can leave positive the variables f takes
        // a log or sqrt of while another one's are mixed (every variable mixed at once was almost never defined).
        if (mixedSigns && random.nextBoolean()) for (int i = 0; i < x.data.length; i++) if (random.nextBoolean()) x.data[i] = -x.data[i];
        if (v.kind() == VarKind.SPD) {
            Matrix s = new Matrix(m, m);
            for (int i = 0; i < m; i++)
                for (int j = 0; j < m; j++) {
                    double acc = 0;
                    for (int k = 0; k < m; k++) acc += x.get(i, k) * x.get(j, k);
                    s.data[i * m + j] = acc + (i == j ? 1 : 0);
                }
            return s;
        }
        if (v.kind().symmetric()) mirror(x);
        if (dominantDiagonal && m == n && m > 1 && v.shape().isSquare())
            for (int i = 0; i < m; i++) x.data[i * m + i] += m;
        return x;
    }

    /** A direction to move v along: entries in (−1, 1), symmetric for a symmetric v so the point stays in its domain. */
    public Matrix direction(Var v) {
        int m = size(v.shape().rows()), n = size(v.shape().cols());
        Matrix d = new Matrix(m, n);
        for (int i = 0; i < d.data.length; i++) d.data[i] = 2 * random.nextDouble() - 1;
        if (v.kind().symmetric()) mirror(d);
        return d;
    }

    /** The upper triangle from the lower one. */
    private static void mirror(Matrix x) {
        int m = x.rows;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < i; j++) x.data[j * m + i] = x.data[i * m + j];
    }

    /**
     * Distinct sizes ≥ 2 for {@code dims}: ascending in their order for attempt 0 (mod 3), descending for 1 (a wide
     * XᵀX becomes tall), shuffled by {@code order} for 2.
     */
    public static Map<Dim, Integer> distinctSizes(List<? extends Dim> dims, int attempt, Random order) {
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) values.add(2 + i);
        if (attempt % 3 == 1) Collections.reverse(values);
        else if (attempt % 3 == 2) Collections.shuffle(values, order);
        Map<Dim, Integer> sizes = new LinkedHashMap<>();
        for (int i = 0; i < dims.size(); i++) sizes.put(dims.get(i), values.get(i));
        return sizes;
    }

    /** Values by name (sizes of dimensions no variable fixes included, as "N": 5) and their bindings. */
    public record Point(Map<String, Matrix> values, VariableValues bindings) {}

    /** At most this many draws are tried for each point asked for. */
    public static final int ATTEMPTS_PER_POINT = 8;

    /**
     * Up to {@code count} points where every one of {@code exprs} evaluates to finite, moderate numbers;
     * fewer (possibly none) when no draw gives one within the attempts. Where none is found, square matrices are drawn
     * once more without their dominant diagonal: for a declared matrix(300), sum(exp(X)) overflows at a diagonal of 300.
     */
    public static List<Point> sample(Collection<Expr> exprs, Map<String, Var> vars, int count, long seed) {
        List<Point> out = sample(exprs, vars, count, seed, true, false);
        return out.isEmpty() ? sample(exprs, vars, count, seed, false, false) : out;
    }

    /**
     * As {@link #sample}, with every entry's sign drawn too (fewer points, or none, where the expressions are undefined
     * for negative entries): a self-check of a form with abs, relu or sign must see their negative branch, which entries
     * in (0.2, 0.8) never reach.
     */
    public static List<Point> sampleWithMixedSigns(Collection<Expr> exprs, Map<String, Var> vars, int count, long seed) {
        return sample(exprs, vars, count, seed, true, true);
    }

    private static List<Point> sample(Collection<Expr> exprs, Map<String, Var> vars, int count, long seed, boolean dominantDiagonal,
                                      boolean mixedSigns) {
        List<Dim> dims = new ArrayList<>(dimensions(exprs, vars.values()));
        List<Point> out = new ArrayList<>();
        Random order = new Random(seed ^ 0x5DEECE66DL);
        for (int attempt = 0; attempt < count * ATTEMPTS_PER_POINT && out.size() < count; attempt++) {
            Map<Dim, Integer> sizes = distinctSizes(dims, attempt, order);
            RandomPoints draw = new RandomPoints(seed + 7919L * attempt, sizes);
            draw.dominantDiagonal = dominantDiagonal;
            draw.mixedSigns = mixedSigns;
            Map<String, Matrix> values = draw.values(vars.values());
            sizes.forEach((d, n) -> { if (!vars.containsKey(d.toString())) values.putIfAbsent(d.toString(), Matrix.scalar(n)); });
            Point p = defined(exprs, vars, values);
            if (p != null) out.add(p);
        }
        return out;
    }

    private static Point defined(Collection<Expr> exprs, Map<String, Var> vars, Map<String, Matrix> values) {
        try {
            VariableValues b = VariableValues.bind(vars, values);
            Evaluator ev = new Evaluator(b.values(), Map.of(), b.sizes());
            for (Expr e : exprs)
                // Finite and far from overflow (comparisons are relative, so large values are fine).
                for (double x : ev.value(e).data) if (!Double.isFinite(x) || Math.abs(x) > 1e100) return null;
            return new Point(values, b);
        } catch (UserError | ArithmeticException | IllegalStateException undefinedHere) {
            return null;
        }
    }

    /** Dimensions by their names; a class rather than Comparator.comparing, a JDK lambda a cold start would spin. */
    private static final java.util.Comparator<Dim> BY_NAME = new java.util.Comparator<>() {
        @Override public int compare(Dim a, Dim b) { return a.toString().compareTo(b.toString()); }
    };

    /** Every named dimension of the variables and of the expressions' nodes (shapes, constructors and sizes), by name. */
    public static Set<Dim> dimensions(Collection<Expr> exprs, Collection<Var> vars) {
        Set<Dim> out = new TreeSet<>(BY_NAME);
        for (Var v : vars) addDims(v.shape(), out);
        Set<Expr> seen = new HashSet<>();
        var stack = new ArrayDeque<Expr>(exprs);
        while (!stack.isEmpty()) {
            Expr e = stack.pop();
            if (!seen.add(e)) continue;
            addDims(e.shape(), out);
            if (e instanceof Apply a && a.op() instanceof Size s) out.add(s.dim());
            for (Expr x : e.args()) stack.push(x);
        }
        return out;
    }

    private static void addDims(Shape s, Set<Dim> out) {
        for (Dim d : List.of(s.rows(), s.cols())) named(d, out);
    }

    /** The named dimensions in d, a product's factors included, added to {@code out}. */
    public static void named(Dim d, Collection<? super Dim.Sym> out) {
        if (d instanceof Dim.Sym s) out.add(s);
        else if (d instanceof Dim.Product p) { named(p.left(), out); named(p.right(), out); }
    }
}

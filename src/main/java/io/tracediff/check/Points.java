package io.tracediff.check;

import io.tracediff.eval.VariableValues;
import io.tracediff.eval.Evaluator;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.ops.Size;
import io.tracediff.parse.UserError;
import io.tracediff.shape.Dim;
import io.tracediff.shape.Shape;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Points where an expression is defined, for checks: every named dimension gets its own small size
 * (distinct and at least 2, so a dropped factor such as 𝟏ᵀ𝟏 = N cannot hide), values come from each
 * variable's domain ({@link RandomPoints}), and a point where f is undefined (a singular XᵀX drawn wide,
 * an overflow) is redrawn with the sizes in another order. A sampling failure is never a verdict.
 */
public final class Points {
    private Points() {}

    /** Values by name (sizes of dimensions no variable fixes included, as "N": 5) and their bindings. */
    public record Point(Map<String, Matrix> values, VariableValues bindings) {}

    /** At most this many draws are tried for each point asked for. */
    public static final int ATTEMPTS_PER_POINT = 8;

    /**
     * Up to {@code count} points where every one of {@code exprs} evaluates to finite, moderate numbers;
     * fewer (possibly none) when no draw gives one within the attempts.
     */
    public static List<Point> sample(Collection<Expr> exprs, Map<String, Var> vars, int count, long seed) {
        List<Dim> dims = new ArrayList<>(dimensions(exprs, vars.values()));
        List<Point> out = new ArrayList<>();
        Random order = new Random(seed ^ 0x5DEECE66DL);
        for (int attempt = 0; attempt < count * ATTEMPTS_PER_POINT && out.size() < count; attempt++) {
            Map<Dim, Integer> sizes = sizes(dims, attempt, order);
            Map<String, Matrix> values = new RandomPoints(seed + 7919L * attempt, sizes).values(vars.values());
            sizes.forEach((d, n) -> { if (!vars.containsKey(d.toString())) values.putIfAbsent(d.toString(), Matrix.scalar(n)); });
            Point p = defined(exprs, vars, values);
            if (p != null) out.add(p);
        }
        return out;
    }

    /** Distinct sizes ≥ 2: ascending in name order first, then descending (a wide XᵀX becomes tall), then shuffled. */
    private static Map<Dim, Integer> sizes(List<Dim> dims, int attempt, Random order) {
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) values.add(2 + i);
        if (attempt % 3 == 1) Collections.reverse(values);
        else if (attempt % 3 == 2) Collections.shuffle(values, order);
        Map<Dim, Integer> sizes = new LinkedHashMap<>();
        for (int i = 0; i < dims.size(); i++) sizes.put(dims.get(i), values.get(i));
        return sizes;
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

    /** Every named dimension of the variables and of the expressions' nodes (shapes, constructors and sizes). */
    public static Set<Dim> dimensions(Collection<Expr> exprs, Collection<Var> vars) {
        Set<Dim> out = new TreeSet<>(java.util.Comparator.comparing(Dim::toString));
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
        for (Dim d : List.of(s.rows(), s.cols())) addDim(d, out);
    }

    private static void addDim(Dim d, Set<Dim> out) {
        if (d instanceof Dim.Sym) out.add(d);
        else if (d instanceof Dim.Product p) { addDim(p.left(), out); addDim(p.right(), out); }
    }
}

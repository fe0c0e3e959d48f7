package io.tracediff.check;

import io.tracediff.eval.Matrix;
import io.tracediff.expr.Var;
import io.tracediff.expr.VarKind;
import io.tracediff.shape.Dim;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Random values that respect each variable's declared domain: symmetric and positive-definite
 * matrices as declared, square matrices well conditioned (a dominant diagonal, so inv/det/logdet are
 * safe), and entries in (0.2, 0.8) otherwise, inside the domain of log, sqrt, arcsin and arccos.
 */
public final class RandomPoints {
    private final Random random;
    private final Map<Dim, Integer> sizes = new HashMap<>();
    private int nextSize;

    /** {@code firstSize}: the size given to the first symbolic dimension met; later ones count up, so they differ. */
    public RandomPoints(long seed, int firstSize) {
        this.random = new Random(seed);
        this.nextSize = firstSize;
    }

    /** Sizes fixed in advance for the dimensions in {@code sizes}; others count up from one past the largest. */
    public RandomPoints(long seed, Map<Dim, Integer> sizes) {
        this.random = new Random(seed);
        this.sizes.putAll(sizes);
        this.nextSize = 1 + sizes.values().stream().mapToInt(Integer::intValue).max().orElse(2);
    }

    public int size(Dim d) {
        if (d instanceof Dim.Fixed f) return f.size();
        if (d instanceof Dim.Product p) return size(p.left()) * size(p.right());
        return sizes.computeIfAbsent(d, k -> nextSize++);
    }

    public Map<String, Matrix> values(Iterable<Var> vars) {
        Map<String, Matrix> out = new LinkedHashMap<>();
        for (Var v : vars) out.put(v.name(), value(v));
        return out;
    }

    public Matrix value(Var v) {
        int m = size(v.shape().rows()), n = size(v.shape().cols());
        Matrix x = new Matrix(m, n);
        for (int i = 0; i < x.data.length; i++) x.data[i] = 0.2 + 0.6 * random.nextDouble();
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
        if (v.kind().symmetric()) {
            for (int i = 0; i < m; i++)
                for (int j = 0; j < i; j++) x.data[j * m + i] = x.data[i * m + j];
        }
        if (m == n && m > 1 && v.shape().isSquare())
            for (int i = 0; i < m; i++) x.data[i * m + i] += m;
        return x;
    }
}

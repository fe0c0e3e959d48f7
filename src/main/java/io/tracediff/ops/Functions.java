package io.tracediff.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The elementwise functions by name: the built-in ones ({@link BuiltinFunction}, each with all its facets in one place) and user-defined ones. */
public final class Functions {
    private final Map<String, ScalarFunction> byName = new LinkedHashMap<>();

    private Functions() {}

    public static Functions builtin() {
        Functions t = new Functions();
        for (BuiltinFunction f : BuiltinFunction.values()) t.add(f.scalarFunction());
        return t;
    }

    /** Numerically stable σ(x) = 1/(1+e⁻ˣ). */
    public static double sigmoid(double x) {
        if (x >= 0) return 1 / (1 + Math.exp(-x));
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /** Numerically stable log(1 + eˣ). */
    public static double softplus(double x) { return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))); }

    public Functions copy() {
        Functions t = new Functions();
        t.byName.putAll(byName);
        return t;
    }

    public void add(ScalarFunction f) { byName.put(f.name(), f); }

    public Optional<ScalarFunction> get(String name) { return Optional.ofNullable(byName.get(name)); }

    public Set<String> names() { return byName.keySet(); }
}

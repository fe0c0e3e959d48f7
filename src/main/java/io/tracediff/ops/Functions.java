package io.tracediff.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The built-in elementwise functions (values only; their derivatives are in rules/elementwise.rules). */
public final class Functions {
    private final Map<String, ScalarFunction> byName = new LinkedHashMap<>();

    private Functions() {}

    public static Functions builtin() {
        Functions t = new Functions();
        t.add(new ScalarFunction("exp", Math::exp, "\\exp", "Math.exp(%s)"));
        t.add(new ScalarFunction("log", Math::log, "\\log", "Math.log(%s)"));
        t.add(new ScalarFunction("sin", Math::sin, "\\sin", "Math.sin(%s)"));
        t.add(new ScalarFunction("cos", Math::cos, "\\cos", "Math.cos(%s)"));
        t.add(new ScalarFunction("tan", Math::tan, "\\tan", "Math.tan(%s)"));
        t.add(new ScalarFunction("tanh", Math::tanh, "\\tanh", "Math.tanh(%s)"));
        t.add(new ScalarFunction("sigmoid", Functions::sigmoid, "\\sigma", "(1.0 / (1.0 + Math.exp(-(%s))))", "σ"));
        t.add(new ScalarFunction("relu", x -> x > 0 ? x : 0, "\\operatorname{relu}", "Math.max(0.0, %s)"));
        t.add(new ScalarFunction("softplus", Functions::softplus, "\\operatorname{softplus}", "softplus(%s)"));
        t.add(new ScalarFunction("sqrt", Math::sqrt, "\\sqrt", "Math.sqrt(%s)"));
        t.add(new ScalarFunction("abs", Math::abs, "\\operatorname{abs}", "Math.abs(%s)"));
        t.add(new ScalarFunction("sign", Math::signum, "\\operatorname{sign}", "Math.signum(%s)"));
        t.add(new ScalarFunction("step", x -> x > 0 ? 1 : 0, "\\operatorname{step}", "((%s) > 0 ? 1.0 : 0.0)"));
        t.add(new ScalarFunction("arcsin", Math::asin, "\\arcsin", "Math.asin(%s)"));
        t.add(new ScalarFunction("arccos", Math::acos, "\\arccos", "Math.acos(%s)"));
        t.add(new ScalarFunction("arctan", Math::atan, "\\arctan", "Math.atan(%s)"));
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

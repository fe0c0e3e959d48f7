package io.tracediff.rules;

import io.tracediff.expr.Expr;
import io.tracediff.ops.ScalarFunction;
import java.util.HashMap;
import java.util.Map;

/** What a match bound: pattern variables to expressions, and ?f to an elementwise function. */
public record PatternBindings(Map<String, Expr> vars, ScalarFunction fn) {

    public static PatternBindings empty() { return new PatternBindings(Map.of(), null); }

    public PatternBindings with(String name, Expr e) {
        Map<String, Expr> m = new HashMap<>(vars);
        m.put(name, e);
        return new PatternBindings(m, fn);
    }

    public PatternBindings withFn(ScalarFunction f) { return new PatternBindings(vars, f); }

    public Expr get(String name) { return vars.get(name); }
}

package io.tracediff.rules;

import io.tracediff.expr.Expr;
import io.tracediff.ops.ScalarFunction;
import java.util.HashMap;
import java.util.Map;

/** What a match bound: pattern variables to expressions, and ?f to an elementwise function. */
public record Bindings(Map<String, Expr> vars, ScalarFunction fn) {

    public static Bindings empty() { return new Bindings(Map.of(), null); }

    public Bindings with(String name, Expr e) {
        Map<String, Expr> m = new HashMap<>(vars);
        m.put(name, e);
        return new Bindings(m, fn);
    }

    public Bindings withFn(ScalarFunction f) { return new Bindings(vars, f); }

    public Expr get(String name) { return vars.get(name); }
}

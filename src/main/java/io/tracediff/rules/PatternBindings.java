package io.tracediff.rules;

import io.tracediff.expr.Expr;
import io.tracediff.expr.Op;
import io.tracediff.ops.ScalarFunction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a match bound: pattern variables to expressions, ?f to an elementwise function, and the constructors
 * (ones, eye, zeros, unvec, …) the left side met, whose dimensions are checked once every variable is bound.
 */
public record PatternBindings(Map<String, Expr> vars, ScalarFunction fn, List<Constructor> constructors) {

    /** A constructor of the rule's left side and the operator it met in the expression. */
    public record Constructor(Pattern.App pattern, Op met) {}

    public PatternBindings(Map<String, Expr> vars, ScalarFunction fn) { this(vars, fn, List.of()); }

    public static PatternBindings empty() { return new PatternBindings(Map.of(), null); }

    public PatternBindings with(String name, Expr e) {
        Map<String, Expr> m = new HashMap<>(vars);
        m.put(name, e);
        return new PatternBindings(m, fn, constructors);
    }

    public PatternBindings withFn(ScalarFunction f) { return new PatternBindings(vars, f, constructors); }

    public PatternBindings withConstructor(Pattern.App pattern, Op met) {
        List<Constructor> c = new ArrayList<>(constructors);
        c.add(new Constructor(pattern, met));
        return new PatternBindings(vars, fn, c);
    }

    public Expr get(String name) { return vars.get(name); }
}

package io.tracediff.rules;

import java.util.List;

/**
 * One side of a rule, as written in a rule file: a tree over operator keys with pattern variables.
 * Shapes are unknown until it is matched or built, so it is not an {@link io.tracediff.expr.Expr}.
 */
public sealed interface Pattern permits Pattern.Var, Pattern.Num, Pattern.App, Pattern.Call {

    /** {@code ?A}: matches any expression of the kind its first letter allows (a–g scalar, h–z vector, A–Z any). */
    record Var(String name) implements Pattern {
        public boolean scalarOnly() { char c = name.charAt(0); return c >= 'a' && c <= 'g'; }
        public boolean vectorOrScalar() { char c = name.charAt(0); return Character.isLowerCase(c) && !scalarOnly(); }
        @Override public String toString() { return "?" + name; }
    }

    record Num(double value) implements Pattern {
        @Override public String toString() { return Double.toString(value); }
    }

    /**
     * An operator by its key ("+", "*", "'", "neg", "tr", "exp", …) applied to operands. Looked up once for the
     * matcher's inner loop: {@code shared}, the registry entry when several operators share the name ("^"), else null;
     * {@code matched}, how many operands are matched (unvec(?v, m, n) matches on ?v alone).
     */
    record App(String key, List<Pattern> args, io.tracediff.ops.Operators.Entry shared, int matched) implements Pattern {
        public App { args = List.copyOf(args); }

        public App(String key, List<Pattern> args) { this(key, args, io.tracediff.ops.Operators.overloaded(key), matched(key, args.size())); }

        private static int matched(String key, int written) {
            var k = io.tracediff.ops.Operators.constructor(key);
            return k != null && k.values() > 0 && k.values() < written ? k.values() : written;
        }

        @Override public String toString() { return key + args; }
    }

    /**
     * A call the engine resolves itself: {@code d(·)} (the differential), {@code ?f(·)} and {@code ?f'(·)}
     * (the bound elementwise function and its derivative), and dimension arguments {@code rows(·)}, {@code cols(·)}.
     */
    record Call(String name, List<Pattern> args) implements Pattern {
        public Call { args = List.copyOf(args); }
        @Override public String toString() { return name + args; }
    }

    /** Pattern variables in this pattern (function variables such as ?f excluded). */
    default java.util.Set<String> variables() {
        var out = new java.util.LinkedHashSet<String>();
        var stack = new java.util.ArrayDeque<Pattern>();
        stack.push(this);
        while (!stack.isEmpty()) {
            Pattern p = stack.pop();
            if (p instanceof Var v) out.add(v.name());
            else if (p instanceof App a) a.args().forEach(stack::push);
            else if (p instanceof Call c) c.args().forEach(stack::push);
        }
        return out;
    }
}

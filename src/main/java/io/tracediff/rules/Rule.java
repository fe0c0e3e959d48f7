package io.tracediff.rules;

/**
 * One named line of a rule file. {@code lhs} is matched, {@code rhs} built, and only where every one of
 * {@code conditions} holds; {@code where} says which file and line it came from so a failing check can name it.
 */
public record Rule(String name, Kind kind, Pattern lhs, Pattern rhs, String source, String where, String text, java.util.List<Condition> conditions) {

    public Rule {
        conditions = java.util.List.copyOf(conditions);
    }

    /** A rule without side conditions. */
    public Rule(String name, Kind kind, Pattern lhs, Pattern rhs, String source, String where, String text) {
        this(name, kind, lhs, rhs, source, where, text, java.util.List.of());
    }

    /** Whether the rule applies to this match: every side condition holds of what the pattern bound. */
    public boolean admits(PatternBindings b) {
        for (Condition c : conditions) if (!c.holds(b)) return false;
        return true;
    }

    public enum Kind {
        /** d(PATTERN) = RHS: the differential of an operator. */
        DIFFERENTIAL,
        /** tr(?L * M) = Σ tr(L′ * ?Z): moves the differential to the right inside a trace. */
        TRACE,
        /** vec(M) = Σ R * vec(?Z): moves the differential out of a vec (Jacobians, io.tracediff.jacobian). */
        VEC,
        /** An identity between traces used only in derivations' wording (tr(?a) = ?a, linearity). */
        TRACE_IDENTITY,
        /** LHS -> RHS, applied wherever it matches. */
        SIMPLIFY,
        /** LHS ~> RHS, applied only where the result is smaller. */
        SIMPLIFY_IF_SMALLER,
        /** LHS <-> RHS: an equality only equality saturation explores (associativity, commutativity …), never greedily. */
        EQUIVALENCE,
        /** f'(x) = RHS: the derivative of an elementwise function. */
        DERIVATIVE
    }

    @Override public String toString() { return name + " (" + where + ")"; }
}

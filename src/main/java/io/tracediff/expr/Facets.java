package io.tracediff.expr;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A backend's table of per-operator facets (how it prints, evaluates, generates code for an operator): the
 * entry registered for the operator, else the operator itself when it implements the facet interface. The
 * core {@link Op} knows no backend; each backend owns its facet interface and one of these.
 */
public final class Facets<F> {
    private final Class<F> type;
    private final Function<Op, RuntimeException> missing;
    private final Map<Op, F> registered = new ConcurrentHashMap<>();

    /** {@code missing} is what {@link #of} throws for an operator without this facet. */
    public Facets(Class<F> type, Function<Op, RuntimeException> missing) {
        this.type = type;
        this.missing = missing;
    }

    /** Gives {@code op} this facet (or replaces the one it implements). */
    public void register(Op op, F facet) { registered.put(op, facet); }

    public F of(Op op) {
        if (!registered.isEmpty()) {  // the usual case skips hashing the operator (a record's hash walks its fields)
            F f = registered.get(op);
            if (f != null) return f;
        }
        if (type.isInstance(op)) return type.cast(op);
        throw missing.apply(op);
    }
}

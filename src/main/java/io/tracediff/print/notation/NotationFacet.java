package io.tracediff.print.notation;

import io.tracediff.expr.Expr;
import io.tracediff.expr.Facets;
import io.tracediff.expr.Op;
import java.util.List;

/** The printing facet of an operator: how it is written in each output format. */
public interface NotationFacet {
    Facets<NotationFacet> REGISTRY = new Facets<>(NotationFacet.class,
            op -> new UnsupportedOperationException("operator '" + op.key() + "' has no notation"));

    static NotationFacet of(Op op) { return REGISTRY.of(op); }

    Notation notation(Format format, List<Expr> args);
}

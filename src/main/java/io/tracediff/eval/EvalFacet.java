package io.tracediff.eval;

import io.tracediff.expr.Facets;
import io.tracediff.expr.Op;
import io.tracediff.shape.Sizes;
import java.util.List;

/** The numeric facet of an operator: its kernel on matrices of doubles. */
public interface EvalFacet {
    Facets<EvalFacet> REGISTRY = new Facets<>(EvalFacet.class,
            op -> new UnsupportedOperationException("operator '" + op.key() + "' has no numeric kernel"));

    static EvalFacet of(Op op) { return REGISTRY.of(op); }

    Matrix eval(List<Matrix> args);

    /** Evaluation when the result depends on dimension sizes (constructors such as eye(n)). */
    default Matrix eval(List<Matrix> args, Sizes sizes) { return eval(args); }
}

package io.tracediff.check.tensor;

import io.tracediff.autograd.Tensor;
import io.tracediff.expr.Facets;
import io.tracediff.expr.Op;
import io.tracediff.shape.Sizes;
import java.util.List;

/**
 * The autograd facet of an operator: the same operation on the reverse-mode engine (every value a rows×cols
 * tensor, scalars 1×1), so any expression can run on {@link Tensor} and be differentiated numerically there.
 */
public interface AutogradFacet {
    Facets<AutogradFacet> REGISTRY = new Facets<>(AutogradFacet.class,
            op -> new UnsupportedOperationException("'" + op.key() + "' has no counterpart on the autograd engine"));

    static AutogradFacet of(Op op) { return REGISTRY.of(op); }

    Tensor autograd(List<Tensor> args, Sizes sizes);
}

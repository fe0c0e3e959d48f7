package io.tracediff.symja.entries;

import io.tracediff.expr.Apply;
import io.tracediff.expr.Facets;
import io.tracediff.expr.Op;
import io.tracediff.shape.Sizes;
import java.util.List;

/** The exact-expansion facet of an operator: its result entry by entry in an {@link EntryAlgebra} (check --exact). */
public interface EntriesFacet {
    Facets<EntriesFacet> REGISTRY = new Facets<>(EntriesFacet.class,
            op -> new UnsupportedOperationException("'" + op.key() + "' has no entrywise expansion"));

    static EntriesFacet of(Op op) { return REGISTRY.of(op); }

    /**
     * The result entry by entry in the algebra {@code alg} from the operands' entries; {@code self} is this
     * application, for operators that read a constant operand.
     */
    <M, T> M entries(Apply self, List<M> args, EntryAlgebra<M, T> alg, Sizes sizes);
}

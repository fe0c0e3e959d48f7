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

    /**
     * The notation in an output whose variables take some of the printer's symbols ({@code taken.takes("I")}: a variable
     * prints as I), for the operators that then write themselves otherwise (the identity as eye(n)); most ignore it.
     */
    default Notation notation(Format format, List<Expr> args, Taken taken) { return notation(format, args); }

    /**
     * The symbol this operator prints alike at every size (I), or null: an output that holds it at several shapes asks
     * {@link Taken#sized} for it, and the operator then writes its size.
     */
    default String sizedSymbol() { return null; }

    /** Which of the printer's symbols (I, K, d) a variable of the output also prints as. */
    interface Taken {
        Taken NONE = symbol -> false;

        boolean takes(String symbol);

        /** Whether the output holds {@code symbol} (I) at several sizes, so that each is written with its size: B ⊗ Iₘ + Iₙ ⊗ A. */
        default boolean sized(String symbol) { return false; }
    }
}

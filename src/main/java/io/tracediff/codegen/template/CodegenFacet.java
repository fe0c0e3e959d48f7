package io.tracediff.codegen.template;

import io.tracediff.expr.Expr;
import io.tracediff.expr.Facets;
import io.tracediff.expr.Op;
import java.util.List;

/** The code-generation facet of an operator: how the generator writes it applied to given operands. */
public interface CodegenFacet {
    Facets<CodegenFacet> REGISTRY = new Facets<>(CodegenFacet.class,
            op -> new UnsupportedOperationException("operator '" + op.key() + "' has no generated-code form"));

    static CodegenFacet of(Op op) { return REGISTRY.of(op); }

    Template codegen(List<Expr> args);
}

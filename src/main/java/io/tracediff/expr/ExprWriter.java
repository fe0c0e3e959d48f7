package io.tracediff.expr;

/**
 * How an expression is written in messages and {@link Apply#toString()}: the printer's ASCII form, provided from
 * above through {@link java.util.ServiceLoader} (the core cannot name the printer), or a plain debug form without one.
 */
public interface ExprWriter {
    String write(Expr e);
}

package io.tracediff.print;

import io.tracediff.expr.Expr;
import io.tracediff.expr.ExprWriter;

/** The ASCII form (the input language) for messages and Apply.toString, installed in the core through META-INF/services. */
public final class AsciiWriter implements ExprWriter {
    @Override public String write(Expr e) { return Printer.ascii(e); }
}

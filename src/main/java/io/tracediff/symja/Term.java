package io.tracediff.symja;

import io.tracediff.ops.ScalarFunction;
import java.math.BigDecimal;

/**
 * The body of a user-defined elementwise function: a scalar expression in its one parameter. Everything
 * a {@code --fn} does (value, Java template, Symja input) is a walk over this small tree.
 */
public sealed interface Term permits Term.Num, Term.Param, Term.Call, Term.Bin, Term.Neg {

    /** A literal, kept exact (as written) so Symja sees 0.5 as 1/2. */
    record Num(BigDecimal value) implements Term {}

    /** The function's parameter. */
    record Param() implements Term {}

    /** An elementwise function (built-in or user-defined) applied to one argument. */
    record Call(ScalarFunction fn, Term arg) implements Term {}

    /** One of + - * / ^ (the elementwise forms .* ./ .^ mean the same on scalars). */
    record Bin(char op, Term left, Term right) implements Term {
        public Bin {
            if ("+-*/^".indexOf(op) < 0) throw new IllegalArgumentException("not a scalar operator: " + op);
        }
    }

    record Neg(Term arg) implements Term {}
}

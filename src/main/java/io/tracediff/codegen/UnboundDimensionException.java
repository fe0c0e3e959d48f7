package io.tracediff.codegen;

import io.tracediff.core.UserError;

/** Generated code reads sizes from its inputs' lengths; this dimension sizes no input (N in ones(N)). */
public final class UnboundDimensionException extends UserError {
    public UnboundDimensionException(String dimension) {
        super("the size of dimension '" + dimension + "' is not fixed by any input of the generated code; "
                + "declare an input with that dimension (e.g. a vector(" + dimension + ") input that the code reads its size from)");
    }
}

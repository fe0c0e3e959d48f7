package io.tracediff.cli;

import io.tracediff.print.notation.Format;
import picocli.CommandLine.Option;

/** How results are written: {@code --format unicode|ascii|latex} and {@code --json}. Use as a {@code @Mixin}. */
public final class OutputOptions {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "unicode",
            description = "Notation of printed expressions: unicode (as a paper writes it, the default), "
                    + "ascii (the input syntax; parses back, except a Jacobian's or Hessian's kron, commutation and powsum, "
                    + "which rule files read) or latex.")
    Format format = Format.UNICODE;

    @Option(names = "--json", description = "Machine-readable JSON on stdout.")
    boolean json;

    public Format format() { return format; }

    public boolean json() { return json; }
}

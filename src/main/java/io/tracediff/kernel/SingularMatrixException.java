package io.tracediff.kernel;

/** Thrown when an LU factorisation meets an exactly (or numerically) singular matrix. */
public final class SingularMatrixException extends ArithmeticException {
    private final boolean exact;

    /** An exactly zero pivot. */
    public SingularMatrixException(String message) { this(message, true); }

    /** {@code exact}: a pivot is exactly zero; else one is below the relative threshold (singular to working precision). */
    public SingularMatrixException(String message, boolean exact) {
        super(message);
        this.exact = exact;
    }

    /** Whether a pivot is exactly zero, rather than below the working-precision threshold. */
    public boolean exact() { return exact; }
}

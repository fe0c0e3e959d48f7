package io.tracediff.kernel;

/** Thrown when an LU factorisation meets an exactly (or numerically) singular matrix. */
public final class SingularMatrixException extends ArithmeticException {
    public SingularMatrixException(String message) { super(message); }
}

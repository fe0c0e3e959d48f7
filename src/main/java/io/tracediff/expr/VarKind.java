package io.tracediff.expr;

/** The declared type of a variable; the domain flags tell checkers where to sample values. */
public enum VarKind {
    SCALAR("scalar"), VECTOR("vector"), MATRIX("matrix"), SYMMETRIC("symmetric"),
    /** Symmetric positive definite. */
    SPD("spd"),
    /** Entries strictly positive (scalar, vector or matrix). */
    POSITIVE("positive");

    private final String word;

    VarKind(String word) { this.word = word; }

    public String word() { return word; }

    public boolean symmetric() { return this == SYMMETRIC || this == SPD; }
}

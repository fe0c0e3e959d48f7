package io.tracediff.limits;


/**
 * Every resource limit tracediff enforces, stated once. Each is checked before the work it bounds
 * (before a matrix is allocated, a file read, a power expanded or Symja started), and each can be raised
 * with a system property: {@code TRACEDIFF_JAVA_OPTS="-Dtracediff.maxEntries=50000000" bin/tracediff …}.
 */
public enum Limit {
    /** Entries of any one matrix a command builds (values, Jacobians, Hessians, generated buffers, tensors). */
    MATRIX_ENTRIES("maxEntries", 1L << 24, "entries in one matrix"),
    /** Bytes of a values file (--at FILE, or inline JSON). */
    VALUES_BYTES("maxValuesBytes", 64L << 20, "bytes in a values file"),
    /** Bytes of a source file (--problem FILE, the *.rules files of --rules DIR). */
    SOURCE_BYTES("maxSourceBytes", 1L << 20, "bytes in a problem or rules file"),
    /** Characters of one expression, one --let text or one --fn definition. */
    EXPRESSION_CHARS("maxExpressionChars", 100_000, "characters in an expression or declaration"),
    /** Nesting of parentheses, function calls and operators in an expression, and of arrays in values JSON. */
    NESTING_DEPTH("maxDepth", 400, "levels of nesting"),
    /** The largest exponent k for which d(X^k) is written out as k terms (past it: powsum(X, dX, k)), and X^k's exact entries are expanded. */
    POWER_TERMS("maxPowerTerms", 8, "terms of an expanded matrix power"),
    /** Size of a derived expression written out as a tree (a differential, a gradient): what simplifying and printing it cost. */
    DERIVATION_NODES("maxDerivationNodes", 25_000, "distinct operations in a derived expression"),
    /** Entries of the variables that check perturbs by central differences (each costs two evaluations of f). */
    CHECKED_ENTRIES("maxCheckedEntries", 30_000, "entries perturbed by finite differences in check, over all its points"),
    /** Characters of the body of a --fn definition, which Symja differentiates. */
    FUNCTION_CHARS("maxFunctionChars", 2_000, "characters in a --fn body"),
    /** Seconds Symja may spend differentiating and simplifying one --fn body. */
    SYMJA_SECONDS("symjaSeconds", 3, "seconds of Symja time for a --fn derivative"),
    /** Seconds of Symja rewriting for one check --exact; entries left undecided when it runs out are reported as undecided. */
    EXACT_SECONDS("exactSeconds", 120, "seconds of Symja time for check --exact"),
    COMMAND_SECONDS("maxSeconds", 600, "seconds one command may run (batch and serve excepted)");

    private final String property;
    private final long value;
    private final String unit;

    Limit(String property, long fallback, String unit) {
        this.property = "tracediff." + property;
        this.unit = unit;
        this.value = configured(this.property, fallback);
    }

    private static long configured(String property, long fallback) {
        String s = System.getProperty(property);
        if (s == null || s.isBlank()) return fallback;
        try {
            long v = Long.parseLong(s.strip().replace("_", ""));
            return v > 0 ? v : fallback;
        } catch (NumberFormatException e) {
            return fallback;   // a mistyped setting keeps the documented default rather than failing every command (Main warns)
        }
    }

    public long value() { return value; }

    /** The value as an int, for limits that bound int-indexed structures. */
    public int intValue() { return (int) Math.min(Integer.MAX_VALUE, value); }

    public String property() { return property; }

    /** "the limit is 16777216 entries in one matrix; raise it with TRACEDIFF_JAVA_OPTS=-Dtracediff.maxEntries=N". */
    public String explain() {
        return "the limit is " + value + " " + unit + "; raise it with TRACEDIFF_JAVA_OPTS=-D" + property + "=N";
    }

    /** A user error: {@code what} (already naming the size) past this limit. */
    public LimitExceeded exceeded(String what) { return new LimitExceeded(this, what + "; " + explain()); }

    /** Throws when {@code actual} is above the limit. */
    public void check(long actual, String what) {
        if (actual > value) throw exceeded(what);
    }
}

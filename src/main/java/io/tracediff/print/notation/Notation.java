package io.tracediff.print.notation;


/**
 * How an operator is written: its fixity, its symbol and its binding strength. Precedences are
 * per format because papers bind juxtaposed products tighter than ⊙ while the input language
 * gives {@code *} and {@code .*} one level.
 */
public record Notation(Fixity fixity, String symbol, int precedence, String close) {

    public enum Fixity { INFIX_LEFT, INFIX_RIGHT, PREFIX, POSTFIX, FUNCTION, ATOM, WRAP, FRACTION }

    /** Operator classes, named by their binding on paper (higher binds tighter); {@link #level} places them per format. */
    public static final int SUM = 10, NEG = 20, HADAMARD = 30, PRODUCT = 40, POWER = 50, POSTFIX_LEVEL = 60, ATOM_LEVEL = 70;

    /**
     * The one precedence table: the binding strength of an operator class in a format. On paper juxtaposed
     * products bind tighter than ⊙ and a leading minus looser than both (−a b = −(a b)); the input language
     * gives * and .* one level and binds unary minus tighter than products (-x'*x is (-x')*x).
     */
    public static int level(int operatorClass, Format format) {
        if (format != Format.ASCII) return operatorClass;
        if (operatorClass == HADAMARD) return PRODUCT;
        if (operatorClass == NEG) return POWER - 5;
        return operatorClass;
    }

    /** The binding strength of this notation in {@code format}. */
    public int precedence(Format format) { return level(precedence, format); }

    public static Notation infix(String symbol, int precedence) { return new Notation(Fixity.INFIX_LEFT, symbol, precedence, ""); }
    public static Notation infixRight(String symbol, int precedence) { return new Notation(Fixity.INFIX_RIGHT, symbol, precedence, ""); }
    public static Notation prefix(String symbol, int precedence) { return new Notation(Fixity.PREFIX, symbol, precedence, ""); }
    public static Notation postfix(String symbol) { return new Notation(Fixity.POSTFIX, symbol, POSTFIX_LEVEL, ""); }
    public static Notation function(String name) { return new Notation(Fixity.FUNCTION, name, ATOM_LEVEL, ""); }
    public static Notation atom(String text) { return new Notation(Fixity.ATOM, text, ATOM_LEVEL, ""); }
    /** An atom that ends in a superscript (𝟏𝟏ᵀ): a power on it needs brackets, (𝟏𝟏ᵀ)², as on a transpose. */
    public static Notation superscriptedAtom(String text) { return new Notation(Fixity.ATOM, text, POSTFIX_LEVEL, ""); }
    /** open … close around the single operand, e.g. ‖x‖ or |x|. */
    public static Notation wrap(String open, String close) { return new Notation(Fixity.WRAP, open, ATOM_LEVEL, close); }
    /** \frac{numerator}{denominator}: self-delimiting, but a superscript on it needs brackets. */
    public static Notation fraction() { return new Notation(Fixity.FRACTION, "\\frac", POSTFIX_LEVEL, ""); }

    /** Characters Unicode has a subscript form of, and those forms, index for index. */
    public static final String SUBSCRIPTABLE = "0123456789aehijklmnoprstuvx", SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ";

    /** {@code s} in Unicode subscript characters (t₀, Iₘ), or null when one of its characters has none. */
    public static String subscript(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            int k = SUBSCRIPTABLE.indexOf(c);
            if (k < 0) return null;
            out.append(SUBSCRIPTS.charAt(k));
        }
        return out.toString();
    }
}

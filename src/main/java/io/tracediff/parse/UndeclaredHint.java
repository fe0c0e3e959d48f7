package io.tracediff.parse;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fix for a shape error that comes from a default: an undeclared N is a matrix of sizes m_N×n_N, so
 * "-N/2*logdet(S)" is not a scalar, and the message says only "is m_N×n_N".
 */
public final class UndeclaredHint {
    private UndeclaredHint() {}

    /** The sizes the typer gives an undeclared variable X (m_X, n_X) or x (n_x). */
    private static final Pattern GENERATED = Pattern.compile("(?<![A-Za-z0-9_?])[mn]_([A-Za-z][A-Za-z0-9_]*)(?![A-Za-z0-9_])");

    /**
     * "; if N is a number, declare it: --let "N: scalar" (undeclared, it is a matrix, …)" for the first variable whose
     * generated sizes the message shows and that {@code undeclared} confirms; "" where there is none.
     */
    public static String of(String message, Predicate<String> undeclared) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = GENERATED.matcher(message);
        while (m.find()) names.add(m.group(1));
        for (String name : names) {
            if (!undeclared.test(name)) continue;
            boolean matrix = Character.isUpperCase(name.charAt(0));
            return "; if " + name + " is a number, declare it: --let \"" + name + ": scalar\" (undeclared, it is "
                    + (matrix ? "a matrix, as A–Z are" : "a vector, as h–z are") + ")";
        }
        return "";
    }
}

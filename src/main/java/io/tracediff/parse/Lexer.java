package io.tracediff.parse;

import io.tracediff.core.UserError;
import java.util.ArrayList;
import java.util.List;

/** Splits input into tokens: numbers, names (and ?pattern names in rule files), the registry's operator symbols, punctuation. */
public final class Lexer {
    private static final String[] PUNCTUATION = {"(", ")", ",", ";", ":", "=", "ᵀ"};

    private Lexer() {}

    public static List<Token> lex(String src) {
        List<Token> out = new ArrayList<>();
        int i = 0, n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (Character.isWhitespace(c)) { i++; continue; }
            int start = i;
            if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(src.charAt(i + 1)))) {
                while (i < n && Character.isDigit(src.charAt(i))) i++;
                if (i < n && src.charAt(i) == '.' && !startsSymbol(src, i)) { // 2.*x is 2 .* x
                    i++;
                    while (i < n && Character.isDigit(src.charAt(i))) i++;
                }
                if (i < n && (src.charAt(i) == 'e' || src.charAt(i) == 'E')) {
                    int j = i + 1;
                    if (j < n && (src.charAt(j) == '+' || src.charAt(j) == '-')) j++;
                    if (j < n && Character.isDigit(src.charAt(j))) {
                        i = j;
                        while (i < n && Character.isDigit(src.charAt(i))) i++;
                    }
                }
                out.add(new Token(Token.Kind.NUMBER, src.substring(start, i), start, i));
                continue;
            }
            if (Character.isLetter(c) && c != 'ᵀ' || c == '_' || (c == '?' && i + 1 < n && Character.isLetter(src.charAt(i + 1)) && src.charAt(i + 1) != 'ᵀ')) {
                i++;
                // ᵀ counts as a letter to Java, but here it is the transpose: xᵀ is x'.
                while (i < n && (Character.isLetterOrDigit(src.charAt(i)) && src.charAt(i) != 'ᵀ' || src.charAt(i) == '_')) i++;
                // In rule files ?f'(…) names the derivative of the function bound to ?f.
                if (c == '?' && i + 1 < n && src.charAt(i) == '\'' && src.charAt(i + 1) == '(') i++;
                String name = src.substring(start, i);
                for (int k = 0; k < name.length(); k++)
                    if (name.charAt(k) > 127) throw UserError.at(nonAsciiName(name, name.charAt(k)), src, start, i);
                out.add(new Token(Token.Kind.NAME, name, start, i));
                continue;
            }
            String op = null;
            for (String o : io.tracediff.ops.Operators.symbols()) if (src.startsWith(o, i)) { op = o; break; }
            if (op == null) for (String o : PUNCTUATION) if (src.startsWith(o, i)) { op = o; break; }
            if (op == null) {
                int cp = src.codePointAt(i);
                int type = Character.getType(cp);
                // Invisible ones (zero-width space, right-to-left override) are named by code point: quoted they show as ''.
                boolean invisible = type == Character.FORMAT || type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR
                        || type == Character.PARAGRAPH_SEPARATOR || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK;
                throw UserError.at("unexpected character " + (Character.isISOControl(cp) || !Character.isDefined(cp)
                        ? String.format("U+%04X (a control character)", cp)
                        : invisible ? String.format("U+%04X (an invisible character; retype the expression around it)", cp)
                        : "'" + new String(Character.toChars(cp)) + "'"), src, i, i + Character.charCount(cp));
            }
            i += op.length();
            out.add(new Token(Token.Kind.OP, op.equals("ᵀ") ? "'" : op, start, i));
        }
        out.add(new Token(Token.Kind.END, "", n, n));
        return out;
    }

    /** Whether an operator symbol that begins with '.' starts at {@code i}. */
    private static boolean startsSymbol(String src, int i) {
        for (String o : io.tracediff.ops.Operators.symbols()) if (o.length() > 1 && o.charAt(0) == '.' && src.startsWith(o, i)) return true;
        return false;
    }

    private static final String GREEK = "αβγδεηθλμνρσστφψωΣΩ";
    private static final String[] GREEK_NAMES = {"alpha", "beta", "gamma", "delta", "eps", "eta", "theta", "lam", "mu", "nu",
            "rho", "sigma", "sigma", "tau", "phi", "psi", "omega", "Sigma", "Omega"};

    /** Names are ASCII (they become code identifiers); the message says what to write instead. */
    private static String nonAsciiName(String name, char c) {
        if (c == 'π') return "'π' is not a name tracediff accepts; write the number 3.141592653589793, or name a variable pi";
        int g = GREEK.indexOf(c);
        String hint = g >= 0 ? "write " + GREEK_NAMES[g] + " (printed as " + c + ")" : "names use the letters a-z, A-Z, digits and _";
        return "'" + name + "' is not a name tracediff accepts: " + hint;
    }
}

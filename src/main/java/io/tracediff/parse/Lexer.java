package io.tracediff.parse;

import java.util.ArrayList;
import java.util.List;

/** Splits input into tokens: numbers, names (and ?pattern names in rule files), operators. */
public final class Lexer {
    private static final String[] OPERATORS = {".*", "./", ".^", "+", "-", "*", "/", "^", "'", "(", ")", ",", ";", ":", "=", "ᵀ"};

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
                if (i < n && src.charAt(i) == '.' && !(i + 1 < n && "*/^".indexOf(src.charAt(i + 1)) >= 0)) {
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
            if (Character.isLetter(c) && c != 'ᵀ' || c == '_' || (c == '?' && i + 1 < n && Character.isLetter(src.charAt(i + 1)))) {
                i++;
                // ᵀ counts as a letter to Java, but here it is the transpose: xᵀ is x'.
                while (i < n && (Character.isLetterOrDigit(src.charAt(i)) && src.charAt(i) != 'ᵀ' || src.charAt(i) == '_')) i++;
                // In rule files ?f'(…) names the derivative of the function bound to ?f.
                if (c == '?' && i + 1 < n && src.charAt(i) == '\'' && src.charAt(i + 1) == '(') i++;
                out.add(new Token(Token.Kind.NAME, src.substring(start, i), start, i));
                continue;
            }
            String op = null;
            for (String o : OPERATORS) if (src.startsWith(o, i)) { op = o; break; }
            if (op == null) {
                int cp = src.codePointAt(i);
                throw UserError.at("unexpected character " + (Character.isISOControl(cp) || !Character.isDefined(cp)
                        ? String.format("U+%04X (a control character)", cp) : "'" + new String(Character.toChars(cp)) + "'"), src, i, i + Character.charCount(cp));
            }
            i += op.length();
            out.add(new Token(Token.Kind.OP, op.equals("ᵀ") ? "'" : op, start, i));
        }
        out.add(new Token(Token.Kind.END, "", n, n));
        return out;
    }
}

package io.tracediff.print;

import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.Var;
import io.tracediff.ops.Add;
import io.tracediff.ops.Hadamard;
import io.tracediff.ops.Inv;
import io.tracediff.ops.MatrixPow;
import io.tracediff.ops.Mul;
import io.tracediff.ops.Transpose;
import io.tracediff.print.Notation.Fixity;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Prints expressions with minimal parentheses, from each operator's {@link Notation}. ASCII output
 * is the input language and parses back to the same tree; Unicode and LaTeX read as a paper.
 */
public final class Printer {
    private final Format format;

    private Printer(Format format) { this.format = format; }

    public static String print(Expr e, Format f) { return new Printer(f).render(e); }

    public static String ascii(Expr e) { return print(e, Format.ASCII); }

    public static String unicode(Expr e) { return print(e, Format.UNICODE); }

    public static String latex(Expr e) { return print(e, Format.LATEX); }

    private static final Map<String, String> GREEK = Map.ofEntries(
            Map.entry("alpha", "\\alpha"), Map.entry("beta", "\\beta"), Map.entry("gamma", "\\gamma"),
            Map.entry("delta", "\\delta"), Map.entry("eps", "\\epsilon"), Map.entry("epsilon", "\\epsilon"),
            Map.entry("eta", "\\eta"), Map.entry("theta", "\\theta"), Map.entry("lam", "\\lambda"),
            Map.entry("lambda", "\\lambda"), Map.entry("mu", "\\mu"), Map.entry("nu", "\\nu"),
            Map.entry("rho", "\\rho"), Map.entry("sigma", "\\sigma"), Map.entry("Sigma", "\\Sigma"),
            Map.entry("tau", "\\tau"), Map.entry("phi", "\\phi"), Map.entry("psi", "\\psi"),
            Map.entry("omega", "\\omega"), Map.entry("Omega", "\\Omega"), Map.entry("pi", "\\pi"));

    private static final Map<String, String> GREEK_UNICODE = Map.ofEntries(
            Map.entry("alpha", "α"), Map.entry("beta", "β"), Map.entry("gamma", "γ"), Map.entry("delta", "δ"),
            Map.entry("eps", "ε"), Map.entry("epsilon", "ε"), Map.entry("eta", "η"), Map.entry("theta", "θ"),
            Map.entry("lam", "λ"), Map.entry("lambda", "λ"), Map.entry("mu", "μ"), Map.entry("nu", "ν"),
            Map.entry("rho", "ρ"), Map.entry("sigma", "σ"), Map.entry("Sigma", "Σ"), Map.entry("tau", "τ"),
            Map.entry("phi", "φ"), Map.entry("psi", "ψ"), Map.entry("omega", "ω"), Map.entry("Omega", "Ω"));

    public String render(Expr e) {
        if (e instanceof Var v) return name(v.name());
        if (e instanceof Num n) return format == Format.UNICODE ? number(n.value()).replace('-', '−') : number(n.value());
        Apply a = (Apply) e;
        if (format != Format.ASCII && a.op() == Transpose.OP && a.arg(0) instanceof Apply inner && inner.op() == Inv.OP)
            return operand(inner.arg(0), Notation.POSTFIX_LEVEL, false) + (format == Format.UNICODE ? "⁻ᵀ" : "^{-\\top}");
        Notation n = a.op().notation(format, a.args());
        List<Expr> args = a.args();
        return switch (n.fixity()) {
            case ATOM -> n.symbol();
            case WRAP -> n.symbol() + render(args.get(0)) + n.close();
            case FUNCTION -> function(n.symbol(), args);
            // ASCII -(2) is not the number -2: the parser folds a minus only into a literal that follows it.
            case PREFIX -> n.symbol() + (format == Format.ASCII && args.get(0) instanceof Num k
                    ? "(" + render(k) + ")" : operand(args.get(0), n.precedence(), false));
            // On paper a superscript on a superscript (X^\top^{-1}) is ambiguous, and an error in LaTeX.
            case POSTFIX -> operand(args.get(0), Notation.POSTFIX_LEVEL, format != Format.ASCII) + n.symbol();
            case INFIX_LEFT, INFIX_RIGHT -> infix(a, n);
        };
    }

    private String function(String name, List<Expr> args) {
        StringBuilder sb = new StringBuilder(name);
        boolean braces = format == Format.LATEX && name.equals("\\sqrt");
        sb.append(braces ? "{" : "(");
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(render(args.get(i)));
        }
        return sb.append(braces ? "}" : ")").toString();
    }

    private String infix(Apply a, Notation n) {
        int p = n.precedence();
        boolean rightAssoc = n.fixity() == Fixity.INFIX_RIGHT;
        String sym = n.symbol();
        Expr l = a.arg(0), r = a.arg(1);
        if (sym.equals("^") || sym.startsWith("^{")) {
            int basePrecedence = format == Format.ASCII ? Notation.POWER + 1 : Notation.POSTFIX_LEVEL + 1;
            if (format == Format.UNICODE && r instanceof Num k && k.isInteger() && k.value() >= 0)
                return operand(l, basePrecedence, false) + superscript((long) k.value());
            String base = operand(l, basePrecedence, false);
            if (format == Format.LATEX) return base + (sym.equals("^") ? "^{" : sym) + render(r) + "}";
            return base + "^" + operand(r, Notation.POWER, false);
        }
        // On paper sums, products and ⊙ are associative, so right-nested ones need no parentheses.
        boolean associative = format != Format.ASCII && (a.op() == Add.OP || a.op() == Mul.OP || a.op() == Hadamard.OP);
        // −a b reads as (−a) b = −(a b) on paper, so a leading minus needs no parentheses there.
        boolean leadingMinus = format != Format.ASCII && p >= Notation.HADAMARD && isNegative(l);
        String left = leadingMinus ? render(l) : operand(l, p, rightAssoc);
        String right = operand(r, p, !rightAssoc && !(associative && sameOp(a, r)));
        // On paper a product inside ⊙ is bracketed, (W x) ⊙ s, as juxtaposition and ⊙ have no agreed order.
        if (format != Format.ASCII && (a.op() == Hadamard.OP || a.op() == io.tracediff.ops.ElementDiv.OP)) {
            if (isMatrixProduct(l)) left = bracket(left);
            if (isMatrixProduct(r)) right = bracket(right);
        }
        return left + sym + right;
    }

    private static boolean isNegative(Expr e) {
        return e instanceof Num n && n.value() < 0 || e instanceof Apply a && a.op() == io.tracediff.ops.Neg.OP;
    }

    private static boolean isMatrixProduct(Expr e) {
        return e instanceof Apply m && m.op() == Mul.OP;
    }

    private String bracket(String s) { return format == Format.LATEX ? "\\left(" + s + "\\right)" : "(" + s + ")"; }

    private static boolean sameOp(Apply a, Expr r) { return r instanceof Apply b && b.op() == a.op(); }

    /** The operand, parenthesised if it binds looser than {@code p} (or equally, when {@code strictOnTie}). */
    private String operand(Expr e, int p, boolean strictOnTie) {
        int q = precedence(e);
        String s = render(e);
        boolean paren = q < p || (strictOnTie && q == p);
        if (!paren) return s;
        return format == Format.LATEX ? "\\left(" + s + "\\right)" : "(" + s + ")";
    }

    private int precedence(Expr e) {
        if (e instanceof Var) return Notation.ATOM_LEVEL;
        if (e instanceof Num n) return n.value() < 0 ? (format == Format.ASCII ? Notation.POWER - 5 : Notation.NEG) : Notation.ATOM_LEVEL;
        Apply a = (Apply) e;
        if (format != Format.ASCII && a.op() == Transpose.OP && a.arg(0) instanceof Apply inner && inner.op() == Inv.OP)
            return Notation.POSTFIX_LEVEL;
        Notation n = a.op().notation(format, a.args());
        return switch (n.fixity()) {
            case ATOM, WRAP, FUNCTION -> Notation.ATOM_LEVEL;
            case POSTFIX -> Notation.POSTFIX_LEVEL;
            default -> n.precedence();
        };
    }

    private String name(String name) {
        if (format == Format.ASCII) return name;
        if (format == Format.UNICODE) return GREEK_UNICODE.getOrDefault(name, name);
        String g = GREEK.get(name);
        if (g != null) return g;
        int i = name.length();
        while (i > 0 && Character.isDigit(name.charAt(i - 1))) i--;
        String stem = name.substring(0, i), digits = name.substring(i);
        String base = GREEK.getOrDefault(stem, stem.length() > 1 ? "\\mathit{" + stem + "}" : stem);
        return digits.isEmpty() ? base : base + "_{" + digits + "}";
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        String plain = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        String sci = Double.toString(v).replace("E", "e");
        return plain.length() <= sci.length() ? plain : sci;
    }

    private static String superscript(long k) {
        String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        StringBuilder sb = new StringBuilder();
        for (char c : Long.toString(k).toCharArray()) sb.append(digits.charAt(c - '0'));
        return sb.toString();
    }
}

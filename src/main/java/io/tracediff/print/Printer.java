package io.tracediff.print;

import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.Var;
import io.tracediff.ops.Add;
import io.tracediff.ops.Hadamard;
import io.tracediff.ops.Inv;
import io.tracediff.ops.Mul;
import io.tracediff.ops.Transpose;
import io.tracediff.print.notation.Notation.Fixity;
import io.tracediff.print.notation.Format;
import io.tracediff.print.notation.Notation;
import io.tracediff.print.notation.NotationFacet;
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

    /** ASCII writes the tree exactly (it parses back); Unicode and LaTeX write its {@link Presentation}. */
    public static String print(Expr e, Format f) { return new Printer(f).render(f == Format.ASCII ? e : Presentation.of(e)); }

    /** How a variable's name is written in {@code f} (λ for lam): labels such as ∂f/∂λ use it too. */
    public static String variable(String name, Format f) { return new Printer(f).name(name); }

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
            return operand(inner.arg(0), Notation.POSTFIX_LEVEL, true) + (format == Format.UNICODE ? "⁻ᵀ" : "^{-\\top}");
        // (Aᵏ)⁻¹ = (A⁻¹)ᵏ, which a paper writes A⁻ᵏ.
        InversePower inverted = inversePower(a);
        if (inverted != null) {
            String base = operand(inverted.base(), Notation.POSTFIX_LEVEL + 1, false);
            return base + (format == Format.UNICODE ? "⁻" + superscript(inverted.k()) : "^{-" + inverted.k() + "}");
        }
        Notation n = NotationFacet.of(a.op()).notation(format, a.args());
        List<Expr> args = a.args();
        return switch (n.fixity()) {
            case ATOM -> n.symbol();
            case WRAP -> n.symbol() + render(args.get(0)) + n.close();
            case FUNCTION -> function(n.symbol(), args);
            case FRACTION -> "\\frac{" + render(args.get(0)) + "}{" + render(args.get(1)) + "}";
            // ASCII -(2) is not the number -2: the parser folds a minus only into a literal that follows it.
            case PREFIX -> n.symbol() + (format == Format.ASCII && args.get(0) instanceof Num k
                    ? "(" + render(k) + ")" : operand(args.get(0), n.precedence(format), false));
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
        int p = n.precedence(format);
        boolean rightAssoc = n.fixity() == Fixity.INFIX_RIGHT;
        String sym = n.symbol();
        Expr l = a.arg(0), r = a.arg(1);
        if (sym.equals("^") || sym.startsWith("^{") || sym.equals("^∘")) return power(l, r, sym);
        // On paper sums, products and ⊙ are associative, so right-nested ones need no parentheses.
        boolean associative = format != Format.ASCII && (a.op() == Add.OP || a.op() == Mul.OP || a.op() == Hadamard.OP);
        boolean paper = format != Format.ASCII;
        // ⊙, ⊘ and ⊗ have no agreed order with juxtaposition, / or each other on paper: every mix is bracketed.
        // A quotient before a juxtaposed factor is too, since a / b c reads as a / (b c) to many readers.
        boolean quotientFirst = paper && format == Format.UNICODE && a.op() == Mul.OP && l instanceof Apply q && q.op() == io.tracediff.ops.Div.OP;
        String left = operand(l, p, rightAssoc, paper && p == Notation.HADAMARD && mixes(a, l, true) || quotientFirst);
        String right = operand(r, p, !rightAssoc && !(associative && sameOp(a, r)), paper && p == Notation.HADAMARD && mixes(a, r, false));
        // Juxtaposed numbers run together (2 1 / x reads as 21 / x): a centred dot separates them.
        if (paper && sym.equals(" ") && endsWithDigit(left) && startsWithDigit(right)) sym = format == Format.UNICODE ? "·" : " \\cdot ";
        return left + sym + right;
    }

    /** Whether {@code e}, an operand of the ⊙-level {@code a}, is a product or another ⊙-level operator (same-operator chains excepted). */
    private boolean mixes(Apply a, Expr e, boolean leftOperand) {
        if (!(e instanceof Apply b)) return false;
        if (b.op() == a.op() && (leftOperand || a.op() == Hadamard.OP)) return false;
        Notation bn = NotationFacet.of(b.op()).notation(format, b.args());
        if (bn.fixity() != Fixity.INFIX_LEFT && bn.fixity() != Fixity.INFIX_RIGHT) return false; // \frac, powers: self-delimiting
        int q = bn.precedence(format);
        // Juxtaposition inside ⊗ follows the table (Uᵀ U ⊗ I, as papers write it); inside ⊙ and ⊘ it is bracketed.
        return q == Notation.PRODUCT && a.op() != io.tracediff.ops.Kron.OP || q == Notation.HADAMARD;
    }

    /** A⁻ᵏ: the base A and the whole k ≥ 2 of (Aᵏ)⁻¹ or (A⁻¹)ᵏ. */
    private record InversePower(Expr base, long k) {}

    /** (Aᵏ)⁻¹ or (A⁻¹)ᵏ, a matrix power by a whole k ≥ 2, on paper; else null. */
    private InversePower inversePower(Apply a) {
        if (format == Format.ASCII) return null;
        Apply power = a.op() == Inv.OP && a.arg(0) instanceof Apply p && p.op() == io.tracediff.ops.MatrixPow.OP ? p
                : a.op() == io.tracediff.ops.MatrixPow.OP && a.arg(0) instanceof Apply i && i.op() == Inv.OP ? a : null;
        if (power == null || !(power.arg(1) instanceof Num k) || !k.isInteger() || k.value() < 2) return null;
        return new InversePower(a.op() == Inv.OP ? power.arg(0) : ((Apply) power.arg(0)).arg(0), (long) k.value());
    }

    /** base^exponent: Unicode superscripts for integers (X², x⁻¹, X∘² entrywise), LaTeX ^{…}. */
    private String power(Expr l, Expr r, String sym) {
        int basePrecedence = format == Format.ASCII ? Notation.POWER + 1 : Notation.POSTFIX_LEVEL + 1;
        String base = operand(l, basePrecedence, false);
        boolean entrywise = sym.equals("^∘");
        if (format == Format.UNICODE && r instanceof Num k && k.isInteger())
            return base + (entrywise ? "∘" : "") + superscript((long) k.value());
        if (format == Format.LATEX) return base + (sym.equals("^") ? "^{" : sym) + render(r) + "}";
        return base + sym + operand(r, Notation.POWER, false);
    }

    private static boolean endsWithDigit(String s) { return !s.isEmpty() && Character.isDigit(s.charAt(s.length() - 1)); }

    private static boolean startsWithDigit(String s) { return !s.isEmpty() && Character.isDigit(s.charAt(0)); }

    private String bracket(String s) { return format == Format.LATEX ? "\\left(" + s + "\\right)" : "(" + s + ")"; }

    private static boolean sameOp(Apply a, Expr r) { return r instanceof Apply b && b.op() == a.op(); }

    /** The operand, parenthesised if it binds looser than {@code p} (or equally, when {@code strictOnTie}). */
    private String operand(Expr e, int p, boolean strictOnTie) { return operand(e, p, strictOnTie, false); }

    /** The operand, parenthesised as {@link #operand(Expr, int, boolean)} says, or always when {@code force}. */
    private String operand(Expr e, int p, boolean strictOnTie, boolean force) {
        int q = precedence(e);
        String s = render(e);
        boolean paren = force || q < p || (strictOnTie && q == p);
        if (!paren) return s;
        return bracket(s);
    }

    private int precedence(Expr e) {
        if (e instanceof Var) return Notation.ATOM_LEVEL;
        if (e instanceof Num n) return n.value() < 0 ? Notation.level(Notation.NEG, format) : Notation.ATOM_LEVEL;
        Apply a = (Apply) e;
        if (format != Format.ASCII && a.op() == Transpose.OP && a.arg(0) instanceof Apply inner && inner.op() == Inv.OP)
            return Notation.POSTFIX_LEVEL;
        Notation n = NotationFacet.of(a.op()).notation(format, a.args());
        return switch (n.fixity()) {
            case ATOM, WRAP, FUNCTION -> Notation.ATOM_LEVEL;
            case POSTFIX, FRACTION -> Notation.POSTFIX_LEVEL;
            default -> n.precedence(format);
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
        StringBuilder sb = new StringBuilder(k < 0 ? "⁻" : "");
        k = Math.abs(k);
        for (char c : Long.toString(k).toCharArray()) sb.append(digits.charAt(c - '0'));
        return sb.toString();
    }
}

package io.tracediff.print;

import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.Var;
import io.tracediff.ops.Add;
import io.tracediff.ops.Div;
import io.tracediff.ops.ElementDiv;
import io.tracediff.ops.ElementPow;
import io.tracediff.ops.Hadamard;
import io.tracediff.ops.Inv;
import io.tracediff.ops.Kron;
import io.tracediff.ops.MatrixPow;
import io.tracediff.ops.Mul;
import io.tracediff.ops.Neg;
import io.tracediff.ops.Sub;
import io.tracediff.ops.Transpose;
import io.tracediff.ops.Zeros;
import io.tracediff.print.notation.Format;
import io.tracediff.print.notation.NotationFacet;
import io.tracediff.print.notation.Notation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads Unicode or LaTeX as a paper's reader would: one precedence table (sum, leading minus, ⊙ ⊘ ⊗, juxtaposition
 * and /, powers and postfixes), every binary operator left-associative, juxtaposition only across a space, a
 * function call only without one. The result is a {@link Tree} of operator labels, compared with {@link #tree}
 * of the printed expression; sums, products and ⊙ chains are flattened, since a paper writes them without brackets.
 */
final class PaperReader {

    /** A read formula: an operator label and its operands. */
    record Tree(String label, List<Tree> kids) {
        static Tree leaf(String label) { return new Tree(label, List.of()); }

        @Override public String toString() { return kids.isEmpty() ? label : label + kids; }
    }

    private final Format format;
    private final String s;
    private int i;
    /** Printed names of calls and of variables, longest first so x1 is not read as x (σ is both: the sigmoid and sigma). */
    private final Map<String, String> calls = new TreeMap<>(Comparator.comparingInt(String::length).reversed().thenComparing(x -> x));
    private final Map<String, String> names = new TreeMap<>(Comparator.comparingInt(String::length).reversed().thenComparing(x -> x));

    private PaperReader(Format format, String text, List<Var> vars, List<String> functions, VariableNames scope) {
        this.format = format;
        this.s = text;
        for (Var v : vars) names.put(Printer.variable(v.name(), format, scope), "var:" + v.name());
        for (String f : functions) calls.put(f, "call:" + f);
    }

    /** Reads {@code text}, printed with the variables written as {@code scope} says; throws when it does not read as one formula. */
    static Tree read(Format format, String text, List<Var> vars, List<String> functions, VariableNames scope) {
        PaperReader r = new PaperReader(format, text, vars, functions, scope);
        Tree t = r.sum();
        if (r.i != text.length()) throw r.error("unread text");
        return flatten(t);
    }

    // ---- the expected reading of an expression ----

    /** The tree a correct reading of {@code Printer.print(e, format)} gives (e already in its {@link Presentation}). */
    static Tree tree(Expr e, Format format) {
        if (e instanceof Var v) return Tree.leaf("var:" + v.name());
        if (e instanceof Num n) {
            // 1/3 for 0.3333333333333333: the reader takes the quotient, the double nearest p/q
            long[] pq = format == Format.ASCII ? null : Printer.fraction(Math.abs(n.value()));
            Tree k = Tree.leaf("num:" + Printer.number(pq != null ? pq[0] / (double) pq[1] : Math.abs(n.value())));
            return n.value() < 0 ? new Tree("neg", List.of(k)) : k;
        }
        Apply a = (Apply) e;
        List<Tree> kids = new ArrayList<>();
        for (Expr x : a.args()) kids.add(tree(x, format));
        var op = a.op();
        if (op instanceof Zeros) return Tree.leaf("num:0");
        if (op == Add.OP) return flatten(new Tree("+", kids));
        if (op == Sub.OP) return flatten(new Tree("-", kids));
        if (op == Mul.OP) return flatten(new Tree("*", kids));
        // \frac{1}{3} reads as the number one third, whether a quotient of numbers or the number printed as one
        if (op == Div.OP && format == Format.LATEX && wholeNumber(kids.get(0)) && wholeNumber(kids.get(1))) return quotient(kids);
        if (op == Div.OP) return new Tree("/", kids);
        if (op == Hadamard.OP) return flatten(new Tree(".*", kids));
        if (op == ElementDiv.OP) return new Tree("./", kids);
        if (op == Kron.OP) return new Tree("kron", kids);
        if (op == Neg.OP) return new Tree("neg", kids);
        // X⁻ᵀ: the transpose of an inverse prints as one symbol, (P²)⁻ᵀ included.
        if (op == Transpose.OP && a.arg(0) instanceof Apply i && i.op() == Inv.OP && format != Format.ASCII)
            return new Tree("T", List.of(new Tree("inv", List.of(tree(i.arg(0), format)))));
        if (op == Transpose.OP) return new Tree("T", kids);
        // (Aᵏ)⁻¹ and (A⁻¹)ᵏ print as A⁻ᵏ, which reads as A to the power −k.
        if (op == Inv.OP && a.arg(0) instanceof Apply p && p.op() == MatrixPow.OP && p.arg(1) instanceof Num k && k.isInteger() && k.value() >= 2)
            return new Tree("^", List.of(tree(p.arg(0), format), new Tree("neg", List.of(Tree.leaf("num:" + Printer.number(k.value()))))));
        if (op == MatrixPow.OP && a.arg(0) instanceof Apply i && i.op() == Inv.OP && a.arg(1) instanceof Num k && k.isInteger() && k.value() >= 2)
            return new Tree("^", List.of(tree(i.arg(0), format), new Tree("neg", List.of(Tree.leaf("num:" + Printer.number(k.value()))))));
        if (op == Inv.OP) return new Tree("inv", kids);
        // 10 to a whole power prints as 10ᵏ, which is how a number (10⁻⁴ for 0.0001) prints: the same text, the same value
        if (op == ElementPow.OP && a.arg(0) instanceof Num ten && ten.value() == 10 && a.arg(1) instanceof Num k && k.isInteger()
                && Math.abs(k.value()) <= 300)
            return Tree.leaf("num:" + Printer.number(Double.parseDouble("1e" + (long) k.value())));
        if (op == MatrixPow.OP || op == ElementPow.OP) {
            Notation n = NotationFacet.of(op).notation(format, a.args());
            boolean entrywise = n.symbol().contains("∘") || n.symbol().contains("circ");
            // x⁻¹ of a scalar is its inverse, and prints as one.
            if (!entrywise && a.arg(1) instanceof Num k && k.value() == -1) return new Tree("inv", List.of(kids.get(0)));
            return new Tree(entrywise ? ".^" : "^", kids);
        }
        Notation n = NotationFacet.of(op).notation(format, a.args());
        return switch (n.fixity()) {
            // 𝟏ᵀ is 𝟏 transposed to any reader.
            case ATOM -> n.symbol().equals("𝟏ᵀ") || n.symbol().equals("\\mathbf{1}^\\top")
                    ? new Tree("T", List.of(Tree.leaf("atom:" + n.symbol().substring(0, n.symbol().length() - (n.symbol().endsWith("ᵀ") ? 1 : 5)))))
                    : Tree.leaf("atom:" + n.symbol());
            case FUNCTION -> new Tree("call:" + n.symbol(), kids);
            case WRAP -> new Tree("wrap:" + n.symbol().strip() + n.close().strip(), kids);
            default -> throw new IllegalArgumentException("no reading for " + op.key());
        };
    }

    private static Tree flatten(Tree t) {
        // A sum is its signed terms: a + (b − c + d) and a + b − c + d are one formula to any reader.
        if (t.label().equals("-") && t.kids().size() == 2)
            t = new Tree("+", List.of(t.kids().get(0), new Tree("neg", List.of(t.kids().get(1)))));
        List<Tree> kids = new ArrayList<>();
        for (Tree k : t.kids()) {
            Tree f = flatten(k);
            boolean associative = t.label().equals("+") || t.label().equals("*") || t.label().equals(".*");
            if (associative && f.label().equals(t.label())) kids.addAll(f.kids()); else kids.add(f);
        }
        return new Tree(t.label(), kids);
    }

    // ---- the grammar ----

    private boolean latex() { return format == Format.LATEX; }

    private Tree sum() {
        Tree left = neg();
        while (true) {
            int save = i;
            boolean spaced = spaces();
            if (spaced && take("+ ")) left = new Tree("+", List.of(left, neg()));
            else if (spaced && take(latex() ? "- " : "− ")) left = new Tree("-", List.of(left, neg()));
            else { i = save; return left; }
        }
    }

    private Tree neg() {
        if (take(latex() ? "-" : "−")) return new Tree("neg", List.of(neg()));
        return hadamard();
    }

    private Tree hadamard() {
        Tree left = product();
        while (true) {
            int save = i;
            spaces();
            String op = take(latex() ? "\\odot " : "⊙ ") ? ".*" : take(latex() ? "\\oslash " : "⊘ ") ? "./"
                    : take(latex() ? "\\otimes " : "⊗ ") ? "kron" : null;
            if (op == null) { i = save; return left; }
            left = new Tree(op, List.of(left, product()));
        }
    }

    private Tree product() {
        Tree left = power();
        while (true) {
            int save = i;
            boolean spaced = spaces();
            if (!latex() && take("/ ")) left = new Tree("/", List.of(left, power()));
            else if (take(latex() ? "\\cdot " : "·")) left = new Tree("*", List.of(left, power()));
            else if (spaced && startsPrimary()) left = new Tree("*", List.of(left, power()));
            else { i = save; return left; }
        }
    }

    private boolean startsPrimary() {
        if (i >= s.length()) return false;
        char c = s.charAt(i);
        if (latex() && c == '\\')
            return !(at("\\right") || at("\\rVert") || at("\\odot") || at("\\oslash") || at("\\otimes") || at("\\cdot"));
        return Character.isLetterOrDigit(c) || c == '(' || c == '‖' || c == '½' || c == '¼' || c == '¾' || at("𝟏") || at("λ") || c > 0x370 && Character.isLetter(c);
    }

    private Tree power() {
        Tree base = primary();
        while (true) {
            if (latex()) {
                if (take("^\\top")) base = new Tree("T", List.of(base));
                else if (take("^{-\\top}")) base = new Tree("T", List.of(new Tree("inv", List.of(base))));
                else if (take("^{-1}")) base = new Tree("inv", List.of(base));
                else if (take("^{\\circ ")) base = closeWith(new Tree(".^", List.of(base, sum())), "}");
                else if (take("^{")) base = closeWith(new Tree("^", List.of(base, sum())), "}");
                else return base;
            } else {
                if (take("ᵀ")) base = new Tree("T", List.of(base));
                else if (take("⁻ᵀ")) base = new Tree("T", List.of(new Tree("inv", List.of(base))));
                else if (at("⁻¹") && !superscriptDigitAt(i + 2)) { i += 2; base = new Tree("inv", List.of(base)); }
                else if (at("∘") && superscriptAt(i + 1)) { i++; base = new Tree(".^", List.of(base, superscript())); }
                else if (superscriptAt(i)) base = new Tree("^", List.of(base, superscript()));
                else if (take("^∘")) base = new Tree(".^", List.of(base, power()));
                else if (take("^")) base = new Tree("^", List.of(base, power()));
                else return base;
            }
        }
    }

    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    private boolean superscriptDigitAt(int k) { return k < s.length() && SUPERSCRIPTS.indexOf(s.charAt(k)) >= 0; }

    private boolean superscriptAt(int k) { return superscriptDigitAt(k) || k < s.length() && s.charAt(k) == '⁻' && superscriptDigitAt(k + 1); }

    private Tree superscript() {
        boolean negative = take("⁻");
        long v = 0;
        while (superscriptDigitAt(i)) v = 10 * v + SUPERSCRIPTS.indexOf(s.charAt(i++));
        Tree k = Tree.leaf("num:" + Printer.number(v));
        return negative ? new Tree("neg", List.of(k)) : k;
    }

    private Tree primary() {
        if (latex()) {
            if (take("\\left(")) return closeWith(sum(), "\\right)");
            if (take("\\frac{")) {
                Tree num = closeWith(sum(), "}{");
                Tree den = closeWith(sum(), "}");
                return wholeNumber(num) && wholeNumber(den) ? quotient(List.of(num, den)) : new Tree("/", List.of(num, den));
            }
            if (take("\\lVert ")) {
                // the entrywise 1-norm of a matrix, \lVert \operatorname{vec}(X) \rVert_1 (else the norm of a vec)
                int save = i;
                try {
                    if (take("\\operatorname{vec}(")) {
                        Tree inner = closeWith(sum(), ")");
                        if (take(" \\rVert_1")) return new Tree("wrap:\\lVert \\operatorname{vec}() \\rVert_1", List.of(inner));
                    }
                } catch (IllegalArgumentException notThatNorm) { /* read it as a norm of vec(…) below */ }
                i = save;
                Tree inner = closeWith(sum(), " \\rVert");
                if (take("_F")) return new Tree("wrap:\\lVert\\rVert_F", List.of(inner));
                return take("_1") ? new Tree("wrap:\\lVert\\rVert_1", List.of(inner)) : new Tree("wrap:\\lVert\\rVert", List.of(inner));
            }
            if (take("\\sqrt{")) return new Tree("call:\\sqrt", List.of(closeWith(sum(), "}")));
            for (String atom : List.of("\\mathbf{1}\\mathbf{1}^\\top", "\\mathbf{1}"))
                if (take(atom)) {
                    if (!take("_{")) return Tree.leaf("atom:" + atom);
                    skipPast("}");   // 𝟏 with its size, \mathbf{1}_{m}, beside I of another size; 𝟏𝟏ᵀ is \mathbf{1}_{m}\mathbf{1}_{n}^\top
                    int save = i;
                    if (take("\\mathbf{1}_{")) {
                        skipPast("}");
                        if (take("^\\top")) return Tree.leaf("atom:\\mathbf{1}\\mathbf{1}^\\top");
                    }
                    i = save;
                    return Tree.leaf("atom:\\mathbf{1}");
                }
        } else {
            if (take("(")) return closeWith(sum(), ")");
            if (take("‖")) {
                int save = i;
                try {
                    if (take("vec(")) {   // ‖vec(X)‖₁, the entrywise 1-norm of a matrix (else the norm of a vec)
                        Tree inner = closeWith(sum(), ")");
                        if (take("‖₁")) return new Tree("wrap:‖vec()‖₁", List.of(inner));
                    }
                } catch (IllegalArgumentException notThatNorm) { /* read it as a norm of vec(…) below */ }
                i = save;
                Tree inner = closeWith(sum(), "‖");
                if (take("_F")) return new Tree("wrap:‖‖_F", List.of(inner));
                return take("₁") ? new Tree("wrap:‖‖₁", List.of(inner)) : new Tree("wrap:‖‖", List.of(inner));
            }
            for (String atom : List.of("𝟏𝟏ᵀ", "𝟏"))
                if (take(atom)) {
                    if (!atom.equals("𝟏") || !skipSize()) return Tree.leaf("atom:" + atom);
                    int save = i;   // 𝟏ₘ𝟏ₙᵀ: the all-ones matrix with its sizes, beside I of another size
                    if (take("𝟏") && skipSize() && take("ᵀ")) return Tree.leaf("atom:𝟏𝟏ᵀ");
                    i = save;
                    return Tree.leaf("atom:𝟏");
                }
        }
        if (i < s.length() && Character.isDigit(s.charAt(i))) return number();
        if (take("½")) return Tree.leaf("num:0.5");
        if (take("¼")) return Tree.leaf("num:0.25");
        if (take("¾")) return Tree.leaf("num:0.75");
        // The identity with its size, as printed when a variable is called I: eye(n), \mathbf{I}_{n}.
        if (take(latex() ? "\\mathbf{I}_{" : "eye(")) {
            while (i < s.length() && s.charAt(i) != (latex() ? '}' : ')')) i++;
            i++;
            return Tree.leaf("atom:I");
        }
        // A reader takes σ (x + y) as σ applied, space or not: a name printed like a function must not precede a bracket.
        for (var n : calls.entrySet())
            for (String open : List.of("(", " (", latex() ? " \\left(" : " ("))
                if (at(n.getKey() + open)) {
                    i += n.getKey().length() + open.length();
                    return new Tree(n.getValue(), List.of(closeWith(sum(), open.endsWith("\\left(") ? "\\right)" : ")")));
                }
        for (var n : names.entrySet())
            if (at(n.getKey()) && !nameContinues(i + n.getKey().length())) {
                i += n.getKey().length();
                return Tree.leaf(n.getValue());
            }
        // Identities of several sizes in one output: Iₘ, I_(N) (LaTeX \\mathbf{I}_{m}, read above).
        if (!latex() && take("I_(")) {
            while (i < s.length() && s.charAt(i) != ')') i++;
            i++;
            return Tree.leaf("atom:I");
        }
        if (take("I")) {
            while (i < s.length() && Notation.SUBSCRIPTS.indexOf(s.charAt(i)) >= 0) i++;
            return Tree.leaf("atom:I");
        }
        throw error("no formula starts here");
    }

    /** Moves past the next {@code close}. */
    private void skipPast(String close) {
        int at = s.indexOf(close, i);
        if (at < 0) throw error("no " + close);
        i = at + close.length();
    }

    /** Skips a size written after a symbol (ₘ, ₘₙ, _(m n)); false when there is none. */
    private boolean skipSize() {
        int start = i;
        if (take("_(")) skipPast(")");
        else while (i < s.length() && Notation.SUBSCRIPTS.indexOf(s.charAt(i)) >= 0) i++;
        return i > start;
    }

    private boolean nameContinues(int k) {
        if (k >= s.length()) return false;
        char c = s.charAt(k);
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '(') || c >= 0x370 && c <= 0x3FF;
    }

    private Tree number() {
        int start = i;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
        if (i < s.length() && s.charAt(i) == 'e') {
            i++;
            if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '−')) i++;
            while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
        }
        String mantissa = s.substring(start, i).replace('−', '-');
        // 33/20 written without spaces is a number, as a paper writes a fraction inline
        if (!latex() && mantissa.indexOf('.') < 0 && at("/") && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
            int q = ++i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
            return quotient(List.of(Tree.leaf("num:" + mantissa), Tree.leaf("num:" + s.substring(q, i))));
        }
        // m·10ᵏ and 10ᵏ (m \\cdot 10^{k}, 10^{k}): how the printer writes a number it would write as me-k in ASCII.
        if (mantissa.equals("10") && (latex() ? at("^{") : superscriptAt(i))) {
            Long k = tenPower();
            if (k != null) return Tree.leaf("num:" + Printer.number(Double.parseDouble("1e" + k)));
        }
        int save = i;
        if (take(latex() ? " \\cdot 10" : "·10") && (latex() ? at("^{") : superscriptAt(i))) {
            Long k = tenPower();
            if (k != null) return Tree.leaf("num:" + Printer.number(Double.parseDouble(mantissa + "e" + k)));
        }
        i = save;
        return Tree.leaf("num:" + Printer.number(Double.parseDouble(mantissa)));
    }

    private static boolean wholeNumber(Tree t) { return t.kids().isEmpty() && t.label().matches("num:[0-9]+"); }

    /** p/q of two whole numbers, read as the number; a quotient when q is 0. */
    private static Tree quotient(List<Tree> pq) {
        if (pq.get(1).label().equals("num:0")) return new Tree("/", pq);
        double p = Double.parseDouble(pq.get(0).label().substring(4)), q = Double.parseDouble(pq.get(1).label().substring(4));
        return Tree.leaf("num:" + Printer.number(p / q));
    }

    /** The exponent k of 10ᵏ or 10^{k} just read up to; null (and nothing read) if it is not a whole number. */
    private Long tenPower() {
        int save = i;
        if (!latex()) {
            boolean negative = take("⁻");
            long v = 0;
            while (superscriptDigitAt(i)) v = 10 * v + SUPERSCRIPTS.indexOf(s.charAt(i++));
            return negative ? -v : v;
        }
        take("^{");
        int from = i;
        if (at("-")) i++;
        while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
        String k = s.substring(from, i);
        if (!take("}") || k.isEmpty() || k.equals("-")) { i = save; return null; }
        return Long.parseLong(k);
    }

    private Tree closeWith(Tree t, String close) {
        if (!take(close)) throw error("expected " + close);
        return t;
    }

    private boolean spaces() {
        int start = i;
        while (i < s.length() && s.charAt(i) == ' ') i++;
        return i > start;
    }

    private boolean at(String t) { return s.startsWith(t, i); }

    private boolean take(String t) {
        if (!at(t)) return false;
        i += t.length();
        return true;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at " + i + ": " + s.substring(0, i) + " ^ " + s.substring(i));
    }
}

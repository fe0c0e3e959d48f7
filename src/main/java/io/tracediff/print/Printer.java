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

/**
 * Prints expressions with minimal parentheses, from each operator's {@link Notation}. ASCII output
 * is the input language and parses back to the same tree; Unicode and LaTeX read as a paper.
 */
public final class Printer {
    private final Format format;
    private final VariableNames names;

    private Printer(Format format, VariableNames names) { this.format = format; this.names = names; }

    /** ASCII writes the tree exactly (it parses back); Unicode and LaTeX write its {@link Presentation}. */
    public static String print(Expr e, Format f) { return print(e, f, f == Format.ASCII ? null : VariableNames.of(e)); }

    /** {@code e} with its variables written as {@code names} says for the whole output it belongs to. */
    public static String print(Expr e, Format f, VariableNames names) {
        if (f == Format.ASCII) return new Printer(f, names).render(e);
        Expr shown = Presentation.of(e);
        Printer p = new Printer(f, names.with(VariableNames.variables(e)));
        p.sized = symbolsAtSeveralShapes(shown);
        return p.render(shown);
    }

    /** How a variable's name is written in {@code f} (λ for lam) with nothing else in scope. */
    public static String variable(String name, Format f) { return variable(name, f, VariableNames.of(List.of(name))); }

    /** How a variable's name is written in {@code f} in an output whose names are {@code names}: labels such as ∂f/∂λ. */
    public static String variable(String name, Format f, VariableNames names) { return names.with(List.of(name)).shown(name, f); }

    public static String ascii(Expr e) { return print(e, Format.ASCII); }

    public static String unicode(Expr e) { return print(e, Format.UNICODE); }

    public static String latex(Expr e) { return print(e, Format.LATEX); }

    public String render(Expr e) {
        if (e instanceof Var v) return names == null ? v.name() : names.shown(v.name(), format);
        if (e instanceof Num n) return n == bracketedNumber ? bracket(paperNumber(n.value())) : paperNumber(n.value());
        Apply a = (Apply) e;
        if (format != Format.ASCII && a.op() == Transpose.OP && a.arg(0) instanceof Apply inner && inner.op() == Inv.OP)
            return operand(inner.arg(0), Notation.POSTFIX_LEVEL, true) + (format == Format.UNICODE ? "⁻ᵀ" : "^{-\\top}");
        // (Aᵏ)⁻¹ = (A⁻¹)ᵏ, which a paper writes A⁻ᵏ.
        InversePower inverted = inversePower(a);
        if (inverted != null) {
            String base = operand(inverted.base(), Notation.POSTFIX_LEVEL + 1, false);
            return base + (format == Format.UNICODE ? "⁻" + superscript(inverted.k()) : "^{-" + inverted.k() + "}");
        }
        Notation n = notation(a);
        List<Expr> args = a.args();
        return switch (n.fixity()) {
            case ATOM -> n.symbol();
            case WRAP -> wrapped(n, args.get(0));
            // log det(C) X reads as log(det(C) X): a function written in two words is bracketed before a factor
            case FUNCTION -> factorFollows && multiword(a) ? bracket(function(n.symbol(), args)) : function(n.symbol(), args);
            case FRACTION -> delimited(() -> "\\frac{" + render(args.get(0)) + "}{" + render(args.get(1)) + "}");
            // ASCII -(2) is not the number -2: the parser folds a minus only into a literal that follows it.
            case PREFIX -> n.symbol() + (format == Format.ASCII && args.get(0) instanceof Num k
                    ? "(" + render(k) + ")" : operand(args.get(0), n.precedence(format), false));
            // On paper a superscript on a superscript (X^\top^{-1}) is ambiguous, and an error in LaTeX.
            case POSTFIX -> operand(args.get(0), Notation.POSTFIX_LEVEL, format != Format.ASCII) + n.symbol();
            case INFIX_LEFT, INFIX_RIGHT -> infix(a, n);
        };
    }

    /** How {@code a} is written here, with the variables of this output in scope (a variable I makes the identity eye(n)). */
    private Notation notation(Apply a) {
        NotationFacet.Taken taken = names == null ? NotationFacet.Taken.NONE : names;
        if (!sized.isEmpty()) taken = new NotationFacet.Taken() {
            @Override public boolean takes(String symbol) { return names != null && names.takes(symbol); }
            @Override public boolean sized(String symbol) { return sized.contains(symbol); }
        };
        return NotationFacet.of(a.op()).notation(format, a.args(), taken);
    }

    /** The symbols this output holds at several shapes (Bᵀ ⊗ I + I ⊗ A with I_m and I_n): each then shows its size. */
    private java.util.Set<String> sized = java.util.Set.of();

    /** The {@link NotationFacet#sizedSymbol() sized symbols} that occur in {@code e} with more than one shape. */
    private static java.util.Set<String> symbolsAtSeveralShapes(Expr e) {
        java.util.Map<String, java.util.Set<io.tracediff.shape.Shape>> shapes = new java.util.HashMap<>();
        io.tracediff.expr.PostOrder.fold(e, new java.util.IdentityHashMap<Expr, Boolean>(), (x, args) -> {
            String symbol = x instanceof Apply a ? NotationFacet.of(a.op()).sizedSymbol() : null;
            if (symbol != null) shapes.computeIfAbsent(symbol, k -> new java.util.HashSet<>()).add(x.shape());
            return Boolean.TRUE;
        });
        java.util.Set<String> out = new java.util.HashSet<>();
        if (shapes.isEmpty()) return out;   // no 𝟏 or I: nothing to size
        // 𝟏 of several shapes (𝟏 and 𝟏ᵀ, 𝟏 of m and of n) reads one way only: its sizes follow from its neighbours
        shapes.forEach((symbol, seen) -> { if (seen.size() > 1 && !symbol.equals("𝟏")) out.add(symbol); });
        // I beside 𝟏 of another size: I ⊗ 𝟏𝟏ᵀ of size mn reads as Iₙ ⊗ 𝟏ₘ𝟏ₘᵀ and as Iₘ ⊗ 𝟏ₙ𝟏ₙᵀ alike, so both show their sizes.
        if (shapes.containsKey("I") && shapes.containsKey("𝟏")) {
            java.util.Set<Object> dims = new java.util.HashSet<>();
            for (String symbol : List.of("I", "𝟏"))
                for (io.tracediff.shape.Shape s : shapes.get(symbol))
                    for (io.tracediff.shape.Dim d : List.of(s.rows(), s.cols())) if (!d.isOne()) dims.add(d);
            if (dims.size() > 1) { out.add("I"); out.add("𝟏"); }
        }
        // A size the formula leaves open (sum(𝟏𝟏ᵀ C) for 𝟏ₙ𝟏ₚᵀ and for 𝟏ₚ𝟏ₚᵀ alike, det(2 I)) cannot be read off: the symbol
        // shows it. Where the shapes cannot be unified here (⊗ of symbolic sizes), the sizes no variable has are shown.
        java.util.Set<String> open = symbolsOfOpenSize(e);
        if (open != null) {
            out.addAll(open);
            return out;
        }
        java.util.Set<io.tracediff.shape.Dim> readable = new java.util.HashSet<>(List.of(e.shape().rows(), e.shape().cols()));
        io.tracediff.expr.PostOrder.fold(e, new java.util.IdentityHashMap<Expr, Boolean>(), (x, args) -> {
            if (x instanceof Var v) { readable.add(v.shape().rows()); readable.add(v.shape().cols()); }
            return Boolean.TRUE;
        });
        // the factors of a known vec size n·p are known too: beside A n×n in a result (n p)×(n p), I ⊗ A has I of size p
        for (var d : new java.util.ArrayList<>(readable)) factors(d, readable);
        shapes.forEach((symbol, seen) -> {
            for (io.tracediff.shape.Shape s : seen)
                if (!readable(s.rows(), readable) || !readable(s.cols(), readable)) out.add(symbol);
        });
        return out;
    }

    /** The name prefix of a size left unknown while reading a formula as a reader does. */
    private static final String OPEN = "\u0000open";

    /**
     * The sized symbols (𝟏, I) some occurrence of which has a size the formula leaves open, as a reader infers sizes: the
     * variables' and the result's shapes are known, each printed 𝟏 or I has unknown sizes, and every operator demands what
     * its shape rule demands (cols(A) = rows(B) in A B, equal shapes in A + B). Null where that cannot be done.
     */
    static java.util.Set<String> symbolsOfOpenSize(Expr e) {
        io.tracediff.shape.DimUnifier u = new io.tracediff.shape.DimUnifier();
        List<String> symbols = new java.util.ArrayList<>();
        List<io.tracediff.shape.Shape> symbolShapes = new java.util.ArrayList<>();
        // Post-order over the tree as printed, an explicit stack: a shared node is read, and sized, where each copy is printed.
        java.util.ArrayDeque<Expr> nodes = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<int[]> next = new java.util.ArrayDeque<>();
        List<io.tracediff.shape.Shape> values = new java.util.ArrayList<>();
        nodes.push(e);
        next.push(new int[1]);
        try {
            while (!nodes.isEmpty()) {
                Expr x = nodes.peek();
                int[] i = next.peek();
                String symbol = x instanceof Apply a ? NotationFacet.of(a.op()).sizedSymbol() : null;
                if (x instanceof Apply a && symbol == null && i[0] < a.args().size()) {
                    nodes.push(a.arg(i[0]++));
                    next.push(new int[1]);
                    continue;
                }
                nodes.pop();
                next.pop();
                io.tracediff.shape.Shape s;
                if (symbol != null) {
                    io.tracediff.shape.Dim r = x.shape().rows().isOne() ? x.shape().rows() : u.fresh(OPEN + values.size() + "r" + symbols.size());
                    io.tracediff.shape.Dim c = x.shape().cols().isOne() ? x.shape().cols()
                            : x.shape().rows().equals(x.shape().cols()) && !(((Apply) x).op() instanceof io.tracediff.ops.Ones) ? r
                            : u.fresh(OPEN + values.size() + "c" + symbols.size());
                    s = io.tracediff.shape.Shape.of(r, c);
                    symbols.add(symbol);
                    symbolShapes.add(s);
                } else if (x instanceof Apply a) {
                    List<io.tracediff.shape.Shape> args = new java.util.ArrayList<>(values.subList(values.size() - a.args().size(), values.size()));
                    values.subList(values.size() - a.args().size(), values.size()).clear();
                    s = a.op().shape(new io.tracediff.shape.ShapeArgs() {
                        @Override public int size() { return args.size(); }
                        @Override public io.tracediff.shape.Shape shape(int k) { return args.get(k); }
                        @Override public String label(int k) { return "operand " + (k + 1); }
                        @Override public String text() { return a.op().key(); }
                        @Override public boolean equal(io.tracediff.shape.Dim p, io.tracediff.shape.Dim q) { return u.union(p, q); }
                        @Override public io.tracediff.shape.Dim resolve(io.tracediff.shape.Dim d) { return u.find(d); }
                    });
                } else s = x.shape();
                values.add(s);
            }
        } catch (RuntimeException notUnifiable) {   // a shape rule that cannot read unknown sizes: the sizes no variable has are shown
            return null;
        }
        io.tracediff.shape.Shape root = values.get(0);
        if (!u.union(root.rows(), e.shape().rows()) || !u.union(root.cols(), e.shape().cols())) return null;
        java.util.Set<String> out = new java.util.HashSet<>();
        for (int k = 0; k < symbols.size(); k++)
            if (open(u, symbolShapes.get(k).rows()) || open(u, symbolShapes.get(k).cols())) out.add(symbols.get(k));
        return out;
    }

    private static boolean open(io.tracediff.shape.DimUnifier u, io.tracediff.shape.Dim d) {
        d = u.find(d);
        if (d instanceof io.tracediff.shape.Dim.Sym s) return s.name().startsWith(OPEN);
        return d instanceof io.tracediff.shape.Dim.Product p && (open(u, p.left()) || open(u, p.right()));
    }

    private static void factors(io.tracediff.shape.Dim d, java.util.Set<io.tracediff.shape.Dim> into) {
        if (d instanceof io.tracediff.shape.Dim.Product p) {
            into.add(p.left());
            into.add(p.right());
            factors(p.left(), into);
            factors(p.right(), into);
        }
    }

    /** Whether a reader can tell size {@code d} from the variables and the result: one of theirs, or a product of such. */
    private static boolean readable(io.tracediff.shape.Dim d, java.util.Set<io.tracediff.shape.Dim> known) {
        if (d.isOne() || known.contains(d)) return true;
        return d instanceof io.tracediff.shape.Dim.Product p && readable(p.left(), known) && readable(p.right(), known);
    }

    /**
     * Whether {@code left} ends in a word the printer writes as a function (σ, the sigmoid, for a variable sigma, alone or
     * as the end of a product or an exponent: a σ, w^σ): juxtaposed with a bracket it would read as applied.
     */
    private static boolean endsWithFunctionWord(String left) {
        for (String w : VariableNames.FUNCTION_WORDS) {
            if (!left.endsWith(w)) continue;
            int before = left.length() - w.length() - 1;
            if (before < 0) return true;
            char c = left.charAt(before);
            if (!Character.isLetterOrDigit(c) && c != '_' && c != '\\') return true;
        }
        return false;
    }

    /**
     * Whether the last factor of {@code e} is a variable that reads as a function: a scalar printed Σ (Σ cos(x) reads as
     * a sum; a covariance matrix Σ x does not), or a function's name with a suffix (log10 (x + y), tr_1 x).
     */
    private boolean lastFactorReadsAsFunction(Expr e) {
        while (e instanceof Apply m && m.op() == Mul.OP) e = m.arg(1);
        if (!(e instanceof Var v) || names == null) return false;
        return VariableNames.functionStem(v.name()) || VariableNames.FUNCTION_WORDS.contains(v.name())
                || v.isScalar() && VariableNames.scalarReadsAsFunction(v.name())
                || v.isScalar() && names.shown(v.name(), format).equals(format == Format.LATEX ? "\\Sigma" : "Σ");
    }


    /** How many norms the node being printed is inside. */
    private int normDepth;

    /** ‖…‖ and its kin; between another's bars it is bracketed: ‖a ‖y‖ z‖ and ‖a‖ y ‖z‖ differ by spaces alone, ‖‖z‖‖ reads two ways. */
    private String wrapped(Notation n, Expr arg) {
        boolean nested = normDepth > 0 && format != Format.ASCII;
        boolean follows = factorFollows;
        normDepth++;
        factorFollows = false;
        try {
            String s = n.symbol() + render(arg) + n.close();
            return nested ? bracket(s) : s;
        } finally {
            normDepth--;
            factorFollows = follows;
        }
    }

    private String function(String name, List<Expr> args) {
        StringBuilder sb = new StringBuilder(name);
        boolean braces = format == Format.LATEX && name.equals("\\sqrt");
        sb.append(braces ? "{" : "(");
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) sb.append(", ");
            Expr arg = args.get(i);
            sb.append(delimited(() -> render(arg)));
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
        // sᵀ X dy s scales s by the number sᵀ X dy: an inner product scaling a matrix is bracketed, (sᵀ X dy) s.
        boolean scalingLeft = paper && a.op() == Mul.OP && innerProduct(l) && !r.isScalar();
        boolean scalingRight = paper && a.op() == Mul.OP && innerProduct(r) && !l.isScalar();
        // A left operand is followed by the right one, and log det(C) followed by a factor reads as log(det(C) …); after a
        // + or − it does not. The right operand is followed by whatever follows this node.
        boolean outer = factorFollows;
        factorFollows = paper && a.op() != Add.OP && a.op() != io.tracediff.ops.Sub.OP;
        String left = operand(l, p, rightAssoc, paper && p == Notation.HADAMARD && mixes(a, l, true) || quotientFirst || scalingLeft);
        factorFollows = outer;
        // 0.001·10²⁰ reads as one number, which the mantissa 0.001 would be: a power of ten after digits is bracketed.
        Num savedBracketed = bracketedNumber;
        if (paper && a.op() == Mul.OP && endsWithDigit(left)) bracketedNumber = leadingPowerOfTen(r);
        String right;
        try {
            right = operand(r, p, !rightAssoc && !(associative && sameOp(a, r)),
                    paper && p == Notation.HADAMARD && mixes(a, r, false) || scalingRight);
        } finally {
            bracketedNumber = savedBracketed;
        }
        // X.^(a') keeps its brackets: the parser refuses X.^a' (MATLAB's (X.^a)'), a transpose it would give the exponent.
        if (format == Format.ASCII && (sym.equals("^") || sym.equals(".^")) && right.endsWith("'")) right = "(" + right + ")";
        // Juxtaposed numbers run together (2 1 / x reads as 21 / x): a centred dot separates them.
        if (paper && sym.equals(" ") && endsWithDigit(left) && startsWithDigit(right)) sym = format == Format.UNICODE ? "·" : " \\cdot ";
        // σ (x + y), σ x and d (A + Aᵀ) read as the sigmoid and the differential applied: a variable printed like a
        // function or an operator is set apart from what it multiplies.
        if (paper && sym.equals(" ") && (endsWithFunctionWord(left) || lastFactorReadsAsFunction(l))) sym = format == Format.UNICODE ? "·" : " \\cdot ";
        return left + sym + right;
    }

    /** The number printed first in the product {@code e} when it prints as 10ᵏ alone (a mantissa of 1); else null. */
    private static Num leadingPowerOfTen(Expr e) {
        while (e instanceof Apply m && m.op() == Mul.OP) e = m.arg(0);
        if (!(e instanceof Num n) || !scientific(n.value())) return null;
        String s = number(n.value());
        String mantissa = s.substring(0, s.indexOf('e'));
        return mantissa.equals("1.0") || mantissa.equals("1") ? n : null;
    }

    /** The number {@link #render} brackets: a power of ten that follows digits. */
    private Num bracketedNumber;

    /** Whether {@code e} is a product of matrices that is a number (xᵀ A y), as opposed to a product of numbers (2 a). */
    private static boolean innerProduct(Expr e) {
        if (!(e instanceof Apply m && m.op() == Mul.OP && m.isScalar())) return false;
        for (Expr f : productLeaves(m)) if (!f.isScalar()) return true;   // a product of numbers alone is a number
        return false;
    }

    /** The factors a product chain juxtaposes, left to right, through every product inside it (an explicit stack). */
    private static List<Expr> productLeaves(Expr e) {
        List<Expr> out = new java.util.ArrayList<>();
        var stack = new java.util.ArrayDeque<Expr>(List.of(e));
        while (!stack.isEmpty()) {
            Expr f = stack.pop();
            if (f instanceof Apply m && m.op() == Mul.OP) { stack.push(m.arg(1)); stack.push(m.arg(0)); } else out.add(f);
        }
        return out;
    }

    /** Whether {@code e}, an operand of the ⊙-level {@code a}, is a product or another ⊙-level operator (same-operator chains excepted). */
    private boolean mixes(Apply a, Expr e, boolean leftOperand) {
        // 33/20 is a quotient to the reader: x ⊙ 33/20 mixes ⊙ and /
        if (e instanceof Num k) return format == Format.UNICODE && fraction(k.value()) != null;
        if (!(e instanceof Apply b)) return false;
        if (b.op() == a.op() && (leftOperand || a.op() == Hadamard.OP)) return false;
        Notation bn = notation(b);
        if (bn.fixity() != Fixity.INFIX_LEFT && bn.fixity() != Fixity.INFIX_RIGHT) return false; // \frac, powers: self-delimiting
        int q = bn.precedence(format);
        // Juxtaposition inside ⊙ and ⊘ is bracketed. Inside ⊗ it binds tighter, as in AC ⊗ BD and Vᵀ V ⊗ I, but a longer
        // chain is bracketed all the same: in X⁻ᵀ ⊗ X⁻¹ b aᵀ X⁻¹ the eye has to search for where ⊗ ends.
        if (a.op() == io.tracediff.ops.Kron.OP) return q == Notation.HADAMARD || q == Notation.PRODUCT && b.op() == Mul.OP && productLeaves(b).size() > 2;
        return q == Notation.PRODUCT || q == Notation.HADAMARD;
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
        // log det(C)² reads as log(det(C)²): a function written in two words is bracketed whole under a power.
        if (format != Format.ASCII && l instanceof Apply f && multiword(f)) base = bracket(base);
        // 2 ½^a reads as the mixed number 2½ to the a, \frac{3}{2}^{a} as 3/2ᵃ: a fraction under a power is bracketed.
        if (format != Format.ASCII && l instanceof Num k && printsAsFraction(k.value()) && !base.startsWith("(") && !base.startsWith("\\left(")) base = bracket(base);
        boolean entrywise = sym.equals("^∘");
        if (format == Format.UNICODE && r instanceof Num k && k.isInteger())
            return base + (entrywise ? "∘" : "") + superscript((long) k.value());
        if (format == Format.LATEX) return base + (sym.equals("^") ? "^{" : sym) + render(r) + "}";
        // a^(−b)² reads as (a^(−b))²: an exponent written after a caret is bracketed unless it is one atom (b, 2, exp(x), ‖x‖).
        if (format == Format.UNICODE) return base + sym + operand(r, Notation.ATOM_LEVEL, false, !(r instanceof Num k && k.value() >= 0) && precedence(r) < Notation.ATOM_LEVEL);
        return base + sym + operand(r, Notation.POWER, false);
    }

    /** Whether {@code a} prints as a function of two words, as log det(C) does. */
    private boolean multiword(Apply a) {
        Notation n = notation(a);
        return n.fixity() == Fixity.FUNCTION && (n.symbol().contains(" ") || n.symbol().equals("\\log\\det"));
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
        boolean paren = force || q < p || (strictOnTie && q == p);
        return paren ? bracket(delimited(() -> render(e))) : render(e);
    }

    /**
     * {@code inside} rendered between delimiters of its own (brackets, a call's parentheses, braces, bars): the bars and
     * factors outside do not reach in.
     */
    private String delimited(java.util.function.Supplier<String> inside) {
        int savedDepth = normDepth;
        boolean savedFollows = factorFollows;
        normDepth = 0;
        factorFollows = false;
        try {
            return inside.get();
        } finally {
            normDepth = savedDepth;
            factorFollows = savedFollows;
        }
    }

    /** Whether a factor follows the node being printed (it is a product's left operand, or ends one). */
    private boolean factorFollows;

    private int precedence(Expr e) {
        if (e instanceof Var) return Notation.ATOM_LEVEL;
        if (e instanceof Num n) return n.value() < 0 ? Notation.level(Notation.NEG, format)
                : format != Format.ASCII && scientific(n.value()) ? Notation.PRODUCT
                // 1/3 written with a slash binds looser than a product ((1/3) (A + Aᵀ) x); LaTeX's \frac is one atom
                : format == Format.UNICODE && fraction(n.value()) != null ? Notation.HADAMARD + 1
                // ASCII's 2/3 is a quotient of the product level: (2/3)*x needs no bracket, x.^(2/3) does
                : format == Format.ASCII && fraction(n.value()) != null ? Notation.PRODUCT : Notation.ATOM_LEVEL;
        Apply a = (Apply) e;
        if (format != Format.ASCII && a.op() == Transpose.OP && a.arg(0) instanceof Apply inner && inner.op() == Inv.OP)
            return Notation.POSTFIX_LEVEL;
        Notation n = notation(a);
        return switch (n.fixity()) {
            case ATOM -> n.precedence() == Notation.POSTFIX_LEVEL ? Notation.POSTFIX_LEVEL : Notation.ATOM_LEVEL;
            case WRAP, FUNCTION -> Notation.ATOM_LEVEL;
            case POSTFIX, FRACTION -> Notation.POSTFIX_LEVEL;
            default -> n.precedence(format);
        };
    }

    /** A number as the format writes it: 4·10⁻⁵ in Unicode and 4 \\cdot 10^{-5} in LaTeX, where 4.0e-5 would read as a subtraction. */
    private String paperNumber(double v) {
        String s = number(v);
        int e = s.indexOf('e');
        if (format == Format.ASCII) {
            // (2/3), not 0.6666666666666666, read back as the same number: the fraction is what was computed
            long[] pq = fraction(v);
            return pq == null ? s : pq[0] + "/" + pq[1];
        }
        // Unicode has ½, ¼ and ¾, which a paper writes where the double prints 0.5 (exact in binary, so the same number)
        String glyph = format == Format.UNICODE ? VULGAR.get(Math.abs(v)) : null;
        if (glyph != null) return (v < 0 ? "−" : "") + glyph;
        long[] pq = fraction(v);
        // LaTeX is for papers, which write ½ (x − m)ᵀ S⁻¹ (x − m) as \frac{1}{2}: halves and quarters are exact doubles
        if (pq == null && format == Format.LATEX) pq = halvesOrQuarters(v);
        if (pq != null) {
            String sign = pq[0] < 0 ? (format == Format.UNICODE ? "−" : "-") : "";
            long p = Math.abs(pq[0]);
            return format == Format.UNICODE ? sign + p + "/" + pq[1] : sign + "\\frac{" + p + "}{" + pq[1] + "}";
        }
        if (e < 0) return format == Format.UNICODE ? s.replace('-', '−') : s;
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) mantissa = mantissa.substring(0, mantissa.length() - 2);
        long exponent = Long.parseLong(s.substring(e + 1));
        String sign = mantissa.startsWith("-") ? (format == Format.UNICODE ? "−" : "-") : "";
        String m = mantissa.replace("-", "");
        if (format == Format.UNICODE) return sign + (m.equals("1") ? "" : m + "·") + "10" + superscript(exponent);
        return sign + (m.equals("1") ? "" : m + " \\cdot ") + "10^{" + exponent + "}";
    }

    /** Whether {@link #paperNumber} writes {@code v} as a fraction: ½, 1/3, \\frac{3}{2}. */
    private boolean printsAsFraction(double v) {
        if (format == Format.UNICODE && VULGAR.containsKey(Math.abs(v))) return true;
        return fraction(v) != null || format == Format.LATEX && halvesOrQuarters(v) != null;
    }

    private static final java.util.Map<Double, String> VULGAR = java.util.Map.of(0.5, "½", 0.25, "¼", 0.75, "¾");

    /** Whether {@code v} prints with a power of ten (m·10ᵏ), which binds as a product does. */
    private static boolean scientific(double v) { return number(v).indexOf('e') >= 0; }

    /**
     * {p, q} when {@code v} is the double nearest p/q for a denominator q ≤ 1000 and its decimal form is long: a paper
     * writes 1/3 and 2/7 where the double prints 0.3333333333333333 and 0.2857142857142857. Short decimals (0.5, 0.1)
     * stay as they are; null when none fits.
     */
    static long[] fraction(double v) {
        if (v == Math.rint(v) || !Double.isFinite(v) || Math.abs(v) > 1e6 || number(v).replace("-", "").length() <= 8) return null;
        for (long q = 2; q <= 1000; q++) {
            double pd = Math.rint(v * q);
            if (Math.abs(pd) > 1e8) return null;
            long p = (long) pd;
            // The double nearest p/q, and no other: 0.30000000000000004, one step above 0.3, is not 3/10
            if (p / (double) q == v && org.apache.commons.math3.util.ArithmeticUtils.gcd(Math.abs(p), q) == 1) return new long[] {p, q};
        }
        return null;
    }


    /** {p, q} for v = p/q with q 2 or 4 in lowest terms and |v| &lt; 100 (exact in binary: 0.5, −0.25, 2.5), else null. */
    static long[] halvesOrQuarters(double v) {
        if (!Double.isFinite(v) || v == Math.rint(v) || Math.abs(v) >= 100 || v * 4 != Math.rint(v * 4)) return null;
        long p = (long) (v * 4);
        return p % 2 == 0 ? new long[] {p / 2, 2} : new long[] {p, 4};
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        BigDecimal shortest = Num.shortestDecimal(v).stripTrailingZeros();
        String plain = shortest.toPlainString();
        String sci = scientific(shortest);
        // Past 10¹⁵ a plain number's digits read as exact (66666666666666660000 for 6.666…·10¹⁹): powers of ten there.
        return plain.length() <= sci.length() && Math.abs(v) < 1e15 ? plain : sci;
    }

    /** d as Double.toString writes it, e for E: 1.0e-5, 9.9e22, −2.5e300. */
    private static String scientific(BigDecimal d) {
        String digits = d.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - d.scale();
        String mantissa = digits.charAt(0) + "." + (digits.length() == 1 ? "0" : digits.substring(1));
        return (d.signum() < 0 ? "-" : "") + mantissa + "e" + exponent;
    }

    private static String superscript(long k) {
        String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        StringBuilder sb = new StringBuilder(k < 0 ? "⁻" : "");
        k = Math.abs(k);
        for (char c : Long.toString(k).toCharArray()) sb.append(digits.charAt(c - '0'));
        return sb.toString();
    }
}

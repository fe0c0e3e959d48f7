package io.tracediff.print;

import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.print.notation.Format;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the user's variables are written in one output (a result, its steps, its labels): Greek names as letters
 * (lam as λ, W12 as W_{12} in LaTeX) unless two of them would then read alike, in which case those print as
 * written; whether a variable takes a letter the printer uses for a constant (I, the identity; K, the
 * commutation matrix), which then print with their sizes; and whether one would read as a differential (d, dX beside
 * X), which then prints d(X).
 */
public final class VariableNames implements io.tracediff.print.notation.NotationFacet.Taken {
    private record Greek(String unicode, String latex) {}

    private static final Map<String, Greek> GREEK = Map.ofEntries(
            Map.entry("alpha", new Greek("α", "\\alpha")), Map.entry("beta", new Greek("β", "\\beta")),
            Map.entry("gamma", new Greek("γ", "\\gamma")), Map.entry("delta", new Greek("δ", "\\delta")),
            Map.entry("eps", new Greek("ε", "\\epsilon")), Map.entry("epsilon", new Greek("ε", "\\epsilon")),
            Map.entry("eta", new Greek("η", "\\eta")), Map.entry("theta", new Greek("θ", "\\theta")),
            Map.entry("lam", new Greek("λ", "\\lambda")), Map.entry("lambda", new Greek("λ", "\\lambda")),
            Map.entry("mu", new Greek("μ", "\\mu")), Map.entry("nu", new Greek("ν", "\\nu")),
            Map.entry("rho", new Greek("ρ", "\\rho")), Map.entry("sigma", new Greek("σ", "\\sigma")),
            Map.entry("Sigma", new Greek("Σ", "\\Sigma")), Map.entry("tau", new Greek("τ", "\\tau")),
            Map.entry("phi", new Greek("φ", "\\phi")), Map.entry("psi", new Greek("ψ", "\\psi")),
            // not pi: π reads as the constant 3.14159…, which the language writes as a number
            Map.entry("omega", new Greek("ω", "\\omega")), Map.entry("Omega", new Greek("Ω", "\\Omega")));

    /** What reads as a function on paper: σ for the sigmoid, d for the differential, every function name of the language, ln. */
    static final Set<String> FUNCTION_WORDS = functionWords();

    private static Set<String> functionWords() {
        Set<String> s = new HashSet<>(io.tracediff.ops.Operators.functionNames());
        s.addAll(io.tracediff.ops.Functions.builtin().names());
        s.addAll(List.of("σ", "\\sigma", "log", "det", "tr", "diag", "vec", "d", "ln", "lg"));
        // functions a paper writes by name that the language lacks: a variable sgn in 2 sgn (x + y) reads as sgn applied
        s.addAll(List.of("sgn", "cot", "sec", "csc", "coth", "sech", "csch", "arcsin", "arccos", "arctan", "asin", "acos",
                "atan", "asinh", "acosh", "atanh", "arsinh", "arcosh", "artanh", "sinc", "logit", "erfc", "arg", "argmax",
                "argmin", "Re", "Im", "Pr", "var", "Var", "cov", "Cov", "floor", "ceil", "inf", "sup", "lim", "mod", "gcd",
                "lcm", "dim", "ker", "rank", "relu", "prox", "cosec", "exp", "lb"));
        return Set.copyOf(s);
    }

    /**
     * Letters a paper uses for a function (f (x + y), φ (x)): a scalar variable so named is set apart from a bracket
     * it multiplies. A vector or matrix h or f is not (h (x + y)ᵀ is an outer product to any reader).
     */
    static final Set<String> FUNCTION_LETTERS = Set.of("f", "g", "h", "phi", "varphi", "psi");

    /**
     * Whether a scalar so named reads as a function or an operator before a bracket: f or φ, E (an expectation), one of
     * them subscripted (f1, phi_1, sigma2: σ₁ (x + y) reads as σ₁ applied), or d before a name (dx, a differential).
     */
    static boolean scalarReadsAsFunction(String name) {
        String stem = unsubscripted(name);
        if (FUNCTION_LETTERS.contains(stem) || stem.equals("sigma") || stem.equals("E")) return true;
        return D_AND_A_LETTER.matcher(name).matches();
    }

    /** dx, dW, dx1: d before one letter, as a differential is written (decay and delta are words, not differentials). */
    private static final java.util.regex.Pattern D_AND_A_LETTER = java.util.regex.Pattern.compile("d[A-Za-z][0-9]*");

    /** A name without its subscript: what precedes the first _, or the name without trailing digits (f1, phi_1, log10). */
    private static String unsubscripted(String name) {
        int u = name.indexOf('_');
        return u > 0 ? name.substring(0, u) : name.replaceFirst("[0-9]+$", "");
    }

    /** Whether {@code name} is a function's name with a suffix (log10, exp2, tr_1): on paper it reads as that function. */
    static boolean functionStem(String name) {
        String stem = unsubscripted(name);
        return stem.length() > 1 && !stem.equals(name) && FUNCTION_WORDS.contains(stem);
    }

    /**
     * The scalar variables of {@code f} whose printed name a reader takes for a constant or an operator, each with what it
     * reads as: e (Euler's number), i and j (the imaginary unit), and T or H in an exponent (a transpose). Their names print
     * as written (renaming them would state another formula), so the command line says so beside the result.
     */
    public static Map<String, String> readAsConstants(Expr f) {
        Map<String, String> out = new java.util.TreeMap<>();
        var exponentVars = new java.util.HashSet<String>();
        io.tracediff.expr.PostOrder.fold(f, new IdentityHashMap<Expr, Boolean>(), (x, args) -> {
            // a variable I prints as written, and reads as the identity (x'*I*x gives I + Iᵀ)
            if (x instanceof Var v && v.name().equals(IDENTITY)) out.put(IDENTITY, "the identity matrix");
            if (x instanceof Var v && v.isScalar()) {
                if (v.name().equals("e")) out.put("e", "Euler's number (tracediff writes eˣ as exp(x))");
                if (v.name().equals("i") || v.name().equals("j")) out.put(v.name(), "the imaginary unit");
            }
            if (x instanceof io.tracediff.expr.Apply a && (a.op() == io.tracediff.ops.ElementPow.OP || a.op() == io.tracediff.ops.MatrixPow.OP))
                exponentVars.addAll(variables(a.arg(1)));
            return Boolean.TRUE;
        });
        for (String t : List.of("T", "H"))
            if (exponentVars.contains(t)) out.put(t, t.equals("T") ? "a transpose where it is an exponent (a^T)" : "a conjugate transpose where it is an exponent (a^H)");
        return out;
    }

    /** Letters the printer writes for constants in Unicode and LaTeX: the identity and the commutation matrix. */
    static final String IDENTITY = "I", COMMUTATION = "K";

    /** Names that print as written because their paper form would read like another variable's. */
    private final Set<String> asWritten;
    private final Set<String> scope;
    private final boolean identityTaken, commutationTaken, differentialTaken;

    private VariableNames(Set<String> scope, Set<String> asWritten, boolean identityTaken, boolean commutationTaken, boolean differentialTaken) {
        this.differentialTaken = differentialTaken;
        this.scope = scope;
        this.asWritten = asWritten;
        this.identityTaken = identityTaken;
        this.commutationTaken = commutationTaken;
    }

    /** The table for an output whose variables are {@code variables} (declared or used). */
    public static VariableNames of(Collection<String> variables) {
        Set<String> names = new TreeSet<>(variables);
        Set<String> asWritten = new HashSet<>();
        for (Format f : List.of(Format.UNICODE, Format.LATEX)) {
            Map<String, List<String>> byShown = new HashMap<>();
            for (String n : names) byShown.computeIfAbsent(paper(n, f), k -> new java.util.ArrayList<>()).add(n);
            for (List<String> same : byShown.values()) if (same.size() > 1) asWritten.addAll(same);
        }
        boolean identity = false, commutation = false;
        for (String n : names) {
            String shown = asWritten.contains(n) ? n : paper(n, Format.UNICODE);
            identity |= shown.equals(IDENTITY);
            commutation |= shown.equals(COMMUTATION);
        }
        // A variable dX beside X: the differential of X, dX on paper, would read as that variable; beside a variable d,
        // dd and d x read alike.
        boolean differential = names.contains("d");
        for (String n : names) differential |= n.length() > 1 && n.charAt(0) == 'd' && names.contains(n.substring(1));
        return new VariableNames(Set.copyOf(names), Set.copyOf(asWritten), identity, commutation, differential);
    }

    /** The table for the variables of {@code e} alone. */
    public static VariableNames of(Expr e) { return of(variables(e)); }

    /** Each variable name in {@code e}, by the one post-order walk (shared subtrees once, no recursion). */
    public static Set<String> variables(Expr e) {
        Set<String> out = new TreeSet<>();
        io.tracediff.expr.PostOrder.fold(e, new IdentityHashMap<Expr, Boolean>(), (x, args) -> {
            if (x instanceof Var v) out.add(v.name());
            return Boolean.TRUE;
        });
        return out;
    }

    /** This table with {@code other}'s names in scope too (a derivation's, with the names the problem declares). */
    public VariableNames with(VariableNames other) { return with(other.scope); }

    /** This table with {@code more} names in scope too. */
    public VariableNames with(Collection<String> more) {
        if (scope.containsAll(more)) return this;
        Set<String> all = new TreeSet<>(scope);
        all.addAll(more);
        return of(all);
    }

    /** I, K or d: whether a variable prints as the identity, the commutation matrix, or (d, dX beside X) a differential would. */
    @Override public boolean takes(String symbol) {
        return switch (symbol) {
            case IDENTITY -> identityTaken;
            case COMMUTATION -> commutationTaken;
            case "d" -> differentialTaken;
            default -> false;
        };
    }




    /** {@code name} as this output writes it in {@code f}. */
    String shown(String name, Format f) {
        if (f == Format.ASCII) return name;
        if (asWritten.contains(name)) return f == Format.LATEX ? latexAsWritten(name) : name;
        return paper(name, f);
    }

    /** The paper form with nothing else in scope: λ for lam, W_{12} and W_{ab} in LaTeX for W12 and W_ab. */
    static String paper(String name, Format f) {
        Greek g = GREEK.get(name);
        if (f == Format.UNICODE) {
            if (g != null) return g.unicode();
            // lam2 as λ2, as LaTeX writes it λ_{2}
            int d = name.length();
            while (d > 0 && Character.isDigit(name.charAt(d - 1))) d--;
            Greek stem = d > 0 && d < name.length() ? GREEK.get(name.substring(0, d)) : null;
            return stem != null ? stem.unicode() + name.substring(d) : name;
        }
        if (g != null) return g.latex();
        // log10 as \mathit{log}_{10} reads as a logarithm to base 10: a function's name with a suffix is set whole
        if (functionStem(name)) return "\\mathit{" + name.replace("_", "\\_") + "}";
        int u = name.indexOf('_');
        if (u > 0 && u < name.length() - 1)
            return stem(name.substring(0, u)) + "_{" + subscript(name.substring(u + 1)) + "}";
        int i = name.length();
        while (i > 0 && Character.isDigit(name.charAt(i - 1))) i--;
        if (i == 0 || i == name.length()) return stem(name);
        return stem(name.substring(0, i)) + "_{" + name.substring(i) + "}";
    }

    /** A name's stem in LaTeX: a Greek letter, one italic letter, or a word set in \mathit (so "ab" is not a·b). */
    private static String stem(String s) {
        Greek g = GREEK.get(s);
        if (g != null) return g.latex();
        return s.length() > 1 ? "\\mathit{" + s.replace("_", "\\_") + "}" : s;
    }

    /** A subscript: digits as they are, a Greek name as its letter, a word in \mathit, a further _ escaped. */
    private static String subscript(String s) {
        if (s.chars().allMatch(Character::isDigit)) return s;
        return stem(s);
    }

    /** A name that would collide in paper form, set as written: \mathit{lam}, \mathit{W\_1}. */
    private static String latexAsWritten(String name) {
        return name.length() == 1 ? name : "\\mathit{" + name.replace("_", "\\_") + "}";
    }
}

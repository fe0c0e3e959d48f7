package io.tracediff.symja.engine;

import io.tracediff.eval.EvalFacet;
import io.tracediff.ops.ElementFn;
import io.tracediff.shape.Sizes;
import io.tracediff.expr.Apply;
import io.tracediff.symja.entries.EntriesFacet;
import io.tracediff.symja.entries.EntryAlgebra;
import io.tracediff.symja.Term;
import io.tracediff.symja.UserFunction;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.Op;
import io.tracediff.expr.Var;
import io.tracediff.ops.*;
import io.tracediff.core.UserError;
import io.tracediff.shape.Dim;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * A matrix expression at concrete small sizes, entry by entry, as Symja formulas in symbolic entries
 * (X11, X12, …; a symmetric X has one symbol for X12 and X21, a vector x has x1, x2, a scalar is itself).
 * Every operator is expanded on the entries: products as sums of products, det and inv by cofactors, and d(Q) as the derivative of Q along symbolic directions (dX11, …), Σ ∂Q/∂s · ds over the entries s.
 * sign and step are opaque functions with derivative 0 (abs(u) = u sign(u), relu(u) = u step(u)): the
 * calculus away from the kinks, as the rules state it.
 */
final class Expansion implements EntryAlgebra<Expansion.Entries, IExpr> {
    /** Variables are refused beyond this size in any dimension: Det and Inverse of 4×4 symbols are already huge. */
    static final int MAX_SIZE = 3;
    /** An entry with more leaves than this is refused as too big to prove anything about. */
    static final long MAX_LEAVES = 20_000;
    private static final int MAX_DEPTH = 400;

    /** A rows×cols block of Symja formulas, row-major; a 1×1 block is broadcast where a scalar may be. */
    record Entries(int rows, int cols, IExpr[] at) {
        IExpr get(int i, int j) { return rows == 1 && cols == 1 ? at[0] : at[i * cols + j]; }

        boolean scalar() { return rows == 1 && cols == 1; }
    }

    /** One symbol per distinct entry of a variable, and where random values for it should come from. */
    private record Symbol(ISymbol symbol, String display, boolean diagonal, int n, boolean direction) {}

    private final Sizes sizes;
    private final int maxSize;
    private final Map<Expr, Entries> memo = new HashMap<>();
    private final Map<String, Entries> variables = new LinkedHashMap<>();
    private final Map<ISymbol, Symbol> symbols = new LinkedHashMap<>();
    private final Map<ISymbol, ISymbol> directions = new HashMap<>();
    private final Set<String> taken = new HashSet<>();
    private final ISymbol sign, step;
    private int depth;

    Expansion(Sizes sizes) { this(sizes, MAX_SIZE); }

    /** {@code maxSize}: the largest dimension a variable may have (rule checks allow a 1×4 row next to 2×2 matrices). */
    Expansion(Sizes sizes, int maxSize) {
        Symja.initMillis(); // Symja must start (and set its flags) before any of its classes load here
        this.sizes = sizes;
        this.maxSize = maxSize;
        sign = F.Dummy(unique("sign"));
        step = F.Dummy(unique("step"));
    }

    // ---- entry symbols ------------------------------------------------------------------------------------

    /** The entries of a variable: X11 … (shared X12 for symmetric X), x1 … for a vector, the name for a scalar. */
    Entries variable(Var v) {
        Entries known = variables.get(v.name());
        if (known != null) return known;
        int r = sizes.size(v.shape().rows()), c = sizes.size(v.shape().cols());
        if (r > maxSize || c > maxSize)
            throw new UserError("--exact expands expressions only at sizes up to " + maxSize + "×" + maxSize + ", but " + v.name()
                    + " is " + r + "×" + c);
        IExpr[] at = new IExpr[r * c];
        boolean symmetric = v.kind().symmetric() && r == c;
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++) {
                if (symmetric && j < i) { at[i * c + j] = at[j * c + i]; continue; }
                String suffix = r == 1 && c == 1 ? "" : r == 1 ? "" + (j + 1) : c == 1 ? "" + (i + 1) : "" + (i + 1) + (j + 1);
                at[i * c + j] = symbol(v.name() + suffix, r == c && r > 1 && i == j, r, false);
            }
        Entries e = new Entries(r, c, at);
        variables.put(v.name(), e);
        return e;
    }

    private ISymbol symbol(String display, boolean diagonal, int n, boolean direction) {
        ISymbol s = F.Dummy(unique(display));
        symbols.put(s, new Symbol(s, display, diagonal, n, direction));
        return s;
    }

    /** Symja keeps symbol names in lower case: X12 and x12 must still be told apart. */
    private String unique(String name) {
        String candidate = name;
        for (int k = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); k++) candidate = name + "_" + k;
        return candidate;
    }

    /** The direction symbol dX12 that goes with entry symbol X12. */
    private ISymbol direction(ISymbol s) {
        return directions.computeIfAbsent(s, k -> symbol("d" + symbols.get(k).display(), false, 0, true));
    }

    /** Entry symbols (not directions) in order of creation. */
    List<ISymbol> entrySymbols() {
        List<ISymbol> out = new ArrayList<>();
        for (Symbol s : symbols.values()) if (!s.direction()) out.add(s.symbol());
        return out;
    }

    /** Symja writes names in lower case; this puts the names as the user wrote them back into a formula's text. */
    String display(IExpr e) {
        String text = e.toString();
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*").matcher(text);
        Map<String, String> names = new HashMap<>();
        for (Symbol s : symbols.values()) names.put(s.symbol().getSymbolName(), s.display());
        names.put(sign.getSymbolName(), "sign");
        names.put(step.getSymbolName(), "step");
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start()).append(names.getOrDefault(m.group(), m.group()));
            last = m.end();
        }
        return out.append(text.substring(last)).toString();
    }

    /** A random point: entries in (0.2, 0.8), diagonals of square matrices raised by n (well conditioned), directions in (−1, 1). */
    Map<IExpr, IExpr> point(java.util.Random rnd) {
        Map<IExpr, IExpr> p = new HashMap<>();
        for (Symbol s : symbols.values()) {
            long k = s.direction() ? rnd.nextInt(2001) - 1000 : 200 + rnd.nextInt(601) + (s.diagonal() ? 1000L * s.n() : 0);
            p.put(s.symbol(), F.QQ(k == 0 ? 1 : k, 1000));
        }
        return p;
    }

    /** sign and step as Symja's own functions, so a formula can be evaluated at numbers. */
    IExpr numeric(IExpr e) {
        IExpr r = e.replaceAll(x -> x.isAST() && x.argSize() == 1 && (x.head() == sign || x.head() == step)
                ? (x.head() == sign ? F.Sign(x.first()) : F.UnitStep(x.first())) : F.NIL);
        return r.isPresent() ? r : e;
    }

    /**
     * e with every exponential E^(c₁m₁ + c₂m₂ + …) written as z₁^c₁ z₂^c₂ … for fresh symbols zₖ standing for
     * E^mₖ (mₖ a monomial of the expanded exponent). Symja neither expands exponents nor splits E^(a+b), so
     * Together alone misses E^(2a)·E^(−2a) = 1; on the rewritten form it is rational algebra. Sound for proofs:
     * a formula that is 0 for independent zₖ is 0 when zₖ = E^mₖ.
     */
    IExpr exponentialsAsSymbols(IExpr e) {
        IExpr r = e.replaceAll(x -> {
            if (!x.isPower() || !x.base().isE()) return F.NIL;
            IExpr u = Symja.evalWithin(F.Expand(exponentialsAsSymbols(x.exponent())), 10);
            if (u == null) return F.NIL;
            List<IExpr> factors = new ArrayList<>();
            List<IExpr> terms = new ArrayList<>();
            if (u.isPlus()) for (int i = 1; i <= u.argSize(); i++) terms.add(((IAST) u).get(i));
            else terms.add(u);
            for (IExpr t : terms) {
                IExpr coefficient = F.C1, monomial = t;
                if (t.isTimes() && t.first().isNumber()) {
                    coefficient = t.first();
                    monomial = Symja.eval(((IAST) t).removeAtClone(1));
                } else if (t.isNumber()) {
                    factors.add(F.Power(S.E, t));
                    continue;
                }
                IExpr m = monomial;
                ISymbol z = exponentials.computeIfAbsent(m, k -> F.Dummy(unique("exp" + (exponentials.size() + 1))));
                factors.add(F.Power(z, coefficient));
            }
            return F.Times(factors.toArray(new IExpr[0]));
        });
        return r.isPresent() ? Symja.eval(r) : e;
    }

    private final Map<IExpr, ISymbol> exponentials = new HashMap<>();

    // ---- calculus -----------------------------------------------------------------------------------------

    /** ∂e/∂s, with the derivatives of the opaque sign and step taken as 0. */
    IExpr derivative(IExpr e, ISymbol s) {
        if (e.isFree(s)) return F.C0;
        IExpr d = Symja.eval(F.D(e, s));
        IExpr r = d.replaceAll(x -> x.isAST() && x.head().isAST() && x.head().head().isAST()
                && x.head().head().head() == S.Derivative && (x.head().first() == sign || x.head().first() == step) ? F.C0 : F.NIL);
        return r.isPresent() ? Symja.eval(r) : d;
    }

    /** Σ ∂q/∂s · ds over the entry symbols s: q's differential along the symbolic directions. */
    private IExpr differentialOf(IExpr q) {
        List<IExpr> terms = new ArrayList<>();
        for (ISymbol s : entrySymbols()) {
            if (q.isFree(s)) continue;
            terms.add(F.Times(derivative(q, s), direction(s)));
        }
        return terms.isEmpty() ? F.C0 : Symja.eval(F.Plus(terms.toArray(new IExpr[0])));
    }

    // ---- expansion ----------------------------------------------------------------------------------------

    /** e entry by entry; a {@link UserError} for operators without an expansion and for results too big. */
    Entries expand(Expr e) {
        Entries m = memo.get(e);
        if (m != null) return m;
        if (++depth > MAX_DEPTH) throw new UserError("--exact cannot expand an expression nested more than " + MAX_DEPTH + " deep");
        try {
            m = compute(e);
        } finally {
            depth--;
        }
        for (IExpr x : m.at())
            if (x.leafCount() > MAX_LEAVES)
                throw new UserError("--exact: the entries of " + e + " are too big to expand (more than " + MAX_LEAVES
                        + " leaves); try a smaller expression");
        memo.put(e, m);
        return m;
    }

    private Entries compute(Expr e) {
        if (e instanceof Var v) return variable(v);
        if (e instanceof Num n) return scalar(number(n.value()));
        Apply a = (Apply) e;
        Op op = a.op();
        int r = sizes.size(a.shape().rows()), c = sizes.size(a.shape().cols());
        if (op.arity() == 0) {
            // Constants (eye, ones, zeros, commutation matrices …): their own numeric values, exact as written.
            io.tracediff.eval.Matrix m = EvalFacet.of(op).eval(List.of(), sizes);
            return build(m.rows, m.cols, (i, j) -> number(m.get(i, j)));
        }
        List<Entries> x = new ArrayList<>();
        for (Expr arg : a.args()) x.add(expand(arg));
        try {
            return EntriesFacet.of(op).entries(a, x, this, sizes); // each operator expands itself: its EntriesFacet
        } catch (UnsupportedOperationException ex) {
            throw new UserError("--exact cannot expand " + a + ": " + ex.getMessage());
        }
    }


    @Override public int rows(Entries m) { return m.rows(); }
    @Override public int cols(Entries m) { return m.cols(); }
    @Override public IExpr get(Entries m, int i, int j) { return m.get(i, j); }
    @Override public Entries build(int rows, int cols, EntryAlgebra.Entry<IExpr> f) { return entries(rows, cols, f); }
    @Override public IExpr add(IExpr a, IExpr b) { return F.Plus(a, b); }
    @Override public IExpr subtract(IExpr a, IExpr b) { return F.Subtract(a, b); }
    @Override public IExpr multiply(IExpr a, IExpr b) { return F.Times(a, b); }
    @Override public IExpr divide(IExpr a, IExpr b) { return F.Divide(a, b); }
    @Override public IExpr power(IExpr a, IExpr b) { return F.Power(a, b); }
    @Override public IExpr negate(IExpr a) { return F.Negate(a); }
    @Override public IExpr sqrt(IExpr a) { return F.Sqrt(a); }
    @Override public IExpr log(IExpr a) { return F.Log(a); }
    @Override public IExpr zero() { return F.C0; }
    @Override public IExpr one() { return F.C1; }
    @Override public IExpr apply(Op function, IExpr a) { return function(((ElementFn) function).fn(), a); }
    @Override public IExpr det(Entries m) { return determinant(m); }
    @Override public Entries inverse(Entries m, Expr at) { return inverseOf(m, at); }
    @Override public IExpr differential(IExpr a) { return differentialOf(a); }

    private static Entries entries(int r, int c, EntryAlgebra.Entry<IExpr> f) {
        IExpr[] at = new IExpr[r * c];
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++) at[i * c + j] = Symja.eval(f.at(i, j));
        return new Entries(r, c, at);
    }

    private static Entries scalarOf(IExpr e) { return new Entries(1, 1, new IExpr[] {Symja.eval(e)}); }

    /** det by cofactors, refused before it is built when n!·n copies of the entries would be too big. */
    private static IExpr determinant(Entries m) {
        if (m.scalar()) return m.at()[0];
        guard(m, m.rows());
        return Symja.eval(cofactorDet(m, rowsOf(m.rows()), rowsOf(m.rows())));
    }

    /** inv(M) = adj(M) / det(M) by cofactors (Symja's Inverse expands, which is unbounded on big entries). */
    private static Entries inverseOf(Entries m, Expr at) {
        if (m.scalar()) return scalarOf(F.Divide(F.C1, m.at()[0]));
        int n = m.rows();
        guard(m, n + 1);
        IExpr det = determinant(m);
        if (det.leafCount() < 2_000) {
            IExpr reduced = Symja.evalWithin(F.Together(det), 4);
            if (reduced != null && reduced.isZero()) throw new UserError("--exact: " + at + " is singular at every value");
        }
        return entries(n, n, (i, j) -> {
            List<Integer> rows = rowsOf(n), cols = rowsOf(n);
            rows.remove(Integer.valueOf(j));
            cols.remove(Integer.valueOf(i));
            IExpr cofactor = cofactorDet(m, rows, cols);
            return F.Divide((i + j) % 2 == 0 ? cofactor : F.Negate(cofactor), det);
        });
    }

    private static List<Integer> rowsOf(int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(i);
        return out;
    }

    /** The determinant of the submatrix on these rows and columns, by expansion along its first row (unevaluated). */
    private static IExpr cofactorDet(Entries m, List<Integer> rows, List<Integer> cols) {
        if (rows.size() == 1) return m.get(rows.get(0), cols.get(0));
        List<IExpr> terms = new ArrayList<>();
        List<Integer> rest = rows.subList(1, rows.size());
        for (int k = 0; k < cols.size(); k++) {
            List<Integer> others = new ArrayList<>(cols);
            others.remove(k);
            IExpr t = F.Times(m.get(rows.get(0), cols.get(k)), cofactorDet(m, rest, others));
            terms.add(k % 2 == 0 ? t : F.Negate(t));
        }
        return F.Plus(terms.toArray(new IExpr[0]));
    }

    /** Refuses before building when about n!·copies entries of M would exceed the entry budget. */
    private static void guard(Entries m, int copies) {
        long biggest = 1;
        for (IExpr e : m.at()) biggest = Math.max(biggest, e.leafCount());
        long factorial = 1;
        for (int k = 2; k <= m.rows(); k++) factorial *= k;
        if (factorial * copies * biggest > MAX_LEAVES)
            throw new UserError("--exact: the entries of a " + m.rows() + "×" + m.rows() + " determinant or inverse would be too big to expand (more than "
                    + MAX_LEAVES + " leaves); try a smaller expression");
    }

    @Override public IExpr abs(IExpr u) { return F.Times(u, F.unaryAST1(sign, u)); }


    /** A constant exactly as written: 0.1 is 1/10, not the nearest double. */
    static IExpr number(double v) {
        // erf' = 2/√π e^(−x²) is written with the double nearest 2/√π (the language has no π): read back as 2/√π.
        if (v == io.tracediff.symja.Terms.TWO_OVER_SQRT_PI) return F.Times(F.C2, F.Power(F.Pi, F.CN1D2));
        BigDecimal d = io.tracediff.expr.Num.shortestDecimal(v).stripTrailingZeros();
        if (d.scale() <= 0) return F.ZZ(d.toBigIntegerExact());
        return F.fraction(d.unscaledValue(), BigInteger.TEN.pow(d.scale()));
    }

    /** An elementwise function of one entry; user functions (--fn) through their bodies. */
    private final Map<String, IExpr> templates = new HashMap<>();
    private static final String ARGUMENT = "tracediffargument";

    /** fn(u) from the function's own Symja facet: its template read once with a placeholder, u put in its place. */
    private IExpr instantiate(ScalarFunction fn, IExpr u) {
        IExpr template = templates.computeIfAbsent(fn.name(), k -> Symja.eval(fn.symja(ARGUMENT)));
        IExpr r = template.replaceAll(x -> x.isSymbol() && x.toString().equals(ARGUMENT) ? u : F.NIL);
        return r.isPresent() ? Symja.eval(r) : template;
    }

    IExpr function(ScalarFunction fn, IExpr u) {
        if (fn.value() instanceof UserFunction uf) return term(uf.body(), u);
        // The exact check's calculus away from kinks: sign and step are opaque, with derivative 0.
        return switch (fn.name()) {
            case "abs" -> abs(u);
            case "sign" -> F.unaryAST1(sign, u);
            case "step" -> F.unaryAST1(step, u);
            case "relu" -> F.Times(u, F.unaryAST1(step, u));
            default -> {
                if (fn.symja() == null) throw new UserError("--exact has no exact form of the elementwise function '" + fn.name() + "'");
                yield instantiate(fn, u);
            }
        };
    }

    private IExpr term(Term t, IExpr x) {
        if (t instanceof Term.Num n) return number(n.value().doubleValue());
        if (t instanceof Term.Param) return x;
        if (t instanceof Term.Call c) return function(c.fn(), term(c.arg(), x));
        if (t instanceof Term.Neg n) return F.Negate(term(n.arg(), x));
        Term.Bin b = (Term.Bin) t;
        IExpr l = term(b.left(), x), r = term(b.right(), x);
        return switch (b.op()) {
            case '+' -> F.Plus(l, r);
            case '-' -> F.Subtract(l, r);
            case '*' -> F.Times(l, r);
            case '/' -> F.Divide(l, r);
            default -> F.Power(l, r);
        };
    }

    /** Sizes of the symbolic dimensions of an expression, each given {@code size}. */
    /**
     * Sizes for the named dimensions of {@code exprs}: {@code size}, then one more for each further dimension
     * while at most {@link #MAX_SIZE} (so two dimensions differ and a dropped factor such as 𝟏ᵀ𝟏 = N shows),
     * then round again: symbolic entries grow fast with size. With an inverse, determinant or matrix power
     * every dimension keeps {@code size}: a symbolic 3×3 inverse is beyond Symja's time limit, and the numeric
     * self-check already runs those at distinct sizes.
     */
    static Map<Dim.Sym, Integer> symbolicDims(List<Expr> exprs, int size) {
        Map<Dim.Sym, Integer> out = new LinkedHashMap<>();
        var stack = new java.util.ArrayDeque<Expr>(exprs);
        Set<Expr> seen = new HashSet<>();
        boolean uniform = hasMatrixFunction(exprs);
        int[] next = {size};
        while (!stack.isEmpty()) {
            Expr e = stack.pop();
            if (!seen.add(e)) continue;
            collect(e.shape().rows(), out, size, uniform, next);
            collect(e.shape().cols(), out, size, uniform, next);
            if (e instanceof io.tracediff.expr.Apply a && a.op() instanceof io.tracediff.ops.Size z) collect(z.dim(), out, size, uniform, next);
            for (Expr a : e.args()) stack.push(a);
        }
        return out;
    }

    private static boolean hasMatrixFunction(List<Expr> exprs) {
        var stack = new java.util.ArrayDeque<Expr>(exprs);
        Set<Expr> seen = new HashSet<>();
        while (!stack.isEmpty()) {
            Expr e = stack.pop();
            if (!seen.add(e)) continue;
            if (e instanceof io.tracediff.expr.Apply a && (a.op() == io.tracediff.ops.Inv.OP || a.op() == io.tracediff.ops.Det.OP
                    || a.op() == io.tracediff.ops.LogDet.OP || a.op() == io.tracediff.ops.MatrixPow.OP)) return true;
            for (Expr x : e.args()) stack.push(x);
        }
        return false;
    }

    private static void collect(Dim d, Map<Dim.Sym, Integer> out, int size, boolean uniform, int[] next) {
        if (d instanceof Dim.Sym s && !out.containsKey(s)) {
            out.put(s, next[0]);
            if (!uniform) next[0] = next[0] + 1 > Math.max(size, MAX_SIZE) ? size : next[0] + 1;
        } else if (d instanceof Dim.Product p) { collect(p.left(), out, size, uniform, next); collect(p.right(), out, size, uniform, next); }
    }
}

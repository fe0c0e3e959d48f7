package io.tracediff.ops;

import io.tracediff.expr.Op;
import io.tracediff.print.notation.Format;
import io.tracediff.print.notation.Notation;
import io.tracediff.shape.Dim;
import io.tracediff.shape.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Every operator of the language, each once, with how it is written: the lexer takes its symbols, the parser
 * its names and infix precedences, and the typer, rule builder, rule matcher and rule checker its one
 * shape-based choice of operator ({@code ^}: matrix power or scalar power; {@code diag}: vector to matrix or
 * matrix to vector). Elementwise functions come from the one-line table {@link Functions#builtin()}.
 * <p>
 * An operator from outside this package is added with {@link #register}, which returns a handle that removes
 * it again: an explicit call in code, not a ServiceLoader file, so a test's operators exist only while the
 * test holds them and the order of registration is the order of the code.
 */
public final class Operators {
    private Operators() {}

    /** How an operator is written in the input language and in rule files. */
    public sealed interface Syntax {
        /** {@code name(operand, …)} with {@code arity} operands. */
        record Function(int arity) implements Syntax {}

        /** {@code name(X)} applied entry by entry (the result has the operand's shape). */
        record Elementwise() implements Syntax {}

        /**
         * {@code left SYMBOL right}, binding at {@code precedence} (the input language's level, {@link Notation#level}
         * in {@link Format#ASCII}); a right-associative operator above the prefix minus takes a signed right operand (2^-1).
         */
        record Infix(int precedence, boolean rightAssociative) implements Syntax {}

        /** {@code SYMBOL operand}: the unary minus, written "neg" in rules. */
        record Prefix(String symbol, int precedence) implements Syntax {}

        /** {@code operand SYMBOL}: the transpose. */
        record Postfix() implements Syntax {}

        /**
         * {@code name(v…, d…)}: {@code values} value operands, then between {@code minDims} and {@code maxDims} dimensions
         * (numbers, dimension names, rows(·)/cols(·) in rules); {@code input}: whether the input language offers it.
         */
        record Constructor(int values, int minDims, int maxDims, boolean input) implements Syntax {}

        /** Not written by users: derivations produce it, rules may name it by key (kron, powsum); d is the engine's own. */
        record Internal() implements Syntax {}
    }

    /** Settles which operator a name denotes from its operands' shapes (resolved through {@code find}) and dimension operands. */
    @FunctionalInterface
    public interface Resolver {
        /** The operator, or null when these operands do not fit any operator of this name. */
        Op resolve(List<Shape> operands, List<Dim> dims, UnaryOperator<Dim> find);
    }

    /**
     * One name of the language: {@code name} as written (a function name, an alias such as trace, a symbol such as
     * {@code .*}, or "neg"), its syntax, the one resolution, and the operator classes it may denote (for tests that
     * must reach each).
     */
    public record Entry(String name, Syntax syntax, Resolver resolver, List<Class<? extends Op>> denotes) {
        public Entry { denotes = List.copyOf(denotes); }

        public Op resolve(List<Shape> operands, List<Dim> dims, UnaryOperator<Dim> find) { return resolver.resolve(operands, dims, find); }

        /** Resolution from operands whose dimensions are already final. */
        public Op resolve(List<Shape> operands) { return resolver.resolve(operands, List.of(), d -> d); }

        /** Whether several operators share this name, so operand shapes decide. */
        public boolean overloaded() { return denotes.size() > 1; }
    }

    /** The handle {@link #register} returns: closing it removes the operator again. */
    public interface Registration extends AutoCloseable {
        @Override void close();
    }

    private static final Map<String, Entry> BY_NAME = new LinkedHashMap<>();
    private static volatile Map<String, Entry> snapshot;
    private static volatile List<String> symbols;
    private static volatile Entry[] overloaded;
    private static volatile Grammar grammar;

    /**
     * What the parser needs of the registry, worked out once per registration rather than once per parse (the
     * built-in rules are 250 parses at start-up): the infix operators by symbol, their distinct precedences
     * loosest first, and the prefix operators by symbol.
     */
    public record Grammar(Map<String, Syntax.Infix> infix, int[] levels, Map<String, Entry> prefix) {}

    /** The parser's view of the registry as it stands. */
    public static Grammar grammar() { return grammar; }

    static {
        infix("+", Notation.SUM, false, Add.OP);
        infix("-", Notation.SUM, false, Sub.OP);
        infix("*", Notation.PRODUCT, false, Mul.OP);
        infix("/", Notation.PRODUCT, false, Div.OP);
        infix(".*", Notation.HADAMARD, false, Hadamard.OP);
        infix("./", Notation.HADAMARD, false, ElementDiv.OP);
        infix(".^", Notation.POWER, true, ElementPow.OP);
        // x^k of a scalar is the scalar power; of a matrix the matrix power X·X·…·X.
        put(new Entry("^", new Syntax.Infix(Notation.level(Notation.POWER, Format.ASCII), true),
                (s, d, find) -> scalar(s.get(0), find) ? ElementPow.OP : MatrixPow.OP, List.of(MatrixPow.class, ElementPow.class)));
        put(new Entry("neg", new Syntax.Prefix("-", Notation.level(Notation.NEG, Format.ASCII)), fixed(Neg.OP), List.of(Neg.class)));
        put(new Entry("'", new Syntax.Postfix(), fixed(Transpose.OP), List.of(Transpose.class)));
        function(Trace.OP, "tr", "trace");
        function(Det.OP, "det");
        function(LogDet.OP, "logdet");
        function(Inv.OP, "inv");
        function(Sum.OP, "sum");
        function(Norm1.OP, "norm1");
        function(Norm2.OP, "norm2", "norm", "norm_fro");
        function(Vec.OP, "vec");
        function(Softmax.OP, "softmax");
        function(LogSumExp.OP, "logsumexp");
        function(Extremum.MAX, "max");
        function(Extremum.MIN, "min");
        function(ExtremumIndicator.ARGMAX, "argmax_indicator");
        function(ExtremumIndicator.ARGMIN, "argmin_indicator");
        // diag of a column is the diagonal matrix; of a matrix its diagonal as a column.
        put(new Entry("diag", new Syntax.Function(1), (s, d, find) -> find.apply(s.get(0).cols()).isOne() ? DiagMatrix.OP : DiagVector.OP,
                List.of(DiagMatrix.class, DiagVector.class)));
        put(new Entry("eye", new Syntax.Constructor(0, 1, 2, true),
                (s, d, find) -> d.size() == 1 ? new Eye(d.get(0)) : d.get(0).equals(d.get(1)) ? new Eye(d.get(0)) : null, List.of(Eye.class)));
        put(new Entry("ones", new Syntax.Constructor(0, 1, 2, true), (s, d, find) -> new Ones(d.get(0), d.size() > 1 ? d.get(1) : Dim.ONE), List.of(Ones.class)));
        put(new Entry("zeros", new Syntax.Constructor(0, 1, 2, true), (s, d, find) -> new Zeros(d.get(0), d.size() > 1 ? d.get(1) : Dim.ONE), List.of(Zeros.class)));
        put(new Entry("unvec", new Syntax.Constructor(1, 2, 2, true), (s, d, find) -> new Unvec(d.get(0), d.get(1)), List.of(Unvec.class)));
        put(new Entry("commutation", new Syntax.Constructor(0, 2, 2, false), (s, d, find) -> new Commutation(d.get(0), d.get(1)), List.of(Commutation.class)));
        put(new Entry("kron", new Syntax.Internal(), fixed(Kron.OP), List.of(Kron.class)));
        put(new Entry("powsum", new Syntax.Internal(), fixed(PowerSum.OP), List.of(PowerSum.class)));
        put(new Entry("d", new Syntax.Internal(), (s, d, find) -> null, List.of(Differential.class)));
        put(new Entry("size", new Syntax.Constructor(0, 1, 1, false), (s, d, find) -> d.get(0) instanceof Dim.Sym n ? new Size(n) : null, List.of(Size.class)));
        publish();
    }

    /** Readers see an immutable copy, so lexing and matching take no lock. */
    private static void publish() {
        snapshot = Map.copyOf(BY_NAME);
        Set<String> s = new TreeSet<>(new LongestFirst());
        for (Entry e : BY_NAME.values()) {
            if (e.syntax() instanceof Syntax.Infix || e.syntax() instanceof Syntax.Postfix) s.add(e.name());
            if (e.syntax() instanceof Syntax.Prefix p) s.add(p.symbol());
        }
        symbols = List.copyOf(s);
        // Loops, not streams: a stream pipeline run cold costs a start-up milliseconds of lambda linking.
        List<Entry> shared = new ArrayList<>();
        for (Entry e : BY_NAME.values()) if (e.overloaded()) shared.add(e);
        overloaded = shared.toArray(new Entry[0]);
        Map<String, Syntax.Infix> infix = new LinkedHashMap<>();
        Map<String, Entry> prefix = new LinkedHashMap<>();
        for (Entry e : BY_NAME.values()) {
            if (e.syntax() instanceof Syntax.Infix i) infix.put(e.name(), i);
            if (e.syntax() instanceof Syntax.Prefix p) prefix.putIfAbsent(p.symbol(), e);
        }
        TreeSet<Integer> distinct = new TreeSet<>();
        for (Syntax.Infix i : infix.values()) distinct.add(i.precedence());
        int[] levels = new int[distinct.size()];
        int k = 0;
        for (int level : distinct) levels[k++] = level;
        grammar = new Grammar(Collections.unmodifiableMap(infix), levels, Collections.unmodifiableMap(prefix));
    }

    /**
     * Longer symbols first, then alphabetical, so ".*" is tried before ".". A class, not Comparator.comparingInt(…)
     * .reversed().thenComparing(…): those are lambdas inside the JDK that a cold start spins as classes (~1 ms each).
     */
    private static final class LongestFirst implements Comparator<String> {
        @Override public int compare(String a, String b) { return a.length() != b.length() ? Integer.compare(b.length(), a.length()) : a.compareTo(b); }
    }

    /** The entry of a name several operators share ("^", "diag"), or null: a scan of a few, for the rule matcher's inner loop. */
    public static Entry overloaded(String name) {
        for (Entry e : overloaded) if (e.name().equals(name)) return e;
        return null;
    }

    private static boolean scalar(Shape s, UnaryOperator<Dim> find) { return find.apply(s.rows()).isOne() && find.apply(s.cols()).isOne(); }

    private static Resolver fixed(Op op) { return (s, d, find) -> op; }

    private static void infix(String symbol, int operatorClass, boolean right, Op op) {
        put(new Entry(symbol, new Syntax.Infix(Notation.level(operatorClass, Format.ASCII), right), fixed(op), List.of(op.getClass())));
    }

    private static void function(Op op, String... names) {
        for (String n : names) put(new Entry(n, new Syntax.Function(op.arity()), fixed(op), List.of(op.getClass())));
    }

    private static void put(Entry e) {
        if (BY_NAME.putIfAbsent(e.name(), e) != null) throw new IllegalArgumentException("operator '" + e.name() + "' is already registered");
    }

    /**
     * Adds an operator under {@code names} (the first its key in rules; the others aliases) with {@code syntax};
     * an infix or postfix name is its symbol. Close the handle to remove it.
     */
    public static Registration register(Op op, Syntax syntax, String... names) {
        if (names.length == 0) throw new IllegalArgumentException("an operator needs a name");
        for (String n : names) checkName(n, syntax);
        synchronized (BY_NAME) {
            for (String n : names) if (BY_NAME.containsKey(n) || Functions.builtin().get(n).isPresent())
                throw new IllegalArgumentException("operator '" + n + "' is already registered");
            for (String n : names) put(new Entry(n, syntax, fixed(op), List.of(op.getClass())));
            publish();
        }
        return () -> {
            synchronized (BY_NAME) {
                for (String n : names) BY_NAME.remove(n);
                publish();
            }
        };
    }

    /** A function is named like a variable; a symbol is made of characters the lexer does not already read as punctuation. */
    private static void checkName(String name, Syntax syntax) {
        boolean symbol = syntax instanceof Syntax.Infix || syntax instanceof Syntax.Postfix;
        if (!symbol && !name.matches("[A-Za-z_][A-Za-z0-9_]*"))
            throw new IllegalArgumentException("'" + name + "' is not a function name: letters, digits and _, starting with a letter");
        if (symbol && (name.isEmpty() || name.chars().anyMatch(c -> Character.isLetterOrDigit(c) || Character.isWhitespace(c) || "(),;:=?#_".indexOf(c) >= 0)))
            throw new IllegalArgumentException("'" + name + "' is not an operator symbol: no letters, digits, spaces or ( ) , ; : = ? # _");
        if (syntax instanceof Syntax.Prefix) throw new IllegalArgumentException("the prefix minus is the only prefix operator");
    }

    /** The entry for a name as written (function name, alias, symbol, "neg"), or null. */
    public static Entry get(String name) { return snapshot.get(name); }

    /** The operator {@code name} denotes for these operands, or null (unknown name, or operands that fit none). */
    public static Op resolve(String name, List<Shape> operands, UnaryOperator<Dim> find) {
        Entry e = snapshot.get(name);
        return e == null || e.syntax() instanceof Syntax.Constructor ? null : e.resolve(operands, List.of(), find);
    }

    /** Every entry, built-in first in table order, then registered ones, then the elementwise functions of {@code functions}. */
    public static List<Entry> all(Functions functions) {
        List<Entry> out = new ArrayList<>(BY_NAME.size());
        synchronized (BY_NAME) { out.addAll(BY_NAME.values()); }
        for (String n : functions.names()) {
            ElementFn op = new ElementFn(functions.get(n).orElseThrow());
            out.add(new Entry(n, new Syntax.Elementwise(), fixed(op), List.of(ElementFn.class)));
        }
        return out;
    }

    /** The entry of an infix symbol, or null. */
    public static Entry infix(String symbol) {
        Entry e = snapshot.get(symbol);
        return e != null && e.syntax() instanceof Syntax.Infix ? e : null;
    }

    /** Infix symbols with their precedence, by symbol. */
    public static Map<String, Syntax.Infix> infixSymbols() { return grammar.infix(); }

    /** The prefix operator written {@code symbol}, or null. */
    public static Entry prefix(String symbol) { return grammar.prefix().get(symbol); }

    /** Every operator symbol the lexer must know (infix, prefix, postfix), longest first so ".*" wins over ".". */
    public static List<String> symbols() { return symbols; }

    /** A function-syntax operator of the input language (tr, det, diag, a registered one), or null. */
    public static Entry function(String name) {
        Entry e = snapshot.get(name);
        return e != null && (e.syntax() instanceof Syntax.Function || e.syntax() instanceof Syntax.Elementwise) ? e : null;
    }

    /** A constructor with dimension operands (eye, ones, zeros, unvec; commutation in rules), or null. */
    public static Syntax.Constructor constructor(String name) {
        Entry e = snapshot.get(name);
        return e != null && e.syntax() instanceof Syntax.Constructor c ? c : null;
    }

    /** Builds a constructor from its dimension operands; null when they do not fit (eye(m, n) with m ≠ n). */
    public static Op construct(String name, List<Dim> dims) {
        Entry e = snapshot.get(name);
        return e.resolve(List.of(), dims, d -> d);
    }

    /** Every function name of the input language, for "did you mean" and reserved names (unvec is spelled out by the callers). */
    public static Set<String> functionNames() {
        Set<String> s = new TreeSet<>();
        for (Entry e : snapshot.values())
            if (e.syntax() instanceof Syntax.Function || e.syntax() instanceof Syntax.Elementwise
                    || e.syntax() instanceof Syntax.Constructor c && c.input() && c.values() == 0) s.add(e.name());
        return s;
    }
}

package io.tracediff.parse;

import io.tracediff.core.UserError;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.Op;
import io.tracediff.expr.Var;
import io.tracediff.expr.VarKind;
import io.tracediff.ops.*;
import io.tracediff.shape.Dim;
import io.tracediff.shape.Shape;
import io.tracediff.shape.DimUnifier;
import io.tracediff.shape.ShapeArgs;
import io.tracediff.shape.ShapeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns syntax into a shape-checked {@link Expr}. Pass one infers shapes, unifying dimensions
 * ({@code A*x} makes cols(A) = rows(x)); pass two builds the tree with the solved dimensions, so every
 * node is validated by its constructor. Undeclared names get matrixcalculus.org's defaults:
 * a–g scalars, h–z vectors, A–Z matrices (multi-letter names by their first letter).
 */
public final class Typer {

    public record Result(Expr expr, Map<String, Var> variables) {}

    private final String src;
    private final Declarations decls;
    private final Function<String, ScalarFunction> functions;
    private final java.util.Collection<String> functionNames;
    private final DimUnifier dims = new DimUnifier();
    private final Map<String, Shape> varShapes = new LinkedHashMap<>();
    private final Map<String, VarKind> varKinds = new LinkedHashMap<>();

    private Typer(String src, Declarations decls, Functions fns) {
        this.src = src;
        this.decls = decls;
        this.functions = n -> fns.get(n).orElse(null);
        this.functionNames = fns.names();
    }

    public static Result typecheck(String src, Declarations decls, Functions fns) {
        return new Typer(src, decls, fns).run(Parser.parse(src));
    }

    public Result run(Syntax s) {
        checkDepth(s);
        collectDimensionNames(s);
        new Infer().walk(s);
        Map<String, Var> vars = new LinkedHashMap<>();
        varShapes.forEach((name, shape) -> vars.put(name, new Var(name, dims.resolve(shape), varKinds.get(name))));
        Expr e = new Build(vars).walk(s);
        vars.keySet().retainAll(usedNames(e));
        return new Result(e, vars);
    }

    private static java.util.Set<String> usedNames(Expr e) {
        java.util.Set<String> names = new java.util.HashSet<>();
        var stack = new java.util.ArrayDeque<Expr>();
        stack.push(e);
        while (!stack.isEmpty()) {
            Expr x = stack.pop();
            if (x instanceof Var v) names.add(v.name());
            x.args().forEach(stack::push);
        }
        return names;
    }

    /** Deep trees would overflow recursive passes later; refuse them here with a message. */
    private void checkDepth(Syntax root) {
        record Item(Syntax s, int depth) {}
        var stack = new java.util.ArrayDeque<Item>();
        stack.push(new Item(root, 1));
        while (!stack.isEmpty()) {
            Item it = stack.pop();
            if (it.depth > Parser.MAX_DEPTH * 2)
                throw UserError.at("expression is too deep (more than " + Parser.MAX_DEPTH * 2 + " nested operations; a sum of that many terms "
                        + "nests as deep); split it, or raise the limit with TRACEDIFF_JAVA_OPTS=-D"
                        + io.tracediff.limits.Limit.NESTING_DEPTH.property() + "=N (for 2N operations)", src, it.s.opStart(), it.s.opEnd());
            for (Syntax c : children(it.s)) stack.push(new Item(c, it.depth + 1));
        }
    }

    /** Names that size eye/ones/zeros/unvec in this expression: written as a value elsewhere, they are that size. */
    private final java.util.Set<String> dimensionNames = new java.util.HashSet<>();

    private void collectDimensionNames(Syntax root) {
        var stack = new java.util.ArrayDeque<Syntax>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Syntax x = stack.pop();
            Operators.Syntax.Constructor k = x instanceof Syntax.Call c ? Operators.constructor(c.name()) : null;
            if (k != null && k.input()) {
                Syntax.Call c = (Syntax.Call) x;
                for (int i = k.values(); i < c.args().size(); i++)
                    if (c.args().get(i) instanceof Syntax.Name n) dimensionNames.add(n.name());
            }
            for (Syntax ch : children(x)) stack.push(ch);
        }
    }

    /** Whether a name written as a value is a dimension's size (N in sum(X*ones(N))/N, or declared in --let). */
    private boolean isSizeName(String name) {
        return (decls.isDimName(name) || dimensionNames.contains(name)) && decls.get(name) == null && !varShapes.containsKey(name);
    }

    private static List<Syntax> children(Syntax s) {
        if (s instanceof Syntax.Binary b) return List.of(b.left(), b.right());
        if (s instanceof Syntax.Unary u) return List.of(u.arg());
        if (s instanceof Syntax.Postfix p) return List.of(p.arg());
        if (s instanceof Syntax.Call c) return c.args();
        return List.of();
    }

    /** The source of {@code s}, widened to the brackets that make it whole: (x'*y)*x spans from inside its '('. */
    private String text(Syntax s) {
        int a = Math.max(0, s.start()), b = Math.min(src.length(), s.end());
        while (true) {
            int depth = 0, lowest = 0;
            for (int i = a; i < b; i++) {
                char c = src.charAt(i);
                if (c == '(') depth++;
                else if (c == ')') lowest = Math.min(lowest, --depth);
            }
            int open = lowest < 0 ? src.lastIndexOf('(', a - 1) : -1, close = depth > lowest ? src.indexOf(')', b) : -1;
            if (open >= 0) a = open;
            else if (close >= 0) b = close + 1;
            else break;
        }
        return src.substring(a, b).strip();
    }

    /** The transpose an exponent ends in, written last (2', -1', (-1)'); null if it ends otherwise. */
    private static Syntax.Postfix trailingTranspose(Syntax e) {
        while (e instanceof Syntax.Unary u) e = u.arg();   // a loop: 60,000 signs nest as deep
        return e instanceof Syntax.Postfix p && p.op().equals("'") ? p : null;
    }

    /**
     * Whether the ' at {@code quote} is inside a bracket opened after the caret ending at {@code caretEnd}: A^(2') writes
     * the transpose of the exponent on purpose; in A^2', A^(-1)' and inv(A^2') it follows the exponent.
     */
    private boolean insideExponentBrackets(int caretEnd, int quote) {
        int open = 0;
        for (int i = caretEnd; i < quote && i < src.length(); i++) {
            if (src.charAt(i) == '(') open++;
            else if (src.charAt(i) == ')' && open > 0) open--;
        }
        return open > 0;
    }

    private UserError error(String message, Syntax at) { return UserError.at(message, src, at.opStart(), at.opEnd()); }

    /** A shape conflict keeps its ShapeException as the cause: the reading policy (api.Problem) retries only those. */
    private UserError shapeError(ShapeException e, Syntax at) {
        String hint = UndeclaredHint.of(e.getMessage(), name -> varShapes.containsKey(name) && decls.get(name) == null);
        UserError u = error(e.getMessage() + hint, at);
        u.initCause(e);
        return u;
    }

    /** The shape a name has: declared, or the default for its first letter. */
    private Shape declareVar(String name, Syntax at) {
        Shape s = varShapes.get(name);
        if (s != null) return s;
        Declarations.Decl d = decls.get(name);
        String base = name.startsWith("?") ? name.substring(1) : name;
        if (d != null) {
            s = d.shape();
            varKinds.put(name, d.kind());
        } else {
            // exp*x would print as exp 𝟏, a function applied: a function's name is not an undeclared variable (nor a declared one).
            if (base.equals(name) && (Declarations.reserved(name) || functionNames.contains(name)))
                throw error("'" + name + "' is a function, not a variable: call it, as in " + name + "(x), or give the variable another name", at);
            char c = base.charAt(0);
            if (c >= 'a' && c <= 'g' && !decls.defaultsToVector(name)) { s = Shape.SCALAR; varKinds.put(name, VarKind.SCALAR); }
            else if (Character.isLowerCase(c)) { s = Shape.vector(dims.fresh("n_" + base, !base.equals(name))); varKinds.put(name, VarKind.VECTOR); }
            else if (Character.isUpperCase(c)) { s = Shape.of(dims.fresh("m_" + base, !base.equals(name)), dims.fresh("n_" + base, !base.equals(name))); varKinds.put(name, VarKind.MATRIX); }
            else throw error("cannot tell the type of '" + name + "'; declare it with --let", at);
        }
        varShapes.put(name, s);
        return s;
    }

    private abstract class Walk<T> {
        abstract T number(double v);
        abstract T variable(String name, Syntax at);
        /** The size of a dimension as a scalar value. */
        abstract T size(Dim d);
        abstract T apply(Op op, List<T> args, Syntax at);
        abstract Shape shape(T t);
        abstract boolean equal(Dim a, Dim b);
        abstract Dim resolve(Dim d);

        T walk(Syntax s) {
            if (s instanceof Syntax.Number n) return number(n.value());
            if (s instanceof Syntax.Name n) {
                if (isSizeName(n.name())) return size(resolve(Dim.sym(n.name())));
                return variable(n.name(), s);
            }
            if (s instanceof Syntax.Unary u) {
                List<T> args = List.of(walk(u.arg()));
                return applyChecked(resolve(u.op(), args), args, s, List.of(u.arg()));
            }
            if (s instanceof Syntax.Postfix p) {
                List<T> args = List.of(walk(p.arg()));
                return applyChecked(resolve(p.op(), args), args, s, List.of(p.arg()));
            }
            if (s instanceof Syntax.Binary b) {
                List<T> args = List.of(walk(b.left()), walk(b.right()));
                List<Syntax> at = List.of(b.left(), b.right());
                Op op = resolve(b.op(), args);
                // A^2' is A^(2') = A², since ' binds tighter than ^; MATLAB reads it as (A^2)', the transpose a user means.
                Syntax.Postfix transposed = trailingTranspose(b.right());
                if ((b.op().equals("^") || b.op().equals(".^")) && transposed != null && !isScalar(shape(args.get(0)))
                        && !insideExponentBrackets(b.opEnd(), transposed.opStart())) {
                    String exponent = text(b.right()).strip();
                    throw error("the ' in " + text(s) + " transposes the exponent (a number, which it leaves as it is), since ' binds tighter than "
                            + b.op() + "; write (" + text(b.left()) + b.op() + exponent.substring(0, exponent.length() - 1).strip() + ")' for the transpose of the power", s);
                }
                if (op == MatrixPow.OP && b.right() instanceof Syntax.Name t && (t.name().equals("T") || t.name().equals("H")) && !shape(args.get(1)).isScalar())
                    throw error("^" + t.name() + " is not a transpose here (T is a matrix); write X' for the transpose", s);
                // A^-1 and A^-k, as MATLAB and papers write them: inv(A) and inv(A)^k.
                if (op == MatrixPow.OP && b.right() instanceof Syntax.Number k && k.value() < 0 && k.value() == Math.rint(k.value()) && k.value() > -1e15) {
                    T inverse = applyChecked(resolve("inv", args.subList(0, 1)), args.subList(0, 1), s, at.subList(0, 1));
                    return k.value() == -1 ? inverse : applyChecked(op, List.of(inverse, number(-k.value())), s, at);
                }
                if (op == MatrixPow.OP && b.right() instanceof Syntax.Number k && (k.value() < 0 || k.value() != Math.rint(k.value())))
                    throw error("a matrix power needs a whole number as its exponent (A^-1 is inv(A); use .^ for entrywise powers)", s);
                return applyChecked(op, args, s, at);
            }
            Syntax.Call c = (Syntax.Call) s;
            String name = c.name();
            Operators.Syntax.Constructor k = Operators.constructor(name);
            if (k != null && k.input() && k.values() == 0) return construct(c);
            if (k != null && k.input() && c.args().size() == k.values() + k.minDims() && k.minDims() == k.maxDims()) {
                List<T> args = new ArrayList<>();
                for (Syntax a : c.args().subList(0, k.values())) args.add(walk(a));
                List<Dim> ds = new ArrayList<>();
                for (Syntax a : c.args().subList(k.values(), c.args().size())) ds.add(dimension(a));
                return applyChecked(Operators.construct(name, ds), args, s, c.args().subList(0, k.values()));
            }
            Operators.Entry entry = Operators.function(name);
            ScalarFunction fn = functions.apply(name);
            if (entry != null || fn != null) {
                int arity = entry != null && entry.syntax() instanceof Operators.Syntax.Function f ? f.arity() : 1;
                if (c.args().size() != arity)
                    throw error(name + " takes " + (arity == 1 ? "one argument" : arity + " arguments") + ", got " + c.args().size()
                            + ((name.equals("max") || name.equals("min")) && arity == 1 ? " (" + name + "(A) is the " + (name.equals("max") ? "largest" : "smallest")
                               + " entry; max(0, x) entrywise is relu(x), and max(x, y) is (x + y + abs(x − y))/2)" : ""), s);
                List<T> args = new ArrayList<>();
                for (Syntax a : c.args()) args.add(walk(a));
                Op op = entry != null ? resolve(name, args) : new ElementFn(fn);
                return applyChecked(op, args, s, c.args());
            }
            for (Syntax a : c.args()) walk(a);   // an operand's own error comes before the unknown name
            String known = UNSUPPORTED.get(name);
            if (known != null) throw error("unknown function '" + name + "': " + known, s);
            String hint = Suggest.nearest(name, allFunctionNames());
            throw error("unknown function '" + UserError.excerpt(name) + "'" + (hint == null ? "" : "; did you mean '" + hint + "'?"), s);
        }

        /**
         * Names users bring from MATLAB, NumPy and the Cookbook that are not functions here, with what to write instead:
         * the nearest spelling would mislead (expm is not the entrywise exp, mean is not max).
         */
        private static final Map<String, String> UNSUPPORTED = Map.ofEntries(
                Map.entry("expm", "the matrix exponential is not supported (exp(X) is entrywise)"),
                Map.entry("logm", "the matrix logarithm is not supported (log(X) is entrywise; log(det(X)) is logdet(X))"),
                Map.entry("sqrtm", "the matrix square root is not supported (sqrt(X) is entrywise)"),
                Map.entry("mean", "write sum(x)/n, with n the size of x (e.g. --let \"x: vector(n)\")"),
                Map.entry("transpose", "write X' for the transpose"),
                Map.entry("pinv", "the pseudo-inverse is not supported; for a full-column-rank X write inv(X'*X)*X'"),
                Map.entry("dot", "write x'*y for the inner product"),
                Map.entry("outer", "write x*y' for the outer product"),
                Map.entry("matmul", "write A*B for the matrix product"));

        /** The one shape-based choice of operator for a name as written ({@link Operators}). */
        private Op resolve(String name, List<T> args) {
            List<Shape> shapes = new ArrayList<>(args.size());
            for (T a : args) shapes.add(shape(a));
            return Operators.resolve(name, shapes, this::resolve);
        }

        private List<String> allFunctionNames() {
            var all = new ArrayList<>(Operators.functionNames());
            all.addAll(functionNames);
            return all;
        }

        boolean isScalar(Shape s) { return resolve(s.rows()).isOne() && resolve(s.cols()).isOne(); }

        boolean isColumnLike(Shape s) { return resolve(s.cols()).isOne(); }

        T applyChecked(Op op, List<T> args, Syntax at, List<Syntax> argSyntax) {
            ShapeArgs sa = new ShapeArgs() {
                @Override public int size() { return args.size(); }
                @Override public Shape shape(int i) { return Walk.this.shape(args.get(i)); }
                @Override public String label(int i) { return Typer.this.text(argSyntax.get(i)); }
                @Override public String text() { return Typer.this.text(at); }
                @Override public boolean equal(Dim a, Dim b) { return Walk.this.equal(a, b); }
                @Override public Dim resolve(Dim d) { return Walk.this.resolve(d); }
            };
            try {
                op.shape(sa);
            } catch (ShapeException e) {
                throw shapeError(e, at);
            }
            return apply(op, args, at);
        }

        private T construct(Syntax.Call c) {
            List<Dim> ds = new ArrayList<>();
            for (Syntax a : c.args()) ds.add(dimension(a));
            Operators.Syntax.Constructor k = Operators.constructor(c.name());
            Op op = ds.size() < k.minDims() || ds.size() > k.maxDims() ? null : Operators.construct(c.name(), ds);
            if (op == null) throw error(c.name() + " takes " + (c.name().equals("eye") ? "one dimension: eye(n)" : "one or two dimensions: " + c.name() + "(m, n)"), c);
            return apply(op, List.of(), c);
        }

        /** A dimension argument: a positive whole number, a dimension name, rows(E)/cols(E), or a product m*n of such (as ASCII output writes a Kronecker size). */
        Dim dimension(Syntax a) {
            if (a instanceof Syntax.Binary b && b.op().equals("*")) {
                Dim l = dimension(b.left()), r = dimension(b.right());
                if (l instanceof Dim.Fixed x && r instanceof Dim.Fixed y && (long) x.size() * y.size() > 100_000_000L)
                    throw error("a dimension must be a positive whole number up to 100000000, not " + ((long) x.size() * y.size()), a);
                return Dim.times(l, r);
            }
            if (a instanceof Syntax.Number n) {
                if (n.value() < 1 || n.value() != Math.rint(n.value()))
                    throw error("a dimension must be a positive whole number, not " + n.text(), a);
                if (n.value() > 1e8) throw error("a dimension must be a positive whole number up to 100000000, not " + n.text(), a);
                return Dim.of((int) n.value());
            }
            if (a instanceof Syntax.Name n) {
                if (decls.get(n.name()) != null || varShapes.containsKey(n.name()))
                    throw error("'" + n.name() + "' is a variable; a dimension is a number or a dimension name (use rows/cols in rules)", a);
                return resolve(Dim.sym(n.name()));
            }
            if (a instanceof Syntax.Call c && c.args().size() == 1 && (c.name().equals("rows") || c.name().equals("cols"))) {
                Shape s = shape(walk(c.args().get(0)));
                return resolve(c.name().equals("rows") ? s.rows() : s.cols());
            }
            throw error("expected a dimension (a number or a name such as n)", a);
        }
    }

    /** Pass one: shapes only, unifying dimensions as operators demand. */
    private final class Infer extends Walk<Shape> {
        @Override Shape number(double v) { return Shape.SCALAR; }
        @Override Shape size(Dim d) { return Shape.SCALAR; }
        @Override Shape variable(String name, Syntax at) { return declareVar(name, at); }
        @Override Shape apply(Op op, List<Shape> args, Syntax at) {
            List<Shape> shapes = args;
            return op.shape(new ShapeArgs() {
                @Override public int size() { return shapes.size(); }
                @Override public Shape shape(int i) { return shapes.get(i); }
                @Override public String label(int i) { return "operand " + (i + 1); }
                @Override public String text() { return Typer.this.text(at); }
                @Override public boolean equal(Dim a, Dim b) { return dims.union(a, b); }
                @Override public Dim resolve(Dim d) { return dims.find(d); }
            });
        }
        @Override Shape shape(Shape t) { return t; }
        @Override boolean equal(Dim a, Dim b) { return dims.union(a, b); }
        @Override Dim resolve(Dim d) { return dims.find(d); }
    }

    /**
     * Null where {@code a} is not made of numbers alone or has a real value; else why not ("" or " (it is infinite)"):
     * NaN (sqrt(-1), arcsin(2)) or a function's pole at a number within 1 of 0 (log(0), log1p(-1)).
     */
    public static String noRealValue(Apply a) { return noRealValue(a, new java.util.IdentityHashMap<>()); }

    /** {@link #noRealValue(Apply)} with a memo of the parts made of numbers, shared across the nodes of one tree. */
    static String noRealValue(Apply a, java.util.Map<Expr, Boolean> memo) {
        // Only functions and powers leave the reals; asked of every node of a long sum, this would be quadratic.
        if (!(a.op() instanceof io.tracediff.ops.ElementFn || a.op() == io.tracediff.ops.ElementPow.OP || a.op() == MatrixPow.OP
                || a.op() == io.tracediff.ops.LogDet.OP)) return null;
        if (!a.isScalar() || !io.tracediff.eval.tree.Evaluator.madeOfNumbers(a, memo)) return null;
        double v;
        try {
            v = io.tracediff.eval.tree.Evaluator.numberValue(a).data[0];
        } catch (RuntimeException notEvaluated) {   // a singular 1×1 inverse and the like: other checks name them
            return null;
        }
        if (Double.isNaN(v)) return roundedBelowZero(a);
        boolean pole = Double.isInfinite(v) && a.op() instanceof io.tracediff.ops.ElementFn && a.arg(0) instanceof Num n && Math.abs(n.value()) <= 1;
        return pole ? " (it is infinite)" : null;
    }

    /**
     * sqrt(sqrt(3)*sqrt(3) - 3): an argument below 0 in doubles (−4.4·10⁻¹⁶) that is 0 to 420 digits
     * ({@link io.tracediff.algebra.HighPrecision}), and so 0 exactly as far as anything here can tell: the message says
     * so rather than that the number is wrong. Otherwise "" (sqrt(sin(1e17) - 2) is negative, and says nothing more).
     */
    private static final String ROUNDED_BELOW_ZERO = " in floating point: ";

    private static String roundedBelowZero(Apply a) {
        Expr arg = a.arg(0);
        if (io.tracediff.algebra.Alg.exactConstant(arg) != null) return "";   // rational: its sign is exact, not rounding
        double value;
        try {
            value = io.tracediff.eval.tree.Evaluator.numberValue(arg).data[0];
        } catch (RuntimeException notEvaluated) {
            return "";
        }
        if (!(value < 0) || !io.tracediff.algebra.HighPrecision.isZero(arg)) return "";
        return ROUNDED_BELOW_ZERO + io.tracediff.print.Printer.ascii(arg) + " comes to " + String.format(java.util.Locale.ROOT, "%.2g", value)
                + ", which is 0 to 420 digits; if it is 0 exactly, write 0";
    }

    /** Pass two: the typed tree, every node checked by its constructor. */
    private final class Build extends Walk<Expr> {
        private final Map<String, Var> vars;

        Build(Map<String, Var> vars) { this.vars = vars; }

        @Override Expr number(double v) { return new Num(v); }
        @Override Expr size(Dim d) { return io.tracediff.algebra.Alg.size(dims.find(d)); }
        @Override Expr variable(String name, Syntax at) { return vars.get(name); }
        @Override Expr apply(Op op, List<Expr> args, Syntax at) {
            // x'*x/0 has no derivative to print: a divisor that is 0 as written (0, 1 - 1) is the user's mistake.
            if ((op == io.tracediff.ops.Div.OP || op == io.tracediff.ops.ElementDiv.OP) && zeroAsWritten(args.get(1)))
                throw error("division by zero: the divisor is 0 as written; remove the division or correct the divisor", at);
            // X^(2*4) is X^8: an exponent written as arithmetic on numbers is the number it comes to.
            if (op == MatrixPow.OP && !(args.get(1) instanceof Num)) args = List.of(args.get(0), folded(args.get(1)));
            if (op == MatrixPow.OP && !MatrixPow.validExponent(args.get(1)))
                throw error(args.get(1) instanceof Num k && k.value() >= 1e15 && k.value() == Math.rint(k.value())
                        ? "a matrix power's exponent must be below 10^15 (this one is " + new java.math.BigDecimal(k.value()).toPlainString() + ")"
                        : "a matrix power needs a whole number as its exponent (A^-1 is inv(A); use .^ for entrywise powers)", at);
            Apply built;
            try {
                built = Apply.of(resolveOp(op), args);
            } catch (ShapeException e) {
                throw shapeError(e, at);
            }
            undefinedNumber(built, at);
            return built;
        }
        /** Which parts of the tree being built are made of numbers alone, found once. */
        private final java.util.Map<Expr, Boolean> numberParts = new java.util.IdentityHashMap<>();

        /**
         * sqrt(-1), log(-1), arcsin(2), (-2)^0.5 and log(0) have no real value: as written they are the user's mistake,
         * not a formula whose every derivative is NaN. exp(1000), a number too large for a double, is kept.
         */
        private void undefinedNumber(Apply a, Syntax at) {
            String why = noRealValue(a, numberParts);
            if (why != null) throw error(io.tracediff.print.Printer.ascii(a) + " has no real value" + why
                    + (why.startsWith(ROUNDED_BELOW_ZERO) ? "" : "; tracediff computes with real numbers: correct the number"), at);
        }
        /** 0, 1 − 1, or (1 + 10⁻²⁰) − (10⁻²⁰ + 1): a number that is 0 exactly, added as written rather than in doubles. */
        private boolean zeroAsWritten(Expr divisor) {
            if (folded(divisor) instanceof Num z && z.value() == 0) return true;
            io.tracediff.algebra.Rational exact = io.tracediff.algebra.Alg.exactConstant(divisor);
            return exact != null && exact.signum() == 0;
        }
        /** e with its operations on numbers done (Alg folds them as it builds), bottom up. */
        private Expr folded(Expr e) {
            return io.tracediff.expr.PostOrder.fold(e, new java.util.IdentityHashMap<Expr, Expr>(), (x, kids) ->
                    x instanceof io.tracediff.expr.Apply a && !kids.isEmpty() ? io.tracediff.algebra.Alg.apply(a.op(), kids) : x);
        }

        private Op resolveOp(Op op) {
            if (op instanceof Eye e) return new Eye(dims.find(e.n()));
            if (op instanceof Ones o) return new Ones(dims.find(o.rows()), dims.find(o.cols()));
            if (op instanceof Zeros z) return new Zeros(dims.find(z.rows()), dims.find(z.cols()));
            if (op instanceof Unvec u) return new Unvec(dims.find(u.rows()), dims.find(u.cols()));
            return op;
        }
        @Override Shape shape(Expr t) { return t.shape(); }
        @Override boolean equal(Dim a, Dim b) { return dims.find(a).equals(dims.find(b)); }
        @Override Dim resolve(Dim d) { return dims.find(d); }
    }
}

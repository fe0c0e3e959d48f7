package io.tracediff.rules;

import io.tracediff.eval.tree.Evaluator;
import io.tracediff.eval.Matrix;
import io.tracediff.shape.Sizes;
import io.tracediff.algebra.Alg;
import io.tracediff.eval.tree.RandomPoints;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.Op;
import io.tracediff.expr.Var;
import io.tracediff.expr.VarKind;
import io.tracediff.kernel.CentralDifference;
import io.tracediff.ops.ElementFn;
import io.tracediff.ops.Functions;
import io.tracediff.ops.MatrixPow;
import io.tracediff.ops.Operators;
import io.tracediff.ops.ScalarFunction;
import io.tracediff.shape.DimUnifier;
import io.tracediff.shape.Dim;
import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;
import io.tracediff.shape.ShapeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Checks rules numerically, so a wrong line in a rule file is caught and named. Pattern variables get
 * the most general shapes the rule allows (dimensions unified as the operators' own shape rules
 * demand), then random sizes 2–4 and random well-conditioned values: entries in (0.2, 0.8), square
 * matrices with a dominant diagonal, exponents of a matrix power 2 or 3. Since a pattern variable
 * may also match a scalar (where + and * broadcast) or a column (where diag builds a matrix), each is
 * then given such a form in turn and that case checked too, when the engine would really apply the
 * rule there (see {@link #used}).
 * <ul>
 * <li>{@code d(P) = R}: the directional derivative of P along random directions (central differences)
 * against R with every {@code d(Q)} replaced by the same difference of Q, for every elementwise
 * function that has a derivative when the rule uses {@code ?f};</li>
 * <li>trace identities and simplifications: both sides evaluated at the same point;</li>
 * <li>{@code f'(x) = R}: R against the central difference of f, at points of both signs where f is defined.</li>
 * </ul>
 */
public final class RuleChecker {
    /** Relative tolerance of a comparison; central differences are good to about 1e-9 at these sizes. */
    public static final double TOLERANCE = 1e-5;
    private static final double STEP = 1e-6;

    /** The outcome for one rule: how many comparisons were made and what failed (each line names the rule). */
    public record Report(Rule rule, int checks, List<String> failures) {
        public boolean ok() { return failures.isEmpty(); }

        /** The failure where the two sides have different shapes (d(tr(A)) = d(A)): no reading makes such a rule hold; else null. */
        public String shapeMismatch() {
            for (String f : failures) if (f.contains(" the left side is ") && f.contains(" but the right side is ")) return f;
            return null;
        }

        public String message() {
            return ok() ? rule + ": " + checks + " checks passed" : String.join("\n", failures);
        }
    }

    /**
     * The shapes a rule's pattern variables are checked at, with symbolic dimensions (equal names are
     * dimensions the rule forces equal), and the scalars that are exponents of a matrix power.
     */
    public record Typing(Map<String, Shape> shapes, Set<String> exponents) {}

    /** Random points per case, each from a fixed seed (the rule's name and the trial number). */
    private static final int TRIALS = 3;

    private final RuleSet rules;
    private final Functions functions;

    /** {@code rules} supplies the derivatives ?f' and which rules come first; {@code functions} the values of f. */
    public RuleChecker(RuleSet rules, Functions functions) {
        this.rules = rules;
        this.functions = functions;
    }

    /** How {@link #check} types a (non-derivative) rule; a {@link ShapeException} when its sides cannot be typed. */
    public Typing typing(Rule rule) {
        Shapes s = new Shapes(null, null);
        s.infer(rule);
        Map<String, Shape> out = new LinkedHashMap<>();
        s.vars.forEach((name, shape) -> out.put(name, s.dims.resolve(shape)));
        return new Typing(out, Set.copyOf(s.exponents));
    }

    public Report check(Rule rule) {
        List<String> failures = new ArrayList<>();
        int checks = 0;
        if (rule.kind() == Rule.Kind.DERIVATIVE) {
            for (int t = 0; t < TRIALS; t++, checks++) {
                String f = checkDerivative(rule, seed(rule, t));
                if (f != null) { failures.add(header(rule, "trial " + t) + f); break; }
            }
            return new Report(rule, checks, failures);
        }
        Shapes general = new Shapes(null, null);
        try {
            general.infer(rule);
        } catch (ShapeException | IllegalStateException e) {
            failures.add(header(rule, null) + "its sides do not typecheck: " + e.getMessage());
            return new Report(rule, checks, failures);
        }
        List<ScalarFunction> fns = usesFunctionVariable(rule.lhs()) || usesFunctionVariable(rule.rhs()) ? differentiableFunctions() : nullList();
        if (fns.isEmpty()) {
            failures.add(header(rule, null) + "?f has nothing to stand for: no elementwise function has a derivative rule");
            return new Report(rule, checks, failures);
        }
        checks += run(rule, general, null, fns, failures);
        // A pattern variable may also match a scalar (where + and * broadcast) or a column (where diag builds
        // a matrix): check each such case the engine meets.
        for (String name : general.vars.keySet()) {
            Pattern.Var v = new Pattern.Var(name);
            if (v.scalarOnly() || general.exponents.contains(name)) continue;
            for (Form form : v.vectorOrScalar() ? List.of(Form.SCALAR) : List.of(Form.SCALAR, Form.COLUMN)) {
                if (!failures.isEmpty()) break;
                Shapes special = new Shapes(name, form);
                try {
                    special.inferLeft(rule);
                } catch (ShapeException | IllegalStateException e) {
                    continue; // the left side cannot match such an operand there
                }
                String variant = "?" + name + " a " + form.word;
                try {
                    special.inferRight(rule);
                } catch (ShapeException | IllegalStateException e) {
                    // A simplification that does not build is not applied; any other rule would be, and fail.
                    if (!simplification(rule) && used(rule, special, fns.get(0)))
                        failures.add(header(rule, variant) + "the left side matches but the right side does not typecheck: " + e.getMessage());
                    continue;
                }
                checks += run(rule, special, variant, fns, failures);
            }
        }
        if (failures.isEmpty() && checks == 0 && !rule.conditions().isEmpty())
            failures.add(header(rule, null) + "its condition holds at none of the checker's points, so it is never checked");
        return new Report(rule, checks, failures);
    }

    /** Special forms a pattern variable is also checked in. */
    private enum Form {
        SCALAR("scalar"), COLUMN("column");

        final String word;

        Form(String word) { this.word = word; }
    }

    private static boolean simplification(Rule r) {
        return r.kind() == Rule.Kind.SIMPLIFY || r.kind() == Rule.Kind.SIMPLIFY_IF_SMALLER || r.kind() == Rule.Kind.EQUIVALENCE;
    }

    /** Signals a case the engine never rewrites with this rule (a strict simplification refusing to build). */
    private static final class NotApplied extends RuntimeException {
        NotApplied(String why) { super(why, null, false, false); }
    }

    /** Trials of one shape assignment for every ?f; the number of comparisons made (0 for a case the engine never meets). */
    private int run(Rule rule, Shapes shapes, String variant, List<ScalarFunction> fns, List<String> failures) {
        int checks = 0;
        for (ScalarFunction fn : fns) {
            for (int t = 0; t < TRIALS; t++) {
                String where = (variant == null ? "" : variant + ", ") + "trial " + t + (fn == null ? "" : ", ?f = " + fn.name());
                String f;
                try {
                    Point at = shapes.point(new Random(seed(rule, t)), t);
                    // A conditioned rule is checked only where its condition holds, as the engine applies it.
                    if (!rule.admits(new PatternBindings(at.bound, fn))) return checks;
                    if (variant != null && !used(rule, at, fn)) return checks;
                    f = checkIdentity(rule, at, fn);
                } catch (NotApplied e) {
                    if (variant != null) return checks;
                    f = "the simplifier would never apply it: the right side " + e.getMessage();
                } catch (RuntimeException e) { // ShapeException, UserError (singular), unknown operator: all the rule's fault
                    f = "cannot be evaluated: " + e.getMessage();
                }
                checks++;
                if (f != null) { failures.add(header(rule, where) + f); return checks; }
            }
        }
        return checks;
    }

    private boolean used(Rule rule, Shapes shapes, ScalarFunction fn) {
        try {
            return used(rule, shapes.point(new Random(seed(rule, 0)), 0), fn);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether the engine would apply this rule to its left side built at this point. Expressions are built
     * canonically (scalars to the left, …), so some bindings never reach a pattern; and where the engine
     * takes the first matching rule (differentials, trace moves, "->" simplifications), an earlier rule of
     * the same kind may handle the case (trace-add-scalar before trace-add).
     */
    private boolean used(Rule rule, Point at, ScalarFunction fn) {
        List<Expr> parts = leftParts(rule, new PatternBindings(at.bound, fn));
        boolean matches = false;
        for (PatternBindings b : RuleSet.matches(rule, parts)) matches |= b.vars().equals(at.bound);
        if (!matches || rule.kind() == Rule.Kind.SIMPLIFY_IF_SMALLER || rule.kind() == Rule.Kind.EQUIVALENCE) return matches;
        // The engine's own choice among the rules of this kind, with the acceptance it applies to each.
        Rule first = rules.firstApplicable(rule.kind(), parts, (earlier, found) -> {
            if (earlier.name().equals(rule.name())) return earlier;
            for (PatternBindings b : found) {
                if (rule.kind() == Rule.Kind.TRACE && !covers(earlier, b, rule, at.bound)) continue;
                if (rule.kind() == Rule.Kind.SIMPLIFY && (!earlier.admits(b) || !builds(earlier, b))) continue;
                return earlier;
            }
            return null;
        });
        return first == null || first.name().equals(rule.name()); // null: a rule checked on its own, not one of this set
    }

    /** The left side as the engine sees it: the parts {@link RuleSet#matchedParts} names, built at these bindings. */
    private List<Expr> leftParts(Rule rule, PatternBindings b) {
        PatternBuilder lb = new PatternBuilder(new Context(e -> { throw new IllegalStateException("d(…) inside the pattern of a rule"); }));
        List<Expr> out = new ArrayList<>();
        for (Pattern p : RuleSet.matchedParts(rule)) out.add(lb.build(p, b));
        return out;
    }

    /** Whether every operand that carries dX for {@code rule} is inside an operand that carries it for {@code earlier}. */
    private static boolean covers(Rule earlier, PatternBindings eb, Rule rule, Map<String, Expr> bound) {
        List<Expr> theirs = new ArrayList<>();
        for (String z : zVariables(earlier)) theirs.add(eb.get(z));
        for (String z : zVariables(rule)) {
            Expr mine = bound.get(z);
            if (theirs.stream().noneMatch(t -> contains(t, mine))) return false;
        }
        return true;
    }

    private static List<String> zVariables(Rule r) {
        List<String> out = new ArrayList<>();
        for (Pattern term : RuleFileParser.terms(r.rhs()))
            out.add(((Pattern.Var) RuleFileParser.moverTerm(term).args().get(1)).name());
        return out;
    }

    private static boolean contains(Expr outer, Expr inner) {
        if (outer == null) return false;
        if (outer.equals(inner)) return true;
        for (Expr a : outer.args()) if (contains(a, inner)) return true;
        return false;
    }

    private boolean builds(Rule r, PatternBindings b) {
        try {
            new PatternBuilder(new Context(e -> { throw new IllegalStateException(); }), true).build(r.rhs(), b);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static List<ScalarFunction> nullList() {
        List<ScalarFunction> l = new ArrayList<>();
        l.add(null);
        return l;
    }

    private static String header(Rule rule, String where) {
        return "rule " + rule.name() + " (" + rule.where() + ") `" + rule.text() + "`" + (where == null ? "" : " [" + where + "]") + ": ";
    }

    private static long seed(Rule rule, int trial) { return 1_000_003L * rule.name().hashCode() + 7919L * trial + 17; }

    /** Functions ?f ranges over: those with both a value and a derivative rule, in rule-file order. */
    private List<ScalarFunction> differentiableFunctions() {
        List<ScalarFunction> out = new ArrayList<>();
        for (Rule r : rules.of(Rule.Kind.DERIVATIVE))
            functions.get(((Pattern.Call) r.lhs()).name()).ifPresent(out::add);
        return out;
    }

    private static boolean usesFunctionVariable(Pattern p) {
        if (p instanceof Pattern.Call c) return c.name().startsWith("?f") || c.args().stream().anyMatch(RuleChecker::usesFunctionVariable);
        if (p instanceof Pattern.App a) return a.args().stream().anyMatch(RuleChecker::usesFunctionVariable);
        return false;
    }

    // ---- d(P) = R, trace identities, simplifications ------------------------------------------------------

    /** One comparison at a random point; null when the sides agree, else what differs. */
    private String checkIdentity(Rule rule, Point at, ScalarFunction fn) {
        PatternBindings b = new PatternBindings(at.bound, fn);
        boolean differential = rule.kind() == Rule.Kind.DIFFERENTIAL;
        Pattern lhs = differential ? ((Pattern.Call) rule.lhs()).args().get(0) : rule.lhs();
        Map<String, Matrix> extra = new LinkedHashMap<>();
        PatternBuilder lhsBuilder = new PatternBuilder(new Context(e -> { throw new IllegalStateException("d(…) inside the pattern of a rule"); }));
        // Simplifications are built as the simplifier builds them: strictly, never creating a new broadcast.
        PatternBuilder rhsBuilder = new PatternBuilder(new Context(q -> {
            if (!differential) throw new IllegalStateException("d(…) in a rule that is not a differential");
            if (q instanceof Var) return Alg.d(q);
            Var v = variable("δ" + extra.size(), q.shape());
            extra.put(v.name(), at.derivative(q));
            return v;
        }), simplification(rule));
        Expr l = lhsBuilder.build(lhs, b), r;
        try {
            r = rhsBuilder.build(rule.rhs(), b);
        } catch (PatternBuilder.Rejected | ShapeException e) {
            if (simplification(rule)) throw new NotApplied(e.getMessage());
            throw e;
        }
        Matrix left = differential ? at.derivative(l) : at.value(l, Map.of());
        Matrix right = at.value(r, extra);
        return compare(left, right, at.describe());
    }

    private static String compare(Matrix left, Matrix right, String point) {
        String sides = "; left side " + show(left) + ", right side " + show(right);
        if (left.rows != right.rows || left.cols != right.cols)
            return "at " + point + " the left side is " + left.shapeString() + " but the right side is " + right.shapeString() + sides;
        for (int i = 0; i < left.data.length; i++)
            if (!Double.isFinite(left.data[i]) || !Double.isFinite(right.data[i]))
                return "at " + point + " a value is not finite" + sides;
        double diff = left.maxAbsDiff(right), scale = Math.max(1e-3, Math.max(left.maxAbs(), right.maxAbs()));
        if (diff <= TOLERANCE * scale) return null;
        return String.format(Locale.ROOT, "at %s the sides differ by %.3g (tolerance %.0e relative)%s", point, diff, TOLERANCE, sides);
    }

    private static String show(Matrix m) {
        StringBuilder s = new StringBuilder(m.shapeString()).append(' ');
        if (m.isScalar()) return s.append(num(m.data[0])).toString();
        s.append('[');
        for (int i = 0; i < m.rows; i++) {
            if (i > 0) s.append("; ");
            for (int j = 0; j < m.cols; j++) s.append(j > 0 ? " " : "").append(num(m.get(i, j)));
        }
        return s.append(']').toString();
    }

    private static String num(double x) { return String.format(Locale.ROOT, "%.6g", x); }

    /** Values (and directions) for the variables of one trial. */
    private static final class Point {
        final Map<String, Expr> bound = new LinkedHashMap<>();
        final Map<String, Matrix> values = new LinkedHashMap<>();
        final Map<String, Matrix> directions = new LinkedHashMap<>();
        final Map<String, String> described = new LinkedHashMap<>();

        Matrix value(Expr e, Map<String, Matrix> extra) {
            Map<String, Matrix> v = values;
            if (!extra.isEmpty()) { v = new HashMap<>(values); v.putAll(extra); }
            return new Evaluator(v, directions, Sizes.FIXED_ONLY).value(e);
        }

        /** The derivative of e along the directions, by central differences with every variable moved. */
        Matrix derivative(Expr e) {
            double scale = 1;
            for (Matrix m : values.values()) scale = Math.max(scale, m.maxAbs());
            double h = STEP * scale;
            double[] d = CentralDifference.slopes(t -> new Evaluator(moved(t), Map.of(), Sizes.FIXED_ONLY).value(e).data, h);
            return new Matrix(Sizes.FIXED_ONLY.size(e.shape().rows()), Sizes.FIXED_ONLY.size(e.shape().cols()), d);
        }

        private Map<String, Matrix> moved(double h) {
            Map<String, Matrix> out = new HashMap<>();
            values.forEach((name, m) -> {
                Matrix dir = directions.get(name), x = new Matrix(m.rows, m.cols, m.data.clone());
                for (int i = 0; i < x.data.length; i++) x.data[i] += h * dir.data[i];
                out.put(name, x);
            });
            return out;
        }

        String describe() { return String.join(", ", described.values()); }
    }

    private static Var variable(String name, Shape s) {
        VarKind kind = s.isScalar() ? VarKind.SCALAR : s.cols().isOne() ? VarKind.VECTOR : VarKind.MATRIX;
        return new Var(name, s, kind);
    }

    /** Builds sides with the rules' own elementwise derivatives; {@code d} says what d(Q) becomes. */
    private final class Context implements PatternBuilder.Context {
        private final java.util.function.Function<Expr, Expr> d;

        Context(java.util.function.Function<Expr, Expr> d) { this.d = d; }

        @Override public Expr differential(Expr e) { return d.apply(e); }

        @Override public Expr derivative(ScalarFunction f, Expr arg) {
            Rule r = rules.derivative(f.name());
            if (r == null) throw new IllegalStateException("no derivative rule for " + f.name());
            return new PatternBuilder(this).build(r.rhs(), PatternBindings.empty().with("x", arg));
        }

        @Override public ScalarFunction function(String name) { return functions.get(name).orElse(null); }
    }

    /**
     * The most general shapes of a rule's pattern variables: each gets fresh dimensions, unified as the
     * operators' shape rules demand across both sides (as the typer does for expressions).
     */
    private final class Shapes {
        private final DimUnifier dims = new DimUnifier();
        private final Map<String, Shape> vars = new LinkedHashMap<>();
        /** Scalars in the exponent of a matrix power: they must be small whole numbers. */
        private final Set<String> exponents = new LinkedHashSet<>();

        /** A pattern variable given a special form, or null for the most general shapes. */
        private final String special;
        private final Form form;
        private Shape left;

        Shapes(String special, Form form) {
            this.special = special;
            this.form = form;
        }

        void infer(Rule rule) {
            inferLeft(rule);
            inferRight(rule);
        }

        /** Conditions on sizes hold by construction: equal sizes unified, a square operand square. */
        private void assume(Rule rule) {
            conditioned = rule.conditions();
            for (Condition c : rule.conditions()) for (String v : c.variables()) of(new Pattern.Var(v));
            for (Condition c : rule.conditions()) {
                if (c instanceof Condition.SameSize s && s.equal()) dims.union(size(s.left()), size(s.right()));
                if (c instanceof Condition.Property p && !p.negated() && (p.name().equals("square") || p.name().equals("symmetric"))) {
                    Shape sh = vars.get(p.variable());
                    if (sh != null) dims.union(sh.rows(), sh.cols());
                }
            }
        }

        private Dim size(Condition.Size s) {
            if (s.variable() == null) return Dim.of(s.number());
            Shape sh = vars.get(s.variable());
            return sh == null ? Dim.ONE : s.of().equals("rows") ? sh.rows() : sh.cols();
        }

        private boolean has(String property, String name) {
            for (Condition c : conditioned)
                if (c instanceof Condition.Property p && !p.negated() && p.name().equals(property) && p.variable().equals(name)) return true;
            return false;
        }

        private List<Condition> conditioned = List.of();

        void inferLeft(Rule rule) {
            assume(rule);
            Shape l = left = of(rule.lhs());
            if (rule.kind() == Rule.Kind.TRACE) {
                // The engine's invariant: in tr(?L * M), L is cols(M)×rows(M).
                Pattern.App prod = (Pattern.App) ((Pattern.App) rule.lhs()).args().get(0);
                Shape sl = of(prod.args().get(0)), m = of(prod.args().get(1));
                if (!dims.union(sl.rows(), m.cols()) || !dims.union(sl.cols(), m.rows()))
                    throw new ShapeException("?L cannot be cols(M)×rows(M) for M = " + prod.args().get(1));
            }
        }

        void inferRight(Rule rule) {
            Shape l = left, r = of(rule.rhs());
            if (!isScalar(l) && !isScalar(r) && (!dims.union(l.rows(), r.rows()) || !dims.union(l.cols(), r.cols())))
                throw new ShapeException("the left side is " + dims.resolve(l) + " but the right side is " + dims.resolve(r));
        }

        private boolean isScalar(Shape s) { return dims.find(s.rows()).isOne() && dims.find(s.cols()).isOne(); }

        private Shape fresh(String name) {
            Pattern.Var v = new Pattern.Var(name);
            // A condition scalar(?A) or vector(?A) gives ?A that form in every case checked.
            if (v.scalarOnly() || name.equals(special) && form == Form.SCALAR || has("scalar", name)) return Shape.SCALAR;
            if (v.vectorOrScalar() || name.equals(special) && form == Form.COLUMN || has("vector", name)) return Shape.vector(dims.fresh("n_" + name, true));
            return Shape.of(dims.fresh("m_" + name, true), dims.fresh("n_" + name, true));
        }

        Shape of(Pattern p) {
            if (p instanceof Pattern.Var v) return vars.computeIfAbsent(v.name(), this::fresh);
            if (p instanceof Pattern.Num) return Shape.SCALAR;
            if (p instanceof Pattern.Call c) {
                if (c.name().equals("d") || c.name().startsWith("?f")) return of(c.args().get(0));
                throw new ShapeException(c.name() + "(…) is a dimension, not a value");
            }
            Pattern.App a = (Pattern.App) p;
            Operators.Syntax.Constructor k = Operators.constructor(a.key());
            if (k != null) {
                List<Shape> values = new ArrayList<>();
                for (Pattern arg : a.args().subList(0, k.values())) values.add(of(arg));
                List<Dim> ds = new ArrayList<>();
                for (Pattern arg : a.args().subList(k.values(), a.args().size())) ds.add(dim(arg));
                Op op = ds.size() < k.minDims() || ds.size() > k.maxDims() ? null : Operators.construct(a.key(), ds);
                if (op == null) throw new ShapeException(a.key() + " cannot take the dimensions " + ds);
                return op.shape(args(values, p));
            }
            List<Shape> shapes = new ArrayList<>();
            for (Pattern arg : a.args()) shapes.add(of(arg));
            Op op = Operators.resolve(a.key(), shapes, dims::find);
            if (op == null) op = functions.get(a.key()).map(f -> (Op) new ElementFn(f))
                    .orElseThrow(() -> new ShapeException("unknown operator '" + a.key() + "'"));
            if (op == MatrixPow.OP) exponents.addAll(a.args().get(1).variables());
            if (op == io.tracediff.ops.PowerSum.OP) exponents.addAll(a.args().get(2).variables());
            return op.shape(args(shapes, p));
        }

        private Dim dim(Pattern p) {
            if (p instanceof Pattern.Num n) return Dim.of((int) n.value());
            if (p instanceof Pattern.Call c && (c.name().equals("rows") || c.name().equals("cols"))) {
                Shape s = of(c.args().get(0));
                return dims.find(c.name().equals("rows") ? s.rows() : s.cols());
            }
            throw new ShapeException("a dimension in a rule is a number, rows(…) or cols(…)");
        }

        private ShapeArgs args(List<Shape> shapes, Pattern at) {
            return new ShapeArgs() {
                @Override public int size() { return shapes.size(); }
                @Override public Shape shape(int i) { return shapes.get(i); }
                @Override public String label(int i) { return "operand " + (i + 1); }
                @Override public String text() { return at.toString(); }
                @Override public boolean equal(Dim a, Dim b) { return dims.union(a, b); }
                @Override public Dim resolve(Dim d) { return dims.find(d); }
            };
        }

        /**
         * Concrete variables, values and directions from {@link RandomPoints}: distinct sizes ≥ 2 in every trial, in
         * another order each trial (a size taken as 1, 𝟏ᵀ𝟏 = N dropped, or two confused dimensions show), and values
         * from each variable's domain.
         */
        Point point(Random rnd, int trial) {
            java.util.Set<Dim> named = new java.util.LinkedHashSet<>();
            for (var e : vars.entrySet())
                if (!numeric(e.getKey(), e.getValue())) {
                    RandomPoints.named(dims.find(e.getValue().rows()), named);
                    RandomPoints.named(dims.find(e.getValue().cols()), named);
                }
            RandomPoints draw = new RandomPoints(rnd, RandomPoints.distinctSizes(new ArrayList<>(named), trial, rnd));
            Point p = new Point();
            for (var e : vars.entrySet()) {
                String name = e.getKey();
                if (exponents.contains(name)) {
                    int k = 2 + (trial + rnd.nextInt(2)) % 2;
                    p.bound.put(name, new Num(k));
                    p.described.put(name, "?" + name + " = " + k);
                    continue;
                }
                if (numeric(name, e.getValue())) {
                    double k = has("integer", name) ? 1 + rnd.nextInt(3) : Math.round((0.2 + 0.6 * rnd.nextDouble()) * 100) / 100.0;
                    if (has("negative", name)) k = -k;
                    p.bound.put(name, new Num(k));
                    p.described.put(name, "?" + name + " = " + k);
                    continue;
                }
                int m = draw.size(dims.find(e.getValue().rows())), n = draw.size(dims.find(e.getValue().cols()));
                Var v = variable(name, Shape.of(Dim.of(m), Dim.of(n)));
                if (has("symmetric", name) && m == n) v = new Var(name, v.shape(), VarKind.SYMMETRIC);
                else if (has("positive", name)) v = new Var(name, v.shape(), VarKind.POSITIVE);
                p.bound.put(name, v);
                p.values.put(name, draw.value(v));
                p.directions.put(name, draw.direction(v));
                p.described.put(name, "?" + name + " " + m + "×" + n);
            }
            return p;
        }

        /** A pattern variable bound to a number, not a matrix: an exponent, or a scalar declared a number. */
        private boolean numeric(String name, Shape shape) {
            return exponents.contains(name) || (has("number", name) || has("negative", name) || has("integer", name)) && isScalar(shape);
        }
    }

    // ---- f'(x) = R ------------------------------------------------------------------------------------------

    private String checkDerivative(Rule rule, long seed) {
        String name = ((Pattern.Call) rule.lhs()).name();
        ScalarFunction f = functions.get(name).orElse(null);
        if (f == null) return "there is no elementwise function '" + name + "' to check it against";
        Random rnd = new Random(seed);
        int n = 6;
        Matrix x = new Matrix(n, 1), fd = new Matrix(n, 1);
        for (int i = 0; i < n; i++) {
            double mag = 0.2 + 0.6 * rnd.nextDouble(), xi = rnd.nextBoolean() ? mag : -mag;
            if (!Double.isFinite(slope(f, xi))) xi = mag; // outside the domain (log, sqrt of a negative)
            x.data[i] = xi;
            fd.data[i] = slope(f, xi);
        }
        Var xv = new Var("x", Shape.vector(Dim.of(n)), VarKind.VECTOR);
        try {
            Expr r = new PatternBuilder(new Context(e -> { throw new IllegalStateException("d(…) in a derivative rule"); }))
                    .build(rule.rhs(), PatternBindings.empty().with("x", xv));
            Matrix right = new Evaluator(Map.of("x", x), Map.of(), Sizes.FIXED_ONLY).value(r);
            if (right.isScalar()) right = Matrix.filled(n, 1, right.data[0]); // a constant derivative, broadcast as the engine does
            return compare(fd, right, "x = " + show(x) + " (left: central difference of " + name + ")");
        } catch (RuntimeException e) {
            return "cannot be evaluated: " + e.getMessage();
        }
    }

    private static double slope(ScalarFunction f, double x) { return CentralDifference.derivative(f::apply, x, STEP); }
}

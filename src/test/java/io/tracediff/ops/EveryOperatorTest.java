package io.tracediff.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.api.Problem;
import io.tracediff.check.AutogradBridge;
import io.tracediff.check.CrossCheck;
import io.tracediff.check.FiniteDifferences;
import io.tracediff.eval.tree.RandomPoints;
import io.tracediff.diff.Gradients;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.Op;
import io.tracediff.expr.Var;
import io.tracediff.expr.VarKind;
import io.tracediff.parse.Declarations;
import io.tracediff.print.Printer;
import io.tracediff.rules.RuleSet;
import io.tracediff.shape.Dim;
import io.tracediff.shape.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every operator in the registry, none hand-picked: for each it finds operands of distinct sizes ≥ 3 that the
 * operator accepts, then checks that the ASCII form parses back to the same tree, that generated Java computes what
 * the interpreter does, and that the closed-form gradient, reverse mode and central differences agree. An operator it cannot exercise fails the test by name,
 * unless {@link #EXEMPT} says why.
 */
class EveryOperatorTest {

    /** What the enumerator skips, per name: "round trip" or "closed form" or "all", with the reason. */
    static final Map<String, String> EXEMPT = Map.of(
            "d/all", "the differential dX exists only inside derivations (DifferentiatorTest)",
            "kron/round trip", "not in the input language: derivations produce it, ASCII prints kron(A, B) for reading",
            "kron/closed form", "no differential rule: Kronecker products appear in Jacobians, built by the vec rules (JacobiansTest)",
            "powsum/round trip", "not in the input language: d(X^k) produces it past the expansion limit",
            "powsum/closed form", "no differential rule: it stands for d(X^k) itself (MatrixPowerTest)",
            "commutation/round trip", "not in the input language: the vec rules produce it");

    private static final Dim M = Dim.sym("m"), N = Dim.sym("n"), P = Dim.sym("p");

    /** Operand candidates, tried in order: general matrices first, so a shape mistake shows as a mismatch of m, n and p. */
    private static List<List<Expr>> operands(int arity) {
        Expr x = matrix("X", M, N), y = matrix("Y", M, N), z = matrix("Z", N, P), s = matrix("S", N, N), t = matrix("T", N, N);
        Expr u = vector("u", N), v = vector("v", N), a = scalar("a"), b = scalar("b"), three = new Num(3);
        return switch (arity) {
            case 1 -> List.of(List.of(x), List.of(s), List.of(u), List.of(a));
            case 2 -> List.of(List.of(x, y), List.of(x, z), List.of(s, three), List.of(a, b), List.of(x, a), List.of(a, x), List.of(u, v), List.of(s, t));
            case 3 -> List.of(List.of(s, t, three), List.of(x, y, z));
            default -> List.of();
        };
    }

    private static List<List<Dim>> dimensions(Operators.Syntax.Constructor c) {
        List<List<Dim>> out = new ArrayList<>();
        for (List<Dim> ds : List.of(List.of(Dim.of(3), Dim.of(4)), List.of(Dim.of(3)), List.of(N), List.of(M, N)))
            if (ds.size() >= c.minDims() && ds.size() <= c.maxDims()) out.add(ds);
        return out;
    }

    private static Var matrix(String name, Dim r, Dim c) { return new Var(name, Shape.of(r, c), VarKind.MATRIX); }

    private static Var vector(String name, Dim n) { return new Var(name, Shape.vector(n), VarKind.VECTOR); }

    private static Var scalar(String name) { return new Var(name, Shape.SCALAR, VarKind.SCALAR); }

    /** Candidate applications of an entry, each with the operator it resolved to. */
    private static List<Expr> candidates(Operators.Entry e) {
        List<Expr> out = new ArrayList<>();
        if (e.syntax() instanceof Operators.Syntax.Constructor c) {
            List<Expr> values = c.values() == 0 ? List.of() : List.of(vector("w", Dim.of(12)));
            for (List<Dim> ds : dimensions(c)) {
                Op op = e.resolve(List.of(), ds, d -> d);
                if (op != null) tryApply(op, values, out);
            }
            return out;
        }
        for (int arity = 1; arity <= 3; arity++)
            for (List<Expr> args : operands(arity)) {
                List<Shape> shapes = args.stream().map(Expr::shape).toList();
                Op op;
                try {
                    op = e.resolve(shapes);
                } catch (RuntimeException wrongArity) {
                    continue;
                }
                if (op != null && (op.arity() < 0 || op.arity() == arity)) tryApply(op, args, out);
            }
        return out;
    }

    private static void tryApply(Op op, List<Expr> args, List<Expr> out) {
        try {
            out.add(Apply.of(op, args));
        } catch (RuntimeException shapeRefused) { // io.tracediff.shape.ShapeException: these operands do not fit
        }
    }

    /** A scalar that reads every entry with a different weight: sum(W .* E), or sum(E .* E) where W cannot be declared. */
    private static Expr scalarize(Expr e) {
        Shape s = e.shape();
        boolean declarable = s.rows() instanceof Dim.Sym || s.rows() instanceof Dim.Fixed || s.rows().isOne();
        declarable &= s.cols() instanceof Dim.Sym || s.cols() instanceof Dim.Fixed || s.cols().isOne();
        Expr w = !declarable ? e : s.isScalar() ? scalar("c") : s.cols().isOne() ? vector("q", s.rows()) : matrix("W", s.rows(), s.cols());
        return Apply.of(Sum.OP, Apply.of(Hadamard.OP, w, e));
    }

    private static Map<String, Var> variables(Expr root) {
        Map<String, Var> out = new LinkedHashMap<>();
        var stack = new java.util.ArrayDeque<Expr>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Expr x = stack.pop();
            if (x instanceof Var v) out.put(v.name(), v);
            x.args().forEach(stack::push);
        }
        return out;
    }

    private static String dim(Dim d) { return d instanceof Dim.Sym s ? s.name() : d.toString(); }

    /** Declarations for the variables, plus every dimension named, so a size written as a name reads back as that size. */
    private static String declarations(Map<String, Var> vars) {
        List<String> out = new ArrayList<>();
        for (Var v : vars.values()) {
            Shape s = v.shape();
            out.add(v.name() + ": " + (v.kind() == VarKind.SCALAR ? "scalar" : v.kind() == VarKind.VECTOR ? "vector(" + dim(s.rows()) + ")"
                    : "matrix(" + dim(s.rows()) + ", " + dim(s.cols()) + ")"));
        }
        out.add("dimensions_: matrix(m, n); dimension_: vector(p)");
        return String.join("; ", out);
    }

    private static boolean exempt(String name, String check) { return EXEMPT.containsKey(name + "/" + check) || EXEMPT.containsKey(name + "/all"); }

    @Test void everyRegisteredOperatorRoundTripsAndDifferentiatesThreeWays() {
        Set<String> exercised = new LinkedHashSet<>();
        List<String> failures = exercise(Operators.all(Functions.builtin()), exercised);
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
        // Each built-in operator class is reached through some name.
        Set<String> classes = new LinkedHashSet<>();
        for (String s : exercised) classes.add(s.substring(s.indexOf(' ') + 1));
        for (Class<?> c : List.of(Neg.class, Kron.class, Commutation.class, Unvec.class, Zeros.class, Eye.class, Ones.class, Size.class,
                PowerSum.class, MatrixPow.class, ElementPow.class, DiagMatrix.class, DiagVector.class, ElementFn.class))
            assertTrue(classes.contains(c.getSimpleName()), c.getSimpleName() + " was not exercised: " + exercised);
        for (String fn : List.of("abs", "sign", "arcsin", "arccos", "arctan")) assertTrue(exercised.contains(fn + " ElementFn"), fn);
    }

    /** Checks each entry; what failed, each line naming the operator. {@code exercised} gets "name Class" for each operator checked. */
    static List<String> exercise(List<Operators.Entry> entries, Set<String> exercised) {
        List<String> failures = new ArrayList<>();
        for (Operators.Entry e : entries) {
            if (exempt(e.name(), "all")) continue;
            boolean input = !(e.syntax() instanceof Operators.Syntax.Internal)
                    && !(e.syntax() instanceof Operators.Syntax.Constructor c && !c.input());
            Set<Class<?>> reached = new LinkedHashSet<>();
            for (Expr applied : candidates(e)) {
                Op op = ((Apply) applied).op();
                if (reached.contains(op.getClass())) continue;
                Expr f = scalarize(applied);
                Map<String, Var> vars = variables(f);
                Map<String, Var> sized = new LinkedHashMap<>(vars); // fixes m, n and p where only a size(·) names them
                sized.put("dimensions_", matrix("dimensions_", M, N));
                sized.put("dimension_", vector("dimension_", P));
                String text = Printer.ascii(f);
                if (input && !exempt(e.name(), "round trip")) {
                    Expr back;
                    try {
                        back = Problem.of(text, declarations(vars)).expr();
                    } catch (RuntimeException refused) {
                        continue; // the language refuses these operands (X^a with a scalar variable): try the next
                    }
                    if (!back.equals(f)) { failures.add(e.name() + ": " + text + " reads back as " + Printer.ascii(back)); reached.add(op.getClass()); continue; }
                }
                reached.add(op.getClass());
                String problem;
                try {
                    problem = differentiate(e.name(), f, sized, new ArrayList<>(vars.values()));
                } catch (RuntimeException ex) {
                    problem = ex.toString();
                }
                if (problem != null) failures.add(e.name() + " in " + text + ": " + problem);
                else exercised.add(e.name() + " " + op.getClass().getSimpleName());
            }
            for (Class<?> c : e.denotes())
                if (!reached.contains(c)) failures.add(e.name() + ": no operands found for " + c.getSimpleName() + " (exercise it, or list it in EXEMPT with the reason)");
        }
        return failures;
    }

    /** Null when closed form, reverse mode and central differences agree (reverse against differences only where exempt). */
    private static String differentiate(String name, Expr f, Map<String, Var> vars, List<Var> wrt) {
        String generated = generatedCode(f, vars);
        if (generated != null) return generated;
        if (!exempt(name, "closed form")) {
            var closed = Gradients.of(f, wrt, RuleSet.builtin(), Functions.builtin(), false).gradients();
            CrossCheck.Report r = CrossCheck.run(f, vars, wrt, closed, 2, 17, null);
            return r.agree() ? null : r.worst().toString();
        }
        Map<String, Matrix> values = new RandomPoints(17, 3).values(vars.values());
        var sizes = io.tracediff.eval.VariableValues.bind(vars, values).sizes();
        var reverse = AutogradBridge.gradients(f, values, wrt, sizes);
        for (Var v : wrt) {
            Matrix numeric = FiniteDifferences.gradient(f, vars, values, v, 1e-6);
            var c = CrossCheck.compare(v.name(), CrossCheck.REVERSE, reverse.gradients().get(v.name()), CrossCheck.NUMERIC, numeric,
                    CrossCheck.NUMERIC_ATOL, CrossCheck.NUMERIC_RTOL);
            if (!c.agree()) return c.toString();
        }
        return null;
    }

    /** Null when generated Java computes f as the interpreter does. */
    private static String generatedCode(Expr f, Map<String, Var> vars) {
        Map<String, Matrix> values = new RandomPoints(23, 3).values(vars.values());
        var compiled = io.tracediff.codegen.CompiledFunction.compile(new ArrayList<>(vars.values()), Map.of("f", f));
        double generated = compiled.evaluate(values).get("f").scalarValue();
        double interpreted = io.tracediff.eval.tree.Evaluator.eval(f, io.tracediff.eval.VariableValues.bind(vars, values)).scalarValue();
        return Math.abs(generated - interpreted) <= 1e-9 * Math.max(1, Math.abs(interpreted)) ? null
                : "generated code gives " + generated + ", the interpreter " + interpreted;
    }

    @Test void anOperatorTheEnumeratorCannotReachIsNamed() {
        // An operator whose shape rule accepts none of the candidate operands: the test above would name it.
        Op picky = new Picky();
        try (var r = Operators.register(picky, new Operators.Syntax.Function(1), "picky")) {
            List<String> failures = exercise(List.of(Operators.get("picky")), new LinkedHashSet<>());
            assertEquals(List.of("picky: no operands found for " + picky.getClass().getSimpleName() + " (exercise it, or list it in EXEMPT with the reason)"), failures);
        }
        assertEquals(null, Operators.get("picky"));
    }

    /** An operator whose shape rule accepts no operands at all. */
    private static final class Picky implements Op, io.tracediff.print.notation.NotationFacet, io.tracediff.eval.EvalFacet {
        @Override public String key() { return "picky"; }
        @Override public int arity() { return 1; }
        @Override public Shape shape(io.tracediff.shape.ShapeArgs a) { throw a.mismatch("accepts nothing"); }
        @Override public io.tracediff.print.notation.Notation notation(io.tracediff.print.notation.Format f, List<Expr> args) { return io.tracediff.print.notation.Notation.function("picky"); }
        @Override public Matrix eval(List<Matrix> args) { throw new UnsupportedOperationException(); }
    }
}

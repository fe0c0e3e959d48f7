package io.tracediff.codegen;

import io.tracediff.codegen.derive.Derivatives;
import io.tracediff.eval.tree.Evaluator;
import io.tracediff.api.Problem;
import io.tracediff.eval.Matrix;
import io.tracediff.eval.tree.RandomPoints;
import io.tracediff.eval.VariableValues;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.jacobian.HessiansTest;
import io.tracediff.jacobian.JacobiansTest;
import io.tracediff.ops.Functions;
import io.tracediff.rules.RuleSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What every code target is checked on: each problem of examples/gradients (gradient wrt every variable,
 * Hessian wrt the first), the textbook Jacobians and Hessians of the jacobian tests, and random expressions
 * from the property generator; each with a random point (distinct sizes from 3 up) and the interpreter's values there.
 */
final class GeneratedCodeCorpus {

    /** One generated unit: its inputs and named outputs, the outputs written as 2-D arrays, a point and the expected values. */
    record Item(String name, List<Var> inputs, Map<String, Expr> outputs, Set<String> matrices, Map<String, Matrix> values,
                Map<String, Matrix> expected) {}

    private GeneratedCodeCorpus() {}

    static final int RANDOM_MODULES = 70, RANDOM_OUTPUTS = 3;

    static List<Item> all() {
        List<Item> items = new ArrayList<>();
        items.addAll(examples());
        items.addAll(textbook());
        items.addAll(random());
        return items;
    }

    static Item derived(String name, Derivatives.Mode mode, Problem p, List<String> wrt, long seed) {
        return derived(name, mode, p, wrt, seed, RuleSet.builtin(), Functions.builtin());
    }

    static Item derived(String name, Derivatives.Mode mode, Problem p, List<String> wrt, long seed, RuleSet rules, Functions functions) {
        List<Var> vars = new ArrayList<>();
        for (String w : wrt) vars.add(p.variables().get(w));
        Derivatives d = Derivatives.of(mode, p.expr(), vars, "value", rules, functions);
        Set<String> matrices = new java.util.HashSet<>(d.outputs().keySet());
        matrices.remove("value");
        if (mode == Derivatives.Mode.GRADIENT) matrices.clear();
        List<Var> inputs = new ArrayList<>(p.variables().values());
        return item(name, inputs, d.outputs(), matrices, new RandomPoints(seed, 3).values(inputs));
    }

    static Item item(String name, List<Var> inputs, Map<String, Expr> outputs, Set<String> matrices, Map<String, Matrix> values) {
        Map<String, Var> byName = new LinkedHashMap<>();
        for (Var v : inputs) byName.put(v.name(), v);
        VariableValues b = VariableValues.bind(byName, values);
        Evaluator ev = new Evaluator(values, Map.of(), b.sizes());
        Map<String, Matrix> expected = new LinkedHashMap<>();
        for (var o : outputs.entrySet()) expected.put(o.getKey(), ev.value(o.getValue()));
        return new Item(name, inputs, outputs, matrices, values, expected);
    }

    private static List<Item> examples, textbook, random;

    /** Each part is derived once per test JVM (the Java and Python tests share it). */
    static synchronized List<Item> examples() {
        if (examples == null) examples = List.copyOf(deriveExamples());
        return examples;
    }

    static synchronized List<Item> textbook() {
        if (textbook == null) textbook = List.copyOf(deriveTextbook());
        return textbook;
    }

    static synchronized List<Item> random() {
        if (random == null) random = List.copyOf(deriveRandom());
        return random;
    }

    private static List<Item> deriveExamples() {
        List<Item> items = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("examples/gradients"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".problem")).sorted().toList()) {
                List<String> lets = new ArrayList<>();
                String expr = null;
                for (String line : Files.readAllLines(f)) {
                    String s = line.replaceAll("#.*", "").trim();
                    if (s.startsWith("f =")) expr = s.substring(3).trim();
                    else if (!s.isEmpty()) lets.add(s);
                }
                Problem p = Problem.of(expr, lets);
                String name = f.getFileName().toString().replace(".problem", "");
                List<String> vars = new ArrayList<>(p.variables().keySet());
                items.add(derived(name + " gradient", Derivatives.Mode.GRADIENT, p, vars, 11));
                items.add(derived(name + " hessian", Derivatives.Mode.HESSIAN, p, vars.subList(0, 1), 12));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return items;
    }

    private static List<Item> deriveTextbook() {
        List<Item> items = new ArrayList<>();
        for (JacobiansTest.Case c : JacobiansTest.cases())
            items.add(derived("jacobian of " + c.name(), Derivatives.Mode.JACOBIAN, Problem.of(c.expr(), List.of(c.lets())), List.of(c.wrt()), 21));
        for (HessiansTest.Case c : HessiansTest.cases())
            items.add(derived("hessian of " + c.name(), Derivatives.Mode.HESSIAN, Problem.of(c.expr(), List.of(c.lets())), c.wrt(), 22));
        // sizes as numbers read from the inputs' shapes (𝟏ᵀ𝟏 = N, sum(x)/n), and the functions papers use
        Problem batch = Problem.of("sum(X - mu*ones(N)') + sum(mu)/n", List.of("X: matrix(n, N); mu: vector(n)"));
        items.add(derived("sizes, gradient", Derivatives.Mode.GRADIENT, batch, List.of("mu", "X"), 25));
        Problem centred = Problem.of("0.5*norm2(X - mu*ones(N)')^2", List.of("X: matrix(n, N); mu: vector(n)"));
        items.add(derived("sizes, hessian", Derivatives.Mode.HESSIAN, centred, List.of("mu"), 26));
        Problem hyper = Problem.of("sum(sinh(x) + cosh(x) + log1p(exp(x)) + expm1(x))", List.of("x: vector(n)"));
        items.add(derived("sinh cosh log1p expm1, gradient", Derivatives.Mode.GRADIENT, hyper, List.of("x"), 27));
        Problem erf = Problem.of("a'*erf(X*b) + sum(erf(3*x))", List.of("X: matrix(m, n); a: vector(m); b: vector(n); x: vector(m)"));
        items.add(derived("erf, gradient", Derivatives.Mode.GRADIENT, erf, List.of("X", "x"), 28));
        Problem softmax = Problem.of("-y'*log(softmax(W*x)) + a'*softmax(X)*b + logsumexp(X) + logsumexp(W*x)",
                List.of("W: matrix(m, n); x: vector(n); y: vector(m); X: matrix(m, p); a: vector(m); b: vector(p)"));
        items.add(derived("softmax logsumexp, gradient", Derivatives.Mode.GRADIENT, softmax, List.of("W", "X"), 29));
        items.add(derived("softmax, jacobian", Derivatives.Mode.JACOBIAN, Problem.of("softmax(W*x)", List.of("W: matrix(m, n); x: vector(n)")), List.of("x"), 30));
        Problem extremes = Problem.of("max(X*b) + min(x) + max(x)*min(X)", List.of("X: matrix(m, n); b: vector(n); x: vector(m)"));
        items.add(derived("max min, gradient", Derivatives.Mode.GRADIENT, extremes, List.of("X", "x"), 32));
        // a matrix power past the expanded ones: its differential is powsum(X, dX, k), a helper in every target
        Problem power = Problem.of("tr(X^12*A) + a'*X^9*b", List.of("X: matrix(n); A: matrix(n); a: vector(n); b: vector(n)"));
        items.add(derived("matrix powers 9 and 12, gradient", Derivatives.Mode.GRADIENT, power, List.of("X"), 33));
        items.add(derived("logsumexp, hessian", Derivatives.Mode.HESSIAN, Problem.of("logsumexp(x) + logsumexp(c*x)", List.of("x: vector(n); c: scalar")), List.of("x"), 31));
        // a --fn function, whose body each target writes with its own built-ins (and which calls another --fn)
        var sq = io.tracediff.symja.UserFunctions.define("sq(u) = u^2 + sin(u)*u", Functions.builtin(), RuleSet.builtin());
        var both = io.tracediff.symja.UserFunctions.define("sqexp(u) = sq(u) - exp(-u)/2", sq.functions(), sq.rules());
        Problem user = Problem.of("sum(sqexp(A*x)) + c*sum(sq(x))", List.of("A: matrix(m, n); x: vector(n); c: scalar"), both.functions());
        items.add(derived("user functions, gradient", Derivatives.Mode.GRADIENT, user, List.of("x", "A", "c"), 23, both.rules(), both.functions()));
        items.add(derived("user functions, hessian", Derivatives.Mode.HESSIAN, user, List.of("x"), 24, both.rules(), both.functions()));
        // a template whose argument sits beside an operator (NumPy's σ is 0.5 tanh(0.5 x) + 0.5): x − y must be bracketed
        Problem logistic = Problem.of("-y'*log(sigmoid(X*w - c)) - (1 - y)'*log(1 - sigmoid(X*w - c)) + sum(sigmoid(x - 2*u))",
                List.of("X: matrix(m, n); w: vector(n); y: vector(m); c: scalar; x: vector(n); u: vector(n)"));
        items.add(derived("sigmoid of a difference, gradient", Derivatives.Mode.GRADIENT, logistic, List.of("w", "x", "c"), 34));
        items.add(derived("sigmoid of a difference, hessian", Derivatives.Mode.HESSIAN, logistic, List.of("w"), 35));
        var shifted = io.tracediff.symja.UserFunctions.define("sh(t) = sigmoid(t - 1)*t", Functions.builtin(), RuleSet.builtin());
        Problem inFn = Problem.of("sum(sh(x - u))", List.of("x: vector(n); u: vector(n)"), shifted.functions());
        items.add(derived("sigmoid of a difference in a user function, gradient", Derivatives.Mode.GRADIENT, inFn, List.of("x"), 36, shifted.rules(), shifted.functions()));
        return items;
    }

    /** Random expressions of every kind over every operator with a code form (the Java property test's generator). */
    private static List<Item> deriveRandom() {
        List<Item> items = new ArrayList<>();
        var kinds = CompiledEqualsInterpretedPropertyTest.Kind.values();
        Map<String, Integer> sizes = Map.of("n", 3, "m", 2);
        for (int i = 0; i < RANDOM_MODULES; i++) {
            long seed = 20261129L + 7919L * i;
            var g = new CompiledEqualsInterpretedPropertyTest.Gen(seed);
            Map<String, Expr> outputs = new LinkedHashMap<>();
            for (int k = 0; k < RANDOM_OUTPUTS; k++) outputs.put("out" + k, g.gen(kinds[g.r.nextInt(kinds.length)], 1 + g.r.nextInt(4)));
            List<Var> inputs = CompiledEqualsInterpretedPropertyTest.INPUTS;
            Map<String, Matrix> values = Cases.random(inputs, sizes, seed);
            Evaluator ev = new Evaluator(values, Map.of(), d -> Cases.size(d, sizes));
            Map<String, Matrix> expected = new LinkedHashMap<>();
            for (var o : outputs.entrySet()) expected.put(o.getKey(), ev.value(o.getValue()));
            items.add(new Item("random " + seed, inputs, outputs, Set.of(), values, expected));
        }
        return items;
    }

    /** Null when {@code have} equals {@code want} within a relative tolerance (entries where want is not finite are skipped); else why not. */
    static String mismatch(Matrix want, Matrix have, double tol) {
        if (have == null) return "missing";
        if (want.rows != have.rows || want.cols != have.cols) return "shape " + have.shapeString() + " instead of " + want.shapeString();
        double scale = 1;
        for (double x : want.data) if (Double.isFinite(x)) scale = Math.max(scale, Math.abs(x));
        for (int i = 0; i < want.data.length; i++) {
            double w = want.data[i], h = have.data[i];
            if (!Double.isFinite(w)) continue;
            if (!(Math.abs(w - h) <= tol * scale)) return "entry " + i + ": " + h + " instead of " + w;
        }
        return null;
    }
}

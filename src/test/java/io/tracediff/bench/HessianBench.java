package io.tracediff.bench;

import io.tracediff.api.Problem;
import io.tracediff.check.AutogradBridge;
import io.tracediff.codegen.CompiledFunction;
import io.tracediff.eval.Matrix;
import io.tracediff.shape.Sizes;
import io.tracediff.eval.VariableValues;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.jacobian.Hessians;
import io.tracediff.jacobian.StructuredEvaluator;
import io.tracediff.shape.Dim;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Full Hessians at n = 10, 100, 300: the closed form (derived once, outside the timing) evaluated by the
 * structured interpreter (diag applied as row/column scaling and a diagonal add, never built) and by the
 * compiled evaluator, against the autograd engine's Functional.hessian (n reverse passes through a graph
 * built with createGraph). Problems: quadratic x'Ax + sum(exp(x)) (A n×n, the and PyTorch's
 * case) and logistic regression sum(softplus(Xw)) − y'Xw (X 2n×n, y in {0, 1}).
 * Run: TD_BENCH_BUILD_DIR=target-jac-bench bench/run HessianBench -f 1 -wi 2 -i 3
 * At scale (bench/results/hessian.md): bench/run 'HessianBench.closedForm' -p n=300,1000,2000 -f 1 -wi 2 -i 5
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@State(Scope.Thread)
public class HessianBench {

    @Param({"10", "100", "300"})
    int n;

    @Param({"quadratic", "logistic"})
    String problem;

    Expr f, hessian;
    Map<String, Var> vars;
    List<Var> wrt;
    Map<String, Matrix> values;
    Sizes sizes;
    CompiledFunction compiled;

    @Setup
    public void setUp() {
        boolean quadratic = problem.equals("quadratic");
        String expr = quadratic ? "x'*A*x + sum(exp(x))" : "sum(softplus(X*w)) - y'*X*w";
        String lets = quadratic ? "A: matrix(n, n); x: vector(n)" : "X: matrix(m, n); w: vector(n); y: vector(m)";
        Problem typed = Problem.of(expr, lets);
        f = typed.expr();
        vars = typed.variables();
        Var v = vars.get(quadratic ? "x" : "w");
        wrt = List.of(v);
        hessian = Hessians.of(f, wrt).block(v.name(), v.name());
        Random r = new Random(1);
        values = new LinkedHashMap<>();
        int m = 2 * n;
        if (quadratic) {
            values.put("A", random(r, n, n, 1.0 / n));
            values.put("x", random(r, n, 1, 0.5));
        } else {
            values.put("X", random(r, m, n, 1.0 / Math.sqrt(n)));
            values.put("w", random(r, n, 1, 1.0));
            Matrix y = new Matrix(m, 1);
            for (int i = 0; i < m; i++) y.data[i] = r.nextBoolean() ? 1 : 0;
            values.put("y", y);
        }
        sizes = d -> d instanceof Dim.Fixed x ? x.size() : d.toString().equals("n") ? n : m;
        compiled = CompiledFunction.compile(new ArrayList<>(vars.values()), Map.of("h", hessian));
        // Autograd's n reverse passes are the reference up to n = 300 (seconds beyond); above that the two
        // evaluators of the closed form, which share no code path, must agree.
        Matrix reference = n <= 300 ? autograd() : closedFormStructured();
        double diff = compiled.evaluate(values).get("h").maxAbsDiff(reference);
        if (diff > 1e-8) throw new IllegalStateException("closed form and " + (n <= 300 ? "autograd" : "structured evaluator") + " differ by " + diff);
    }

    private static Matrix random(Random r, int rows, int cols, double scale) {
        Matrix a = new Matrix(rows, cols);
        for (int i = 0; i < a.data.length; i++) a.data[i] = scale * (2 * r.nextDouble() - 1);
        return a;
    }

    @Benchmark public Matrix closedFormStructured() { return new StructuredEvaluator(values, sizes).value(hessian); }

    @Benchmark public Matrix closedFormCompiled() { return compiled.evaluate(values).get("h"); }

    @Benchmark public Matrix autograd() { return AutogradBridge.hessian(f, values, wrt, VariableValues.bind(vars, values).sizes()); }
}

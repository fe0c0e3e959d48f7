package io.tracediff.bench;

import io.tracediff.api.Problem;
import io.tracediff.codegen.CompiledFunction;
import io.tracediff.codegen.SourceCompiler;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.kernel.Blas;
import io.tracediff.kernel.Kernels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Compiled gradients against the interpreter on the MLP loss ‖Y − W2·tanh(W1·X)‖² (wrt W1 and W2, all
 * dimensions n, batch n; batch 256 at n = 1024), and dgemm time of both BLAS backends (GFLOP/s = 2n³ / time).
 * Run: TD_BENCH_BUILD_DIR=target-cg-bench bench/run CodegenBench -f 1 -wi 3 -i 5 -w 1s -r 1s
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
public class CodegenBench {

    @State(Scope.Thread)
    public static class Gemm {
        @Param({"64", "256", "1024"})
        int n;
        @Param({"openblas", "java"})
        String backend;
        Blas blas;
        double[] a, b, c;

        @Setup(Level.Trial)
        public void setUp() {
            blas = backend.equals("java") ? Kernels.javaBlas() : Kernels.blas();
            if (!blas.name().equals(backend)) throw new IllegalStateException("backend " + backend + " unavailable: " + Kernels.backendInfo());
            Random r = new Random(1);
            a = r.doubles((long) n * n).toArray();
            b = r.doubles((long) n * n).toArray();
            c = new double[n * n];
        }
    }

    @Benchmark
    public double dgemm(Gemm s) {
        s.blas.dgemm(false, false, s.n, s.n, s.n, 1.0, s.a, 0, s.n, s.b, 0, s.n, 0.0, s.c, 0, s.n);
        return s.c[0];
    }

    /** C = A·Bᵀ, the layout of the MLP gradient's two weight products (below OpenBLAS's small-matrix limit B is transposed first). */
    @Benchmark
    public double dgemmABt(Gemm s) {
        s.blas.dgemm(false, true, s.n, s.n, s.n, 1.0, s.a, 0, s.n, s.b, 0, s.n, 0.0, s.c, 0, s.n);
        return s.c[0];
    }

    /** The MLP-gradient spec: inputs W1, W2, X, Y and outputs value, W1, W2. */
    static Map.Entry<List<Var>, Map<String, Expr>> mlpSpec() {
        String d = "W1: matrix(n, n); W2: matrix(n, n); X: matrix(n, b); Y: matrix(n, b)";
        Map<String, Expr> outputs = new LinkedHashMap<>();
        Problem value = Problem.of("norm2(Y - W2*tanh(W1*X))^2", d);
        outputs.put("value", value.expr());
        outputs.put("W1", Problem.of("-2*((W2'*(Y - W2*tanh(W1*X))) .* (1 - tanh(W1*X).^2))*X'", d).expr());
        outputs.put("W2", Problem.of("-2*(Y - W2*tanh(W1*X))*tanh(W1*X)'", d).expr());
        List<Var> inputs = new ArrayList<>();
        for (String name : List.of("W1", "W2", "X", "Y")) inputs.add(value.variables().get(name));
        return Map.entry(inputs, outputs);
    }

    @State(Scope.Thread)
    public static class Compile {
        @Param({"janino", "javac"})
        String compiler;
        Map.Entry<List<Var>, Map<String, Expr>> spec;

        @Setup(Level.Trial)
        public void setUp() { spec = mlpSpec(); }
    }

    /**
     * Generate + compile + load the MLP gradient class. Cold (what one CLI call pays), in a fresh JVM each:
     * bench/run 'CodegenBench.compile' -bm ss -f 5 -wi 0 -i 1; warm: -bm avgt.
     */
    @Benchmark
    public Object compile(Compile s) {
        return CompiledFunction.compile(s.spec.getKey(), s.spec.getValue(), SourceCompiler.valueOf(s.compiler.toUpperCase()));
    }

    @State(Scope.Thread)
    public static class Mlp {
        @Param({"8", "64", "256", "1024"})
        int n;
        @Param({"compiled", "interpreter"})
        String mode;
        CompiledFunction f;
        Map<String, Matrix> values;

        @Setup(Level.Trial)
        public void setUp() {
            int batch = n == 1024 ? 256 : n;
            var spec = mlpSpec();
            f = CompiledFunction.compile(spec.getKey(), spec.getValue(), mode.equals("compiled") ? SourceCompiler.preferred() : null);
            Random r = new Random(42);
            values = new HashMap<>();
            values.put("W1", random(r, n, n, 1 / Math.sqrt(n)));
            values.put("W2", random(r, n, n, 1 / Math.sqrt(n)));
            values.put("X", random(r, n, batch, 1));
            values.put("Y", random(r, n, batch, 1));
        }

        private static Matrix random(Random r, int rows, int cols, double scale) {
            Matrix m = new Matrix(rows, cols);
            for (int i = 0; i < m.data.length; i++) m.data[i] = r.nextGaussian() * scale;
            return m;
        }
    }

    @Benchmark
    public double mlpGradient(Mlp s) {
        Map<String, Matrix> out = s.f.evaluate(s.values);
        return out.get("W1").data[0] + out.get("W2").data[0];
    }
}

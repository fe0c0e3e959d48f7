package io.tracediff.codegen;

import static org.junit.jupiter.api.Assertions.*;

import io.tracediff.eval.Matrix;
import io.tracediff.core.UserError;
import io.tracediff.kernel.CentralDifference;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CompiledFunctionTest {

    private static void assertClose(Matrix want, Matrix got, double tol, String what) {
        assertEquals(want.rows, got.rows, what + " rows");
        assertEquals(want.cols, got.cols, what + " cols");
        double scale = Math.max(1, want.maxAbs());
        assertTrue(want.maxAbsDiff(got) <= tol * scale, what + ": differs by " + want.maxAbsDiff(got) + "\nwant " + want + "\ngot  " + got);
    }

    @ParameterizedTest
    @EnumSource(SourceCompiler.class)
    void textbookGradientsCompiledEqualInterpreted(SourceCompiler compiler) {
        for (Cases c : Cases.textbook()) {
            CompiledFunction f = CompiledFunction.compile(c.inputs(), c.outputs(), compiler);
            assertTrue(f.isCompiled());
            Map<String, Matrix> got = f.evaluate(c.values());
            for (String k : c.outputs().keySet()) assertClose(c.interpret(k, c.values()), got.get(k), 1e-10, c.name() + " " + k);
        }
    }

    /** Central differences of the interpreted value against every compiled gradient entry. */
    @Test
    void textbookGradientsMatchFiniteDifferences() {
        for (Cases c : Cases.textbook()) {
            Map<String, Matrix> got = CompiledFunction.compile(c.inputs(), c.outputs()).evaluate(c.values());
            for (String k : c.outputs().keySet()) {
                if (k.equals("value")) continue;
                Matrix x = c.values().get(k), g = got.get(k);
                for (int i = 0; i < x.data.length; i++) {
                    int entry = i;
                    double fd = CentralDifference.slope(t -> {
                        Map<String, Matrix> at = new HashMap<>(c.values());
                        Matrix moved = x.copy();
                        moved.data[entry] += t;
                        at.put(k, moved);
                        return c.interpret("value", at).scalarValue();
                    }, CentralDifference.step(1e-6, x.data[i]));
                    assertEquals(fd, g.data[i], 1e-5 * Math.max(1, Math.abs(fd)), c.name() + " ∂f/∂" + k + " entry " + i);
                }
            }
        }
    }

    /** Sums run on four accumulators: whole blocks of four, a remainder of 1–3 and lengths below 4 all add up exactly. */
    @Test
    void sumsOnFourAccumulatorsCoverEveryEntry() {
        io.tracediff.api.Problem p = io.tracediff.api.Problem.of("sum(x) + norm1(x) + norm2(x)^2 + sum(X)", "x: vector(n); X: matrix(n, k)");
        CompiledFunction f = CompiledFunction.compile(new java.util.ArrayList<>(p.variables().values()), Map.of("value", p.expr()));
        for (int n : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 13}) {
            Matrix x = new Matrix(n, 1), xx = new Matrix(n, 3);
            double want = 0;
            for (int i = 0; i < n; i++) {
                x.data[i] = (i % 2 == 0 ? 1 : -1) * (i + 1);     // whole numbers: every order of addition is exact
                want += x.data[i] + Math.abs(x.data[i]) + x.data[i] * x.data[i];
            }
            for (int i = 0; i < 3 * n; i++) { xx.data[i] = i + 1; want += i + 1; }
            assertEquals(want, f.evaluate(Map.of("x", x, "X", xx)).get("value").data[0], 0.0, "n = " + n);
        }
    }

    @Test
    void interpreterFallbackGivesTheSameValues() {
        Cases c = Cases.mlp(4, 3);
        CompiledFunction interpreted = CompiledFunction.compile(c.inputs(), c.outputs(), null);
        assertFalse(interpreted.isCompiled());
        assertEquals("interpreter", interpreted.backend());
        Map<String, Matrix> want = Map.copyOf(interpreted.evaluate(c.values()));
        Map<String, Matrix> got = CompiledFunction.compile(c.inputs(), c.outputs()).evaluate(c.values());
        for (String k : want.keySet()) assertClose(want.get(k), got.get(k), 1e-12, k);
    }

    @Test
    void wrongShapeIsAUserErrorNamingTheInputAndBothShapes() {
        Cases c = Cases.mlp(4, 3);
        Map<String, Matrix> values = new HashMap<>(c.values());
        values.put("W2", new Matrix(4, 5));
        CompiledFunction f = CompiledFunction.compile(c.inputs(), c.outputs());
        UserError e = assertThrows(UserError.class, () -> f.evaluate(values));
        assertEquals("input 'W2' is 4×5, but it must be o×h = 4×4 (h from input 'W1')", e.getMessage());
        values.remove("W2");
        assertTrue(assertThrows(UserError.class, () -> f.evaluate(values)).getMessage().contains("'W2'"));
    }

    @Test
    void singularInverseIsAUserError() {
        Cases c = Cases.gaussian();
        Map<String, Matrix> values = new HashMap<>(c.values());
        values.put("S", new Matrix(5, 5));
        CompiledFunction f = CompiledFunction.compile(c.inputs(), c.outputs());
        assertThrows(UserError.class, () -> f.evaluate(values));
    }

    /** Repeated evaluation reuses buffers: the same map and output arrays, and (after warm-up) no allocation. */
    @Test
    void steadyStateEvaluationAllocatesNothing() {
        Cases c = Cases.mlp(16, 16);
        CompiledFunction f = CompiledFunction.compile(c.inputs(), c.outputs());
        Map<String, Matrix> first = f.evaluate(c.values());
        double[] w1 = first.get("W1").data;
        for (int i = 0; i < 20_000; i++) f.evaluate(c.values());
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId(), before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 1000; i++) assertSame(first, f.evaluate(c.values()));
        long bytes = threads.getThreadAllocatedBytes(id) - before;
        assertSame(w1, f.evaluate(c.values()).get("W1").data);
        assertTrue(bytes < 16_000, "1000 evaluations allocated " + bytes + " bytes");
    }

    /** The generated tanh (one exp instead of Math.tanh) stays within a few ulps of Math.tanh, also near 0 and ±∞. */
    @Test
    void generatedTanhMatchesMathTanh() {
        var x = new io.tracediff.expr.Var("x", io.tracediff.shape.Shape.vector(io.tracediff.shape.Dim.sym("n")), io.tracediff.expr.VarKind.VECTOR);
        var tanh = io.tracediff.expr.Apply.of(new io.tracediff.ops.ElementFn(io.tracediff.ops.Functions.builtin().get("tanh").orElseThrow()), x);
        CompiledFunction f = CompiledFunction.compile(java.util.List.of(x), Map.of("y", tanh));
        assertTrue(f.source().contains("static double tanh(double x)"));
        double[] xs = new double[200_001];
        for (int i = 0; i < xs.length; i++) xs[i] = (i - 100_000) * 2.5e-4 * (i % 7 == 0 ? 1e-6 : 1) * (i % 11 == 0 ? 100 : 1);
        double[] ys = f.evaluate(Map.of("x", Matrix.column(xs))).get("y").data;
        for (int i = 0; i < xs.length; i++) {
            double want = Math.tanh(xs[i]);
            assertEquals(want, ys[i], 5e-15 * Math.abs(want), "tanh(" + xs[i] + ")");
        }
    }

    /** d(X) has no code form: generating a file is a user error, evaluation falls back to the interpreter. */
    @Test
    void operatorWithoutCodeFallsBackToTheInterpreter() {
        var x = new io.tracediff.expr.Var("x", io.tracediff.shape.Shape.vector(io.tracediff.shape.Dim.sym("n")), io.tracediff.expr.VarKind.VECTOR);
        Map<String, io.tracediff.expr.Expr> out = Map.of("dx", io.tracediff.algebra.Alg.d(x));
        UserError e = assertThrows(UserError.class, () -> JavaGenerator.standalone(java.util.List.of(x), out, JavaGenerator.Options.named("D")));
        assertEquals("cannot generate Java: operator 'd' has no generated-code form", e.getMessage());
        CompiledFunction f = CompiledFunction.compile(java.util.List.of(x), out);
        assertEquals("interpreter", f.backend());
        assertNull(f.source());
    }

    @Test
    void scalarInputGivenAMatrixIsAUserError() {
        Cases c = Cases.of("Ridge", "A: matrix(m, n); x: vector(n); lam: scalar", "lam*x'*x + sum(A*x)", Map.of("m", 3, "n", 2), 7,
                "x=2*lam*x + A'*ones(m)");
        Map<String, Matrix> values = new HashMap<>(c.values());
        values.put("lam", Matrix.scalar(0.5));
        CompiledFunction f = CompiledFunction.compile(c.inputs(), c.outputs());
        Map<String, Matrix> got = f.evaluate(values);
        for (String k : c.outputs().keySet()) assertClose(c.interpret(k, values), got.get(k), 1e-12, k);
        values.put("lam", new Matrix(2, 2));
        assertEquals("input 'lam' is 2×2, but it is a scalar", assertThrows(UserError.class, () -> f.evaluate(values)).getMessage());
    }

    /** Variables are matched to inputs by name: a gradient typed under another declaration still binds. */
    @Test
    void variablesBindToInputsByName() {
        var n = io.tracediff.shape.Dim.sym("n");
        var s = new io.tracediff.expr.Var("S", io.tracediff.shape.Shape.of(n, n), io.tracediff.expr.VarKind.SYMMETRIC);
        var m = new io.tracediff.expr.Var("S", io.tracediff.shape.Shape.of(n, n), io.tracediff.expr.VarKind.MATRIX);
        CompiledFunction f = CompiledFunction.compile(java.util.List.of(s), Map.of("t", io.tracediff.algebra.Alg.trace(m)));
        assertEquals(5.0, f.evaluate(Map.of("S", Matrix.of(new double[][] {{2, 1}, {1, 3}}))).get("t").scalarValue());
        var wrong = new io.tracediff.expr.Var("S", io.tracediff.shape.Shape.of(n, io.tracediff.shape.Dim.sym("k")), io.tracediff.expr.VarKind.MATRIX);
        UserError e = assertThrows(UserError.class, () -> CompiledFunction.compile(java.util.List.of(s), Map.of("t", io.tracediff.algebra.Alg.sum(wrong))));
        assertEquals("'S' is n×k in the expression but n×n as an input", e.getMessage());
    }

    /** A gradient whose code exceeds what one JVM method may hold still evaluates, by the interpreter. */
    @Test
    void codeTooLargeForOneMethodFallsBackToTheInterpreter() {
        var x = new io.tracediff.expr.Var("x", io.tracediff.shape.Shape.SCALAR, io.tracediff.expr.VarKind.SCALAR);
        io.tracediff.expr.Expr e = x;
        int n = 2000;                                 // 4000 distinct scalar statements, nested 4000 deep
        for (int i = 0; i < n; i++)
            e = io.tracediff.expr.Apply.of(io.tracediff.ops.Add.OP, io.tracediff.expr.Apply.of(io.tracediff.ops.Mul.OP, e, x), new io.tracediff.expr.Num(i + 1));
        Map<String, io.tracediff.expr.Expr> out = Map.of("y", e);
        CompiledFunction f = CompiledFunction.compile(java.util.List.of(x), out);
        assertEquals("interpreter", f.backend());
        double want = 0, at = 0.5;
        for (int i = 0; i < n; i++) want = want * at + i + 1;
        assertEquals(Math.pow(at, n) * at + want, f.evaluate(Map.of("x", Matrix.scalar(at))).get("y").scalarValue(), 1e-9);
        UserError tooLarge = assertThrows(UserError.class, () -> JavaGenerator.standalone(java.util.List.of(x), out, JavaGenerator.Options.named("Big")));
        assertTrue(tooLarge.getMessage().contains("too large for one JVM method"), tooLarge.getMessage());
    }

    /** Deep but small: 1000 nested scalar operations lower without recursion trouble and compile. */
    @Test
    void deepExpressionsCompile() {
        var x = new io.tracediff.expr.Var("x", io.tracediff.shape.Shape.SCALAR, io.tracediff.expr.VarKind.SCALAR);
        var v = new io.tracediff.expr.Var("v", io.tracediff.shape.Shape.vector(io.tracediff.shape.Dim.sym("n")), io.tracediff.expr.VarKind.VECTOR);
        io.tracediff.expr.Expr s = x, m = v;
        for (int i = 0; i < 500; i++) {
            s = io.tracediff.expr.Apply.of(io.tracediff.ops.Add.OP, io.tracediff.expr.Apply.of(io.tracediff.ops.Mul.OP, s, x), io.tracediff.expr.Num.ONE);
            m = io.tracediff.expr.Apply.of(io.tracediff.ops.Sub.OP, io.tracediff.expr.Apply.of(io.tracediff.ops.Mul.OP, new io.tracediff.expr.Num(0.5), m), v);
        }
        var out = new java.util.LinkedHashMap<String, io.tracediff.expr.Expr>();
        out.put("s", s);
        out.put("m", m);
        CompiledFunction f = CompiledFunction.compile(java.util.List.of(x, v), out);
        assertTrue(f.isCompiled());
        Map<String, Matrix> at = Map.of("x", Matrix.scalar(0.9), "v", Matrix.column(1, -2, 3));
        Map<String, Matrix> got = f.evaluate(at);
        var interpreter = new io.tracediff.eval.tree.Evaluator(at, Map.of(), d -> 3);
        assertClose(interpreter.value(s), got.get("s"), 1e-12, "s");
        assertClose(interpreter.value(m), got.get("m"), 1e-12, "m");
    }
}

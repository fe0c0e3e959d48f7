package io.tracediff.kernel;

import static org.junit.jupiter.api.Assertions.*;

import io.tracediff.api.Problem;
import io.tracediff.codegen.CompiledFunction;
import io.tracediff.eval.tree.Evaluator;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Compiled gradients run on both BLAS backends (-Dtracediff.blas=java forces the Java one) with equal results. */
@org.junit.jupiter.api.parallel.Isolated
class CompiledGradientBackendsTest {

    @AfterEach
    void restore() {
        System.clearProperty("tracediff.blas");
        Kernels.reset();
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "native"})
    void mlpGradientOnBothBackends(String backend) {
        if (backend.equals("java")) System.setProperty("tracediff.blas", "java");
        Kernels.reset();
        assertEquals(backend.equals("java") ? "java" : OpenBlas.instance() != null ? "openblas" : "java", Kernels.blas().name());
        String d = "W1: matrix(n, n); W2: matrix(n, n); X: matrix(n, b); Y: matrix(n, b); S: spd(n)";
        Map<String, Expr> out = new LinkedHashMap<>();
        Problem value = Problem.of("norm2(Y - W2*tanh(W1*X))^2", d);
        out.put("value", value.expr());
        out.put("W2", Problem.of("-2*(Y - W2*tanh(W1*X))*tanh(W1*X)'", d).expr());
        out.put("W1", Problem.of("-2*((W2'*(Y - W2*tanh(W1*X))) .* (1 - tanh(W1*X).^2))*X'", d).expr());
        Problem solve = Problem.of("inv(S)*W1 + logdet(S)*W2", d);
        out.put("solve", solve.expr());
        List<Var> inputs = new ArrayList<>();
        for (String n : List.of("W1", "W2", "X", "Y")) inputs.add(value.variables().get(n));
        inputs.add(solve.variables().get("S"));
        int n = 40, b = 33;                           // past the LAPACK threshold and the Java kernel's blocks
        Random r = new Random(5);
        Map<String, Matrix> values = new HashMap<>();
        for (String name : List.of("W1", "W2", "X", "Y")) {
            Matrix m = new Matrix(n, name.startsWith("W") ? n : b);
            for (int i = 0; i < m.data.length; i++) m.data[i] = r.nextGaussian() / Math.sqrt(n);
            values.put(name, m);
        }
        Matrix s = Matrix.identity(n);
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) s.data[i * n + j] += 0.01 * Math.cos(i + j);
        values.put("S", s);
        CompiledFunction f = CompiledFunction.compile(inputs, out);
        Map<String, Matrix> got = f.evaluate(values);
        Evaluator interpreter = new Evaluator(values, Map.of(), dim -> dim.toString().equals("n") ? n : b);
        for (var e : out.entrySet()) {
            Matrix want = interpreter.value(e.getValue());
            assertTrue(want.maxAbsDiff(got.get(e.getKey())) <= 1e-10 * Math.max(1, want.maxAbs()), backend + " " + e.getKey());
        }
    }
}

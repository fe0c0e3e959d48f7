package io.tracediff.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.api.Problem;
import io.tracediff.codegen.derive.Derivatives;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Var;
import io.tracediff.ops.Functions;
import io.tracediff.rules.RuleSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.tools.ToolProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Hessian Xᵀ diag(v) X (logistic regression's, and sum(sin(X w))'s with weights of both signs) is generated as one
 * diagGram call instead of a product of Xᵀ diag(v) and X; compiled in memory and as a standalone class with javac
 * alone, it equals the interpreter at X 40×30 (past the native threshold, N ≠ n) and 131×270.
 */
class DiagGramLoweringTest {
    @TempDir Path dir;

    private static GeneratedCodeCorpus.Item hessian(String expr, long seed, int big, int small) {
        Problem p = Problem.of(expr, List.of("X: matrix(N, n)"));
        List<Var> wrt = List.of(p.variables().get("w"));
        Derivatives d = Derivatives.of(Derivatives.Mode.HESSIAN, p.expr(), wrt, "value", RuleSet.builtin(), Functions.builtin());
        Random r = new Random(seed);
        Map<String, Matrix> values = new LinkedHashMap<>();
        for (Var v : p.variables().values()) {
            int rows = v.name().equals("w") ? small : big, cols = v.name().equals("X") ? small : 1;
            double[] data = new double[rows * cols];
            for (int i = 0; i < data.length; i++) data[i] = v.name().equals("y") ? r.nextInt(2) : (2 * r.nextDouble() - 1) / 3;
            values.put(v.name(), new Matrix(rows, cols, data));
        }
        return GeneratedCodeCorpus.item(expr, new ArrayList<>(p.variables().values()), d.outputs(), new java.util.HashSet<>(List.of("hessian_w_w")), values);
    }

    /** X 131×270 crosses the standalone kernel's blocks (64 rows of X, 256 columns of out) and leaves 3 rows over. */
    @ParameterizedTest
    @CsvSource({"40, 30", "131, 270"})
    void glmHessiansAreOneDiagGramAndEqualTheInterpreter(int rowsOfX, int colsOfX) throws Exception {
        // the third carries a constant into the call's alpha
        for (String expr : List.of("sum(softplus(X*w)) - y'*X*w", "sum(sin(X*w))", "0.5*sum(softplus(X*w))")) {
            var it = hessian(expr, 5, rowsOfX, colsOfX);
            String source = JavaGenerator.standalone(it.inputs(), it.outputs(), new JavaGenerator.Options("Gram", "", false));
            assertTrue(source.matches("(?s).*\\n\\s+diagGram\\(t\\d+, " + (expr.startsWith("0.5") ? "0\\.5" : "1\\.0") + ", .*"), "not one diagGram call:\n" + source);

            CompiledFunction f = CompiledFunction.compile(it.inputs(), it.outputs());
            assertTrue(f.isCompiled());
            Matrix want = it.expected().get("hessian_w_w"), have = f.evaluate(it.values()).get("hessian_w_w");
            assertEquals(null, GeneratedCodeCorpus.mismatch(want, new Matrix(want.rows, want.cols, have.data.clone()), 1e-10), expr + " in memory");

            Path src = Files.createDirectories(dir.resolve(expr.length() + "src"));
            Files.writeString(src.resolve("Gram.java"), source, StandardCharsets.UTF_8);
            Path out = Files.createDirectories(dir.resolve(expr.length() + "classes"));
            var err = new java.io.ByteArrayOutputStream();
            assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, err, "-encoding", "UTF-8", "-classpath", "", "-d", out.toString(),
                    src.resolve("Gram.java").toString()), err::toString);
            try (var loader = new java.net.URLClassLoader(new java.net.URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
                Class<?> cls = loader.loadClass("Gram");
                java.lang.reflect.Method evaluate = null;
                for (var m : cls.getMethods()) if (m.getName().equals("evaluate") && m.getParameterCount() == it.inputs().size()
                        && (m.getParameterCount() == 0 || m.getParameterTypes()[0] != Map.class)) evaluate = m;
                List<Object> in = new ArrayList<>();   // in the inputs' order, as the generated signature takes them
                for (Var v : it.inputs()) {
                    Matrix m = it.values().get(v.name());
                    in.add(v.isScalar() ? (Object) m.scalarValue() : v.shape().cols().isOne() ? m.data.clone() : m.toArray());
                }
                Object result = evaluate.invoke(cls.getDeclaredConstructor().newInstance(), in.toArray());
                Matrix standalone = Matrix.of((double[][]) result.getClass().getField("hessian_w_w").get(result));
                assertEquals(null, GeneratedCodeCorpus.mismatch(want, standalone, 1e-10), expr + " standalone");
            }
        }
    }
}

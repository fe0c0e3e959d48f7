package io.tracediff.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.codegen.derive.Derivatives;
import io.tracediff.api.Problem;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Var;
import io.tracediff.print.Printer;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java target on the whole corpus: compiled in memory (what grad --at runs) and as standalone classes
 * compiled with plain javac against the JDK alone (what codegen writes), Jacobians and Hessians included,
 * equal the interpreter (random expressions: {@link CompiledEqualsInterpretedPropertyTest}); ⊗ and K are applied as index maps, never multiplied densely.
 */
class JavaTargetEqualsInterpreterTest {
    @TempDir Path dir;

    @Test
    void compiledInMemoryEqualsTheInterpreter() {
        List<String> failures = new ArrayList<>();
        int compared = 0;
        List<GeneratedCodeCorpus.Item> items = new ArrayList<>(GeneratedCodeCorpus.examples());   // random expressions: CompiledEqualsInterpretedPropertyTest
        items.addAll(GeneratedCodeCorpus.textbook());
        for (var it : items) {
            CompiledFunction f = CompiledFunction.compile(it.inputs(), it.outputs());
            assertTrue(f.isCompiled(), it.name() + " fell back to the interpreter");
            Map<String, Matrix> got = f.evaluate(it.values());
            for (var e : it.expected().entrySet()) {
                compared++;
                Matrix have = got.get(e.getKey());
                if (have != null && have.rows * have.cols == e.getValue().rows * e.getValue().cols)
                    have = new Matrix(e.getValue().rows, e.getValue().cols, have.data.clone());
                String why = GeneratedCodeCorpus.mismatch(e.getValue(), have, 1e-9);
                if (why != null) failures.add(it.name() + ", " + e.getKey() + " = " + Printer.ascii(it.outputs().get(e.getKey())) + ": " + why);
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + compared + " differ:\n" + String.join("\n", failures));
    }

    @Test
    void standaloneJacobianAndHessianClassesCompileWithJavacAloneAndEqualTheInterpreter() throws Exception {
        List<GeneratedCodeCorpus.Item> items = new ArrayList<>();
        for (var it : GeneratedCodeCorpus.textbook())      // those applying ⊗ or K (the new routines); all run in memory above
            if (it.outputs().values().stream().anyMatch(e -> Printer.ascii(e).contains("kron") || Printer.ascii(e).contains("commutation"))) items.add(it);
        assertTrue(items.size() >= 15, items.size() + " classes");
        Path src = Files.createDirectories(dir.resolve("src/gen"));
        List<String> files = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            var it = items.get(i);
            String source = JavaGenerator.standalone(it.inputs(), it.outputs(), new JavaGenerator.Options("Item" + i, "gen", false));
            assertFalse(source.contains("org.apache"), "JDK alone");
            Path f = src.resolve("Item" + i + ".java");
            Files.writeString(f, source, StandardCharsets.UTF_8);
            files.add(f.toString());
        }
        Path out = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        var err = new java.io.ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("-encoding", "UTF-8", "-Xlint:all", "-Werror", "-classpath", "", "-d", out.toString()));
        args.addAll(files);
        assertEquals(0, javac.run(null, null, err, args.toArray(String[]::new)), () -> "javac failed:\n" + err);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
            for (int i = 0; i < items.size(); i++) {
                var it = items.get(i);
                Class<?> cls = loader.loadClass("gen.Item" + i);
                Method evaluate = null;
                for (Method m : cls.getMethods()) if (m.getName().equals("evaluate")) evaluate = m;
                List<Object> in = new ArrayList<>();
                for (Var v : it.inputs()) {
                    Matrix m = it.values().get(v.name());
                    in.add(v.isScalar() ? (Object) m.scalarValue() : v.shape().cols().isOne() ? m.data.clone() : m.toArray());
                }
                Object result = evaluate.invoke(cls.getDeclaredConstructor().newInstance(), in.toArray());
                for (var e : it.expected().entrySet()) {
                    Object value = result.getClass().getField(Names.identifier(e.getKey())).get(result);
                    Matrix have = value instanceof Double d ? Matrix.scalar(d) : value instanceof double[] v ? Matrix.column(v) : Matrix.of((double[][]) value);
                    Matrix want = e.getValue();
                    if (have.rows * have.cols == want.rows * want.cols) have = new Matrix(want.rows, want.cols, have.data);
                    String why = GeneratedCodeCorpus.mismatch(want, have, 1e-9);
                    assertTrue(why == null, it.name() + ", " + e.getKey() + ": " + why);
                }
            }
        }
    }

    @Test
    void kroneckerAndCommutationAreIndexMaps() {
        Problem p = Problem.of("A*X'*B", List.of("A: matrix(p, n); X: matrix(m, n); B: matrix(m, q)"));
        Derivatives d = Derivatives.of(Derivatives.Mode.JACOBIAN, p.expr(), List.of(p.variables().get("X")), "value",
                io.tracediff.rules.RuleSet.builtin(), io.tracediff.ops.Functions.builtin());
        assertEquals("(Bᵀ ⊗ A) K_(m,n)", Printer.unicode(d.outputs().get("jacobian_X")));
        String java = JavaGenerator.standalone(new ArrayList<>(p.variables().values()), d.outputs(), JavaGenerator.Options.named("SandwichJacobian"));
        assertTrue(java.contains("timesCommutation(") && !java.contains("commutation(t"), java);      // K permutes columns, never built
        String numpy = PythonGenerator.module(new NumpyTarget(), new ArrayList<>(p.variables().values()), d.outputs(), d.matrixOutputs(), "sandwich");
        assertTrue(numpy.contains("np.swapaxes(") && !numpy.contains("np.eye("), numpy);
    }
}

package io.tracediff.codegen;

import static org.junit.jupiter.api.Assertions.*;

import io.tracediff.eval.Matrix;
import io.tracediff.algebra.Alg;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.expr.VarKind;
import io.tracediff.ops.ElementFn;
import io.tracediff.ops.Functions;
import io.tracediff.ops.ScalarFunction;
import io.tracediff.core.UserError;
import io.tracediff.shape.Dim;
import io.tracediff.shape.Shape;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated source files compiled with javac (as a user would) and run. */
class StandaloneSourceTest {
    @TempDir Path dir;

    private static String commonsMathJar() throws Exception {
        return Path.of(RealMatrix.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** javac -encoding UTF-8 -classpath cp; returns the loaded class. */
    private Class<?> javac(String pkg, String cls, String source, String classpath) throws Exception {
        Path src = dir.resolve("src").resolve(pkg.replace('.', '/')).resolve(cls + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source, StandardCharsets.UTF_8);
        Path out = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        var err = new java.io.ByteArrayOutputStream();
        int rc = javac.run(null, null, err, "-encoding", "UTF-8", "-Xlint:all", "-Werror", "-classpath", classpath, "-d", out.toString(), src.toString());
        assertEquals(0, rc, () -> "javac failed:\n" + err + "\n" + source);
        URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader());
        return loader.loadClass(pkg.isEmpty() ? cls : pkg + "." + cls);
    }

    private static Object argument(Var v, Matrix m) {
        if (v.isScalar()) return m.scalarValue();
        if (v.shape().cols().isOne()) return m.data.clone();
        return m.toArray();
    }

    private static Matrix result(Object value) {
        if (value instanceof Double d) return Matrix.scalar(d);
        if (value instanceof double[] v) return Matrix.column(v);
        return Matrix.of((double[][]) value);
    }

    private static Method evaluate(Class<?> c, boolean commonsMath) {
        for (Method m : c.getMethods())
            if (m.getName().equals("evaluate")) {
                boolean cm = false;
                for (Class<?> p : m.getParameterTypes()) cm |= p.getName().startsWith("org.apache");
                if (cm == commonsMath) return m;
            }
        throw new AssertionError("no evaluate method");
    }

    private static void check(Cases c, Object result, String display) throws Exception {
        for (String k : c.outputs().keySet()) {
            Matrix want = c.interpret(k, c.values()), got = result(result.getClass().getField(Names.identifier(k)).get(result));
            assertTrue(want.maxAbsDiff(got) <= 1e-10 * Math.max(1, want.maxAbs()), display + " " + k + ": want " + want + " got " + got);
        }
    }

    @Test
    void textbookClassesCompileWithJavacAndRun() throws Exception {
        for (Cases c : Cases.textbook()) {
            String src = JavaGenerator.standalone(c.inputs(), c.outputs(), new JavaGenerator.Options(c.name() + "Gradient", "com.example.grad", true));
            Class<?> cls = javac("com.example.grad", c.name() + "Gradient", src, commonsMathJar());
            Object instance = cls.getDeclaredConstructor().newInstance();
            List<Object> args = new ArrayList<>();
            for (Var v : c.inputs()) args.add(argument(v, c.values().get(v.name())));
            check(c, evaluate(cls, false).invoke(instance, args.toArray()), c.name());
            check(c, evaluate(cls, false).invoke(instance, args.toArray()), c.name() + " (second call, reused buffers)");
            List<Object> real = new ArrayList<>();
            for (Var v : c.inputs()) {
                Matrix m = c.values().get(v.name());
                real.add(v.isScalar() ? (Object) m.scalarValue() : v.shape().cols().isOne() ? new ArrayRealVector(m.data) : new Array2DRowRealMatrix(m.toArray()));
            }
            check(c, evaluate(cls, true).invoke(instance, real.toArray()), c.name() + " via RealMatrix");
        }
    }

    @Test
    void withoutTheOverloadItCompilesAgainstTheJdkAlone() throws Exception {
        Cases c = Cases.mlp(3, 2);
        String src = JavaGenerator.standalone(c.inputs(), c.outputs(), new JavaGenerator.Options("MlpLoss", "", false));
        assertFalse(src.contains("org.apache"));
        Class<?> cls = javac("", "MlpLoss", src, "");
        List<Object> args = new ArrayList<>();
        for (Var v : c.inputs()) args.add(argument(v, c.values().get(v.name())));
        check(c, evaluate(cls, false).invoke(cls.getDeclaredConstructor().newInstance(), args.toArray()), "MlpLoss");
    }

    @Test
    void sourceIsReadable() {
        Cases c = Cases.mlp(3, 2);
        String src = JavaGenerator.standalone(c.inputs(), c.outputs(), JavaGenerator.Options.named("MlpLoss"));
        assertTrue(src.contains("value = ‖Y − W2 tanh(W1 X)‖"), "Javadoc carries the Unicode formula");
        assertTrue(java.util.regex.Pattern.compile("t\\d+\\[k\\] = tanh\\(t\\d+\\[k\\]\\);  // tanh\\(W1 X\\)").matcher(src).find(),
                "tanh(W1 X) is computed once in a named buffer");
        assertEquals(1, src.split("= tanh\\(", -1).length - 1, "the shared tanh(W1 X) is computed once");
        assertTrue(src.contains("gemm(false, true,"), "transposes are BLAS flags");
        assertFalse(src.contains("Aᵀ ="), src);
    }

    @Test
    void badShapeNamesTheInputAndBothShapes() throws Exception {
        Cases c = Cases.leastSquares();
        Class<?> cls = javac("", "Ls", JavaGenerator.standalone(c.inputs(), c.outputs(), new JavaGenerator.Options("Ls", "", false)), "");
        Object[] args = {new double[7][4], new double[5], new double[7]};
        var e = assertThrows(InvocationTargetException.class, () -> evaluate(cls, false).invoke(cls.getDeclaredConstructor().newInstance(), args));
        assertEquals("input 'x' is 5×1, but it must be n×1 = 4×1 (n from input 'A')", e.getCause().getMessage());
        Object[] ragged = {new double[][] {{1, 2}, {3}}, new double[2], new double[2]};
        e = assertThrows(InvocationTargetException.class, () -> evaluate(cls, false).invoke(cls.getDeclaredConstructor().newInstance(), ragged));
        assertTrue(e.getCause().getMessage().startsWith("input 'A' is not rectangular"), e.getCause().getMessage());
    }

    /** Badly scaled is not singular in generated Java either (as in the interpreter): diag(10⁸, 10⁻⁸) solves; a singular A throws. */
    @Test
    void aBadlyScaledMatrixSolvesAndASingularOneThrows() throws Exception {
        Cases c = Cases.of("Solve", "A: matrix(n); b: vector(n)", "b'*inv(A)*b", Map.of("n", 2), 1, "b=(inv(A) + inv(A)')*b");
        Class<?> cls = javac("", "Sv", JavaGenerator.standalone(c.inputs(), c.outputs(), new JavaGenerator.Options("Sv", "", false)), "");
        Object r = evaluate(cls, false).invoke(cls.getDeclaredConstructor().newInstance(), new double[][] {{1e8, 0}, {0, 1e-8}}, new double[] {1, 1});
        var value = r.getClass().getField("value").get(r);
        assertEquals(1e8 + 1e-8, (Double) value, 1e-7 * 1e8);
        var e = assertThrows(InvocationTargetException.class, () -> evaluate(cls, false).invoke(cls.getDeclaredConstructor().newInstance(),
                new double[][] {{1, 2}, {2, 4}}, new double[] {1, 1}));
        assertTrue(e.getCause().getMessage().startsWith("matrix is singular"), e.getCause().getMessage());
    }

    static final String[] HOSTILE = {"x;System.exit(1);//", "*/ static { System.exit(2); } /*", "\\u000a System.exit(3);",
            "W\"+System.exit(4)+\"", "class", "t0", "v_x", "Math", "\n//"};

    /** Every user-chosen name is hostile: variables, a dimension and output keys. */
    private static Cases hostile() {
        Dim n = Dim.sym("n);System.exit(5);(");
        Var a = new Var(HOSTILE[0], Shape.of(n, n), VarKind.MATRIX);
        Var b = new Var(HOSTILE[1], Shape.vector(n), VarKind.VECTOR);
        Var c = new Var(HOSTILE[2], Shape.SCALAR, VarKind.SCALAR);
        Var d = new Var(HOSTILE[3], Shape.of(n, n), VarKind.MATRIX);
        Var e = new Var(HOSTILE[4], Shape.vector(n), VarKind.VECTOR);
        Var f = new Var(HOSTILE[5], Shape.SCALAR, VarKind.SCALAR);
        Var g = new Var(HOSTILE[6], Shape.vector(n), VarKind.VECTOR);
        Var h = new Var(HOSTILE[7], Shape.SCALAR, VarKind.SCALAR);
        Expr tanh = Apply.of(new ElementFn(Functions.builtin().get("tanh").orElseThrow()), Alg.mul(a, b));
        Expr value = Alg.add(Alg.mul(Alg.mul(c, Alg.transpose(g)), Alg.hadamard(tanh, e)), Alg.mul(f, h));
        Map<String, Expr> outputs = new LinkedHashMap<>();
        outputs.put(HOSTILE[8], value);
        outputs.put(HOSTILE[0], Alg.mul(d, tanh));
        outputs.put(HOSTILE[3], d);
        outputs.put("value", Alg.sum(Alg.mul(Alg.transpose(d), a)));
        List<Var> inputs = List.of(a, b, c, d, e, f, g, h);
        return new Cases("Hostile", inputs, outputs, Cases.random(inputs, Map.of(n.toString(), 4), 9), Map.of(n.toString(), 4));
    }

    @Test
    void hostileNamesCannotInjectCode() throws Exception {
        Cases c = hostile();
        String src = JavaGenerator.standalone(c.inputs(), c.outputs(), new JavaGenerator.Options("Hostile", "", false));
        for (String line : src.split("\n")) {
            String code = line.replaceAll("\"([^\"\\\\]|\\\\.)*\"", "\"\"").replaceAll("/\\*.*?\\*/", "").replaceAll("//.*", "").replaceAll("^\\s*\\*.*", "");
            assertFalse(code.contains("System.exit"), "code outside comments and literals: " + line);
        }
        Class<?> cls = javac("", "Hostile", src, "");
        List<Object> args = new ArrayList<>();
        for (Var v : c.inputs()) args.add(argument(v, c.values().get(v.name())));
        check(c, evaluate(cls, false).invoke(cls.getDeclaredConstructor().newInstance(), args.toArray()), "Hostile");
        // and in memory, through both compilers
        for (SourceCompiler compiler : SourceCompiler.values()) {
            Map<String, Matrix> got = CompiledFunction.compile(c.inputs(), c.outputs(), compiler).evaluate(c.values());
            for (String k : c.outputs().keySet()) assertTrue(c.interpret(k, c.values()).maxAbsDiff(got.get(k)) < 1e-10, k);
        }
        Map<String, Matrix> wrong = new java.util.HashMap<>(c.values());
        wrong.put(HOSTILE[3], new Matrix(4, 2));
        UserError e = assertThrows(UserError.class, () -> CompiledFunction.compile(c.inputs(), c.outputs()).evaluate(wrong));
        assertTrue(e.getMessage().startsWith("input 'W\"+System.exit(4)+\"' is 4×2"), e.getMessage());
    }

    /** A sum's unrolled loop declares i4 (or j4, k4) and acc0…acc3: variables so named are renamed, so the file compiles. */
    @Test
    void variablesNamedLikeTheUnrolledSumsLocalsCompile() throws Exception {
        Cases c = Cases.of("Unrolled", "i4: vector(n); acc0: vector(n); k4: matrix(n); acc3: scalar",
                "norm2(i4)^2 + sum(acc0) + sum(k4*i4)*acc3", Map.of("n", 9), 3, "grad_i4=2*i4 + acc3*k4'*ones(n)");
        String src = JavaGenerator.standalone(c.inputs(), c.outputs(), new JavaGenerator.Options("Unrolled", "", false));
        assertTrue(src.contains("int i4 = 0;") || src.contains("int k4 = 0;") || src.contains("int j4 = 0;"), "the unrolled loop is what this tests");
        Class<?> cls = javac("", "Unrolled", src, "");
        List<Object> args = new ArrayList<>();
        for (Var v : c.inputs()) args.add(argument(v, c.values().get(v.name())));
        check(c, evaluate(cls, false).invoke(cls.getDeclaredConstructor().newInstance(), args.toArray()), "Unrolled");
    }

    @Test
    void hostileFunctionTemplateIsRefused() {
        ScalarFunction evil = new ScalarFunction("evil", Math::abs, "e", "System.exit(1) + %s");
        Var x = new Var("x", Shape.vector(Dim.sym("n")), VarKind.VECTOR);
        Map<String, Expr> out = Map.of("value", Alg.sum(Apply.of(new ElementFn(evil), x)));
        UserError e = assertThrows(UserError.class, () -> JavaGenerator.standalone(List.of(x), out, JavaGenerator.Options.named("Evil")));
        assertTrue(e.getMessage().startsWith("refusing to generate code from the template"), e.getMessage());
    }

    @Test
    void classAndPackageNamesAreValidated() {
        assertThrows(UserError.class, () -> new JavaGenerator.Options("A;B", "", true));
        assertThrows(UserError.class, () -> new JavaGenerator.Options("lower", "", true));
        assertThrows(UserError.class, () -> new JavaGenerator.Options("Good", "com.example;import x", true));
        assertThrows(UserError.class, () -> new JavaGenerator.Options("Good", "com.class", true));
        assertEquals("com.example.grad", new JavaGenerator.Options("Good", "com.example.grad", true).packageName());
    }

    @Test
    void namesAreKeptWhenPlainAndMangledInjectivelyOtherwise() {
        assertEquals("W1", Names.identifier("W1"));
        assertEquals("x_0", Names.identifier("x_0"));
        assertEquals("x", Names.identifier("x"));
        assertEquals("v_i", Names.identifier("i"));
        assertEquals("v_class", Names.identifier("class"));
        assertEquals("v_v_005fx", Names.identifier("v_x"));
        assertNotEquals(Names.identifier("a-b"), Names.identifier("a_002db"));
        assertEquals("v_x_003bSystem_002eexit_00281_0029_003b_002f_002f", Names.identifier("x;System.exit(1);//"));
    }

    @Test
    void writeCreatesThePackageDirectoryAndTheWholeFile() throws IOException {
        Cases c = Cases.leastSquares();
        var o = new JavaGenerator.Options("LeastSquaresGradient", "com.example.grad", true);
        String src = JavaGenerator.standalone(c.inputs(), c.outputs(), o);
        Path written = JavaGenerator.write(dir.resolve("out"), o, src);
        assertEquals(dir.resolve("out/com/example/grad/LeastSquaresGradient.java"), written);
        assertEquals(src, Files.readString(written));
        try (var files = Files.list(written.getParent())) { assertEquals(1, files.count(), "no temporary file left behind"); }
    }

    private static String compute(String decls, String expr) {
        Cases c = Cases.of("Form", decls, expr, Map.of("n", 3, "m", 2), 1);
        String src = JavaGenerator.inMemory(c.inputs(), c.outputs(), "Form");
        return src.substring(src.indexOf("private void compute("), src.indexOf("outRows[0] ="));
    }

    /** The cookbook forms become loops and calls, never dense diagonals, explicit inverses or transposed copies. */
    @Test
    void specialFormsAreComputedWithoutTheirDenseMatrices() {
        String fused = compute("a: vector(n); X: matrix(n, m); b: vector(m)", "a .* exp(X*b)");
        assertTrue(fused.contains("= (a[i] * Math.exp(t"), "a ⊙ exp(Xb) is one pass over Xb:\n" + fused);
        assertEquals(1, fused.split("for \\(", -1).length - 1, fused);
        String rowScaling = compute("v: vector(n); M: matrix(n, m)", "diag(v)*M");
        assertFalse(rowScaling.contains("diagMatrix(") || rowScaling.contains("gemm("), rowScaling);
        assertTrue(rowScaling.contains("(v[i] * M[k])"), rowScaling);
        String broadcast = compute("v: vector(m); M: matrix(n, m)", "(ones(n)*v') .* M");
        assertFalse(broadcast.contains("gemm("), broadcast);
        assertTrue(broadcast.contains("(v[j] * M[k])"), broadcast);
        UserError unfixed = assertThrows(UserError.class, () -> compute("v: vector(m)", "ones(n)*v'"));
        assertEquals("the size of dimension 'n' is not fixed by any input of the generated code; declare an input with that dimension (e.g. a vector(n) input that the code reads its size from)", unfixed.getMessage());
        String solve = compute("S: matrix(n, n); B: matrix(n, m)", "inv(S)*B");
        assertTrue(solve.contains("luSolve(dim_n, S, B, dim_m, "), solve);
        assertFalse(solve.contains("inv("), solve);
        String flags = compute("A: matrix(n, m); B: matrix(n, m)", "A'*B + 3*(A'*B)'");
        assertTrue(flags.contains("gemm(true, false, dim_m, dim_m, dim_n, 1.0, A, dim_m, B, dim_m"), flags);
        assertEquals(1, flags.split("gemm\\(", -1).length - 1, "Aᵀ B is computed once:\n" + flags);
    }
}

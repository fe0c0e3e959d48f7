package io.tracediff.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.codegen.derive.Derivatives;
import io.tracediff.api.Problem;
import io.tracediff.expr.Var;
import io.tracediff.ops.Functions;
import io.tracediff.core.UserError;
import io.tracediff.rules.RuleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a generated Python module promises beyond its values: float32 stays float32, a misshapen input is a
 * ValueError naming it and both shapes, PyTorch runs without building a graph, JAX code is jit-compatible,
 * only the framework is imported, inverses are solves, shared subexpressions are computed once, and no user
 * name can inject code.
 */
class PythonModuleContractTest {

    static Derivatives derive(Derivatives.Mode mode, Problem p, String... wrt) {
        List<Var> vars = new ArrayList<>();
        for (String w : wrt) vars.add(p.variables().get(w));
        return Derivatives.of(mode, p.expr(), vars, "value", RuleSet.builtin(), Functions.builtin());
    }

    static String module(PythonTarget t, Problem p, Derivatives d) { return PythonGenerator.module(t, new ArrayList<>(p.variables().values()), d.outputs(), d.matrixOutputs(), "test"); }

    static final Problem GAUSSIAN = Problem.of("logdet(S) + (x - mu)'*inv(S)*(x - mu)", List.of("x: vector(n); mu: vector(n); S: spd(n)"));
    static final Problem MLP = Problem.of("norm2(Y - W2*tanh(W1*X))^2", List.of("W1: matrix(h, d); W2: matrix(k, h); X: matrix(d, b); Y: matrix(k, b)"));

    @Test void everyTargetImportsOnlyItsFrameworkSolvesAndComputesSharedSubexpressionsOnce() {
        for (PythonTarget t : List.of(new NumpyTarget(), new TorchTarget(), new JaxTarget())) {
            String src = module(t, GAUSSIAN, derive(Derivatives.Mode.GRADIENT, GAUSSIAN, "x", "mu"));
            List<String> imports = src.lines().filter(l -> l.startsWith("import ") || l.startsWith("from ") || l.contains(" import ")).toList();
            assertEquals(t.imports(), imports, t.language());
            assertTrue(src.contains(t.xp + ".linalg.solve("), src);
            String mlp = module(t, MLP, derive(Derivatives.Mode.GRADIENT, MLP, "W1", "W2"));
            String tanh = t.xp + ".tanh(W1 @ X)";
            assertEquals(1, mlp.split(java.util.regex.Pattern.quote(tanh), -1).length - 1, mlp);      // tanh(W1 X) once, in a temporary
            assertTrue(mlp.contains("LaTeX: ") && mlp.contains("‖Y − W2 tanh(W1 X)‖_F²") && mlp.contains("\\tanh"), "formulas in Unicode and LaTeX");
            // ‖R‖² as a sum of squares of the named residual, not the norm's square root squared
            assertTrue(mlp.contains(t.language().equals("torch") ? "torch.sum(t1 * t1)" : t.xp + ".vdot(t1, t1)") && !mlp.contains("linalg.norm("), mlp);
        }
        String x = module(new NumpyTarget(), GAUSSIAN, derive(Derivatives.Mode.GRADIENT, GAUSSIAN, "x"));
        assertTrue(x.contains("np.linalg.solve(S, ") && !x.contains("np.linalg.inv("), x);     // S⁻¹ used twice, as a factor: two solves
    }

    @Test void jaxModulesBranchOnlyOnShapesAndDtypes() {
        for (Problem p : List.of(GAUSSIAN, MLP, Problem.of("sum(softplus(X*w)) - y'*X*w", List.of("X: matrix(m, n); w: vector(n); y: vector(m)")))) {
            String src = module(new JaxTarget(), p, derive(Derivatives.Mode.HESSIAN, p, p.variables().keySet().iterator().next()));
            for (String line : src.lines().toList()) {
                String s = line.strip();
                if (s.startsWith("if ")) assertTrue(s.matches("if \\w+\\.ndim != \\d:|if tuple\\(\\w+\\.shape\\) != \\(.*\\):|if \\w+\\.dtype\\.kind == \"c\":|if \\w+\\.size != 1:"),
                        "a branch on values: " + s);
                assertFalse(s.contains(".item()") || s.contains("float(") || s.contains(" while ") || s.startsWith("for "), s);
            }
            assertTrue(src.contains("import jax.numpy as jnp"));
        }
        assertTrue(module(new JaxTarget(), GAUSSIAN, derive(Derivatives.Mode.GRADIENT, GAUSSIAN, "S")).contains("jnp.where("), "log det's sign without a branch");
    }

    /**
     * Numbers that are not inputs: a size used twice (held in a temporary), constants in a --fn body (sqrt(2)), a --fn
     * body that is a constant (one value per entry), and a Python float beside float64 arrays (not rounded to float32).
     */
    @Test void sizesConstantsAndPythonNumbersKeepTheirValues() throws Exception {
        Problem sizes = Problem.of("x'*x*exp(-n) + n*sum(x)", List.of("x: vector(n)"));
        var gelu = io.tracediff.symja.UserFunctions.define("gelu(t) = 0.5*t*(1 + erf(t/sqrt(2)))", Functions.builtin(), RuleSet.builtin());
        Problem inFn = Problem.of("sum(gelu(x - y))", List.of("x: vector(n); y: vector(n)"), gelu.functions());
        var two = io.tracediff.symja.UserFunctions.define("g(t) = 2", Functions.builtin(), RuleSet.builtin());
        Problem constant = Problem.of("sum(g(x))", List.of("x: vector(n)"), two.functions());
        Problem scaled = Problem.of("a*x'*x", List.of("a: scalar; x: vector(n)"));
        PythonTargetsEqualInterpreterTest.eachInstalledTarget(t -> {
            String m1 = module(t, sizes, derive(Derivatives.Mode.GRADIENT, sizes, "x"));
            String m2 = module(t, inFn, Derivatives.of(Derivatives.Mode.GRADIENT, inFn.expr(), List.of(inFn.variables().get("x")), "value", gelu.rules(), gelu.functions()));
            String m3 = module(t, constant, Derivatives.of(Derivatives.Mode.GRADIENT, constant.expr(), List.of(constant.variables().get("x")), "value", two.rules(), two.functions()));
            String m4 = module(t, scaled, derive(Derivatives.Mode.GRADIENT, scaled, "x"));
            String mk = switch (t.language()) {
                case "torch" -> "import torch\ndef arr(a):\n    return torch.tensor(a, dtype=torch.float64)\n";
                case "jax" -> "import jax\njax.config.update('jax_enable_x64', True)\nimport jax.numpy as jnp\ndef arr(a):\n    return jnp.asarray(a, dtype='float64')\n";
                default -> "import numpy as np\ndef arr(a):\n    return np.asarray(a, dtype='float64')\n";
            };
            String script = mk + """
                    import math, m1, m2, m3, m4
                    x, y = [1.0, 2.0, 3.0], [0.5, 0.1, 0.2]
                    v = float(m1.evaluate(x=arr(x))["value"])
                    assert abs(v - (14.0 * math.exp(-3.0) + 3.0 * 6.0)) < 1e-12, v
                    v = float(m2.evaluate(x=arr(x), y=arr(y))["value"])
                    want = sum(0.5 * (a - b) * (1.0 + math.erf((a - b) / math.sqrt(2.0))) for a, b in zip(x, y))
                    assert abs(v - want) < 1e-12, (v, want)
                    v = float(m3.evaluate(x=arr(x))["value"])
                    assert v == 6.0, v
                    v = float(m4.evaluate(a=0.1, x=arr(x))["value"])
                    assert abs(v - 0.1 * 14.0) < 1e-15, v
                    print("VALUES")
                    """;
            String out = PythonRunner.script(t.language(), Map.of("m1", m1, "m2", m2, "m3", m3, "m4", m4), script);
            assertTrue(out.contains("VALUES"), t.language() + ": " + out);
        });
    }

    /**
     * Constants are the numbers the derivation took: 10²⁰ + 1 − 10²⁰ is 1 in f as in its gradient (f computed it as 0),
     * log(10²⁰⁰) is computed in doubles (in float32 its argument overflowed), (10²⁰⁰)² is inf (Python's 1e200 ** 2
     * raised OverflowError), NumPy's σ keeps σ(−40) ≈ 4·10⁻¹⁸ (through tanh it was 0, and log σ −inf), and a float32
     * input gives float32 outputs even beside 10²⁰⁰ (NumPy 1 widened them to float64).
     */
    @Test void constantsAreTheNumbersTheDerivationTook() throws Exception {
        Problem exact = Problem.of("(1e20+1-1e20)*x'*x + log(1e200)*sum(x)", List.of("x: vector(n)"));
        Problem huge = Problem.of("norm2(1e200*x)^2 + sum(1e200*x)", List.of("x: vector(n)"));
        Problem sig = Problem.of("sum(log(sigmoid(x)))", List.of("x: vector(n)"));
        PythonTargetsEqualInterpreterTest.eachInstalledTarget(t -> {
            String mk = switch (t.language()) {
                case "torch" -> "import torch\ndef arr(a, dt):\n    return torch.tensor(a, dtype=torch.float32 if dt == 'float32' else torch.float64)\n";
                case "jax" -> "import jax\njax.config.update('jax_enable_x64', True)\nimport jax.numpy as jnp\ndef arr(a, dt):\n    return jnp.asarray(a, dtype=dt)\n";
                default -> "import numpy as np\ndef arr(a, dt):\n    return np.asarray(a, dtype=dt)\n";
            };
            String script = mk + """
                    import math, warnings, ex, hu, sg
                    warnings.simplefilter("ignore")   # float32 overflow of 1e200 is expected below
                    L = math.log(1e200)
                    for dt, tol in (("float64", 1e-12), ("float32", 1e-5)):
                        r = ex.evaluate(x=arr([1.0, 2.0, 4.0], dt))   # three entries: a lost factor n = 3 would show
                        assert abs(float(r["value"]) - (21.0 + 7.0 * L)) <= tol * 3300, (dt, float(r["value"]))
                        g = [float(v) for v in r["grad_x"]]
                        assert len(g) == 3 and all(abs(a - b) <= tol * 500 for a, b in zip(g, [2.0 + L, 4.0 + L, 8.0 + L])), (dt, g)
                        assert all(str(v.dtype).endswith(dt) for v in r.values()), (dt, {k: v.dtype for k, v in r.items()})
                        r = hu.evaluate(x=arr([1.0, 2.0, 4.0], dt))
                        assert math.isinf(float(r["value"])), r
                        assert all(str(v.dtype).endswith(dt) for v in r.values()), (dt, {k: v.dtype for k, v in r.items()})
                    r = sg.evaluate(x=arr([-40.0, 0.0, 40.0], "float64"))
                    want = -(40.0 + math.log1p(math.exp(-40.0))) - math.log(2.0) - math.log1p(math.exp(-40.0))
                    assert abs(float(r["value"]) - want) < 1e-12, float(r["value"])
                    print("CONSTANTS")
                    """;
            String out = PythonRunner.script(t.language(), Map.of(
                    "ex", module(t, exact, derive(Derivatives.Mode.GRADIENT, exact, "x")),
                    "hu", module(t, huge, derive(Derivatives.Mode.GRADIENT, huge, "x")),
                    "sg", module(t, sig, derive(Derivatives.Mode.GRADIENT, sig, "x"))), script);
            assertTrue(out.contains("CONSTANTS"), t.language() + ": " + out);
        });
    }

    /** A misshapen matrix is told the sizes its vectors give: (n, m) = (3, 4), where m was read from its own wrong shape. */
    @Test void aMisshapenMatrixIsToldTheSizesItsVectorsGive() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(PythonRunner.has("numpy"), "numpy is not installed");
        Problem p = Problem.of("a*x'*X*w", List.of("x: vector(n); w: vector(m); X: matrix(n, m); a: scalar"));
        String out = PythonRunner.script("numpy", Map.of("sm", module(new NumpyTarget(), p, derive(Derivatives.Mode.GRADIENT, p, "X", "a"))), """
                import numpy as np, sm
                try:
                    sm.evaluate(a=0.5, x=np.ones(3), w=np.ones(4), X=np.ones((4, 3)))
                except ValueError as e:
                    print("ERR", e)
                """);
        assertTrue(out.contains("ERR input 'X' has shape (4, 3), but it must be (n, m) = (3, 4) (n from input 'x', m from input 'w')"), out);
    }

    @Test void torchModulesRunUnderNoGrad() {
        String src = module(new TorchTarget(), MLP, derive(Derivatives.Mode.GRADIENT, MLP, "W1"));
        String body = src.substring(src.indexOf("    with torch.no_grad():\n"));
        assertTrue(body.startsWith("    with torch.no_grad():\n"), src);
        for (String line : body.lines().skip(1).toList()) assertTrue(line.startsWith("        "), "outside no_grad: " + line);
    }

    @Test void userNamesAreMangledAndModuleNamesChecked() {
        assertEquals("v_lambda", PythonNames.identifier("lambda"));
        assertEquals("v_np", PythonNames.identifier("np"));
        assertEquals("v_t0", PythonNames.identifier("t0"));
        assertEquals("v_dtype", PythonNames.identifier("dtype"));
        assertEquals("W1", PythonNames.identifier("W1"));
        assertEquals("v_a_003bimport_0020os", PythonNames.identifier("a;import os"));
        for (String bad : List.of("os; import sys", "import", "numpy", "a-b", "", "x\n", "torch"))
            assertThrows(UserError.class, () -> PythonNames.checkModule(bad), bad);
        assertEquals("loss_gradient", PythonNames.checkModule("loss_gradient"));
        String doc = PythonNames.docText("\"\"\"\nimport os\\");
        assertFalse(doc.contains("\"") || doc.contains("\n") || doc.endsWith("\\"), doc);
        assertEquals("\"a\\\"b\\\\c\\u000a\"", PythonNames.literal("a\"b\\c\n"));
    }

    /** One Python run per framework: dtypes, the ValueError, no graph, and names that are Python keywords. */
    @Test void modulesKeepFloat32ExplainBadShapesAndAcceptKeywordNames() throws Exception {
        Problem p = Problem.of("norm2(A*x - b)^2 + lam*x'*x", List.of("A: matrix(m, n); x: vector(n); b: vector(m); lam: scalar"));
        Problem kw = Problem.of("sum(exp(A*lambda))", List.of("A: matrix(m, n); lambda: vector(n)"));
        // Scalars alone (NumPy 1 once cast float32 0-d arrays to float64), and gradients that are inputs or their views.
        Problem scalars = Problem.of("c^2*d", List.of("c: scalar; d: scalar"));
        Problem views = Problem.of("u'*x + tr(A'*X) + c*d", List.of("u: vector(n); x: vector(n); A: matrix(m, n); X: matrix(m, n); c: scalar; d: scalar"));
        PythonTargetsEqualInterpreterTest.eachInstalledTarget(t -> {
            String ls = module(t, p, derive(Derivatives.Mode.GRADIENT, p, "x", "A"));
            String kws = module(t, kw, derive(Derivatives.Mode.GRADIENT, kw, "lambda"));
            String sc = module(t, scalars, derive(Derivatives.Mode.GRADIENT, scalars, "c", "d"));
            String al = module(t, views, derive(Derivatives.Mode.GRADIENT, views, "u", "x", "X", "c"));
            String mk = switch (t.language()) {
                case "torch" -> "import torch\ndef arr(a, dt):\n    return torch.tensor(a, dtype=torch.float32 if dt == 'float32' else torch.float64, requires_grad=True)\n";
                // x64 on, so that float64 is float64 and float32 has to be kept by the module, not by JAX's default.
                case "jax" -> "import jax\njax.config.update('jax_enable_x64', True)\nimport jax.numpy as jnp\ndef arr(a, dt):\n    return jnp.asarray(a, dtype=dt)\n";
                default -> "import numpy as np\ndef arr(a, dt):\n    return np.asarray(a, dtype=dt)\n";
            };
            String script = mk + """
                    import ls, kws, sc, al
                    A = [[1.0, 2.0, 0.5], [0.0, 1.0, -1.0]]
                    for dt in ("float32", "float64"):
                        r = ls.evaluate(A=arr(A, dt), x=arr([1.0, -1.0, 2.0], dt), b=arr([0.5, 1.0], dt), lam=0.25)
                        for k, v in r.items():
                            assert str(v.dtype).endswith(dt), (k, v.dtype, dt)
                            assert not getattr(v, "requires_grad", False), k
                        assert tuple(r["grad_x"].shape) == (3,) and tuple(r["grad_A"].shape) == (2, 3) and tuple(r["value"].shape) == ()
                    try:
                        ls.evaluate(A=arr(A, "float64"), x=arr([1.0, 2.0], "float64"), b=arr([0.5, 1.0], "float64"), lam=0.25)
                        raise SystemExit("no error")
                    except ValueError as e:
                        print("ERR", e)
                    r = kws.evaluate(A=arr(A, "float64"), v_lambda=arr([1.0, 0.0, 2.0], "float64"))
                    print("KEYS", sorted(r))
                    r = sc.evaluate(c=arr(1.5, "float32"), d=arr(2.0, "float32"))
                    assert all(str(v.dtype).endswith("float32") for v in r.values()), {k: v.dtype for k, v in r.items()}
                    ins = dict(u=arr([1.0, 2.0, 3.0], "float64"), x=arr([3.0, 4.0, 5.0], "float64"), A=arr(A, "float64"), X=arr(A, "float64"),
                               c=arr(0.5, "float64"), d=arr(2.0, "float64"))
                    r = al.evaluate(**ins)
                    for k, v, given in (("grad_u", r["grad_u"], ins["x"]), ("grad_x", r["grad_x"], ins["u"]), ("grad_X", r["grad_X"], ins["A"]), ("grad_c", r["grad_c"], ins["d"])):
                        assert not getattr(v, "requires_grad", False), k
                        if not str(type(v)).startswith("<class 'jax"):   # JAX arrays are immutable: sharing is harmless there
                            assert v is not given, k
                            before = float(given.reshape(-1)[0])
                            v.reshape(-1)[0] = 99.0
                            assert float(given.reshape(-1)[0]) == before, k + " shares memory with its input"
                    print("OWN")
                    # a scalar input given as one entry of any shape, (1,) or (1, 1), is that scalar
                    one = sc.evaluate(c=arr([1.5], "float64"), d=arr([[2.0]], "float64"))
                    assert float(one["value"]) == 4.5 and tuple(one["value"].shape) == (), one
                    try:
                        sc.evaluate(c=arr([1.5, 2.0], "float64"), d=arr(2.0, "float64"))
                        raise SystemExit("two entries taken as a scalar")
                    except ValueError as e:
                        print("ERR", e)
                    try:
                        ls.evaluate(A=arr(A, "float64"), x=arr([1.0, -1.0, 2.0], "float64") + 1j, b=arr([0.5, 1.0], "float64"), lam=0.25)
                        raise SystemExit("complex input accepted")
                    except ValueError as e:
                        print("ERR", e)
                    """ + (t.language().equals("jax") ? """
                    r = jax.jit(ls.evaluate)(A=arr(A, "float32"), x=arr([1.0, -1.0, 2.0], "float32"), b=arr([0.5, 1.0], "float32"), lam=0.25)
                    print("JIT", str(r["grad_A"].dtype), tuple(r["grad_A"].shape))
                    """ : "");
            String out = PythonRunner.script(t.language(), Map.of("ls", ls, "kws", kws, "sc", sc, "al", al), script);
            assertTrue(out.contains("OWN"), out);
            if (t.language().equals("jax")) assertTrue(out.contains("JIT float32 (2, 3)"), out);
            // sizes are read from the vectors first: A is told (m, n) = (2, 2), with where each came from
            assertTrue(out.contains("ERR input 'A' has shape (2, 3), but it must be (m, n) = (2, 2) (m from input 'b', n from input 'x')\n"), out);
            assertTrue(out.contains("KEYS ['grad_lambda', 'value']"), out);
            assertTrue(out.contains("ERR input 'x' is complex; the formulas are derived for real variables"), out);
            assertTrue(out.contains("ERR input 'c' has shape (2,), but it must be a scalar (shape (), or one entry in any shape)"), out);
        });
    }

    /**
     * A variable declared as a matrix stays 2-D whatever its shape, in and out (matrix(n, 1) is (n, 1), matrix(1, 1) is
     * (1, 1)); Python numbers, lists and integers compute in float64 in every target, as in NumPy.
     */
    @Test void declaredMatricesStay2dAndPythonListsAreFloat64() throws Exception {
        Problem column = Problem.of("sum(X .* x) + tr(O)*a", List.of("X: matrix(n, 1); x: vector(n); O: matrix(1, 1); a: scalar"));
        Problem quadratic = Problem.of("x'*A*x", List.of("x: vector(n); A: matrix(n)"));
        PythonTargetsEqualInterpreterTest.eachInstalledTarget(t -> {
            String col = module(t, column, derive(Derivatives.Mode.GRADIENT, column, "X", "x", "O"));
            assertTrue(col.contains("X: matrix, shape (n, 1)") && col.contains("O: matrix, shape (1, 1)"), col);
            String q = module(t, quadratic, derive(Derivatives.Mode.GRADIENT, quadratic, "x"));
            String script = (t.language().equals("jax") ? "import jax\njax.config.update('jax_enable_x64', True)\n" : "") + """
                    import col, q
                    r = col.evaluate(X=[[1.0], [2.0], [3.0], [4.0]], x=[0.5, 0.25, 2.0, 1.0], O=[[2.0]], a=3.0)
                    print("SHAPES", tuple(r["grad_X"].shape), tuple(r["grad_x"].shape), tuple(r["grad_O"].shape))
                    assert [float(v) for v in r["grad_X"].reshape(-1)] == [0.5, 0.25, 2.0, 1.0], r
                    try:
                        col.evaluate(X=[1.0, 2.0, 3.0, 4.0], x=[0.5, 0.25, 2.0, 1.0], O=[[2.0]], a=3.0)
                        raise SystemExit("a 1-D array taken for matrix(n, 1)")
                    except ValueError as e:
                        print("ERR", e)
                    for given in ([1.0, 2.0, 3.1], [1, 2, 3]):
                        r = q.evaluate(x=given, A=[[1, 0, 0], [0, 1, 0], [0, 0, 1]])
                        print("DTYPE", str(r["value"].dtype).replace("torch.", ""), str(r["grad_x"].dtype).replace("torch.", ""))
                    """;
            String out = PythonRunner.script(t.language(), Map.of("col", col, "q", q), script);
            assertTrue(out.contains("SHAPES (4, 1) (4,) (1, 1)"), t.language() + ": " + out);
            assertTrue(out.contains("ERR input 'X' has shape (4,), but it must be a matrix of shape (n, 1)"), t.language() + ": " + out);
            assertEquals(2, out.split("DTYPE float64 float64", -1).length - 1, t.language() + ": " + out);
        });
    }

    /** An inverse used through its transpose too solves: xᵀ A⁻¹ y and its three gradients form no A⁻¹, and solve twice. */
    @Test void transposedInversesSolve() {
        Problem p = Problem.of("x'*inv(A)*y", List.of("x: vector(n); y: vector(n); A: matrix(n)"));
        for (PythonTarget t : List.of(new NumpyTarget(), new TorchTarget(), new JaxTarget())) {
            String src = module(t, p, derive(Derivatives.Mode.GRADIENT, p, "x", "y", "A"));
            assertFalse(src.contains(".inv("), src);
            assertTrue(src.contains(t.xp + ".linalg.solve(A.T, x)") && src.contains(t.xp + ".linalg.solve(A, y)") && !src.contains(".T.T"), src);
            assertEquals(2, src.split(java.util.regex.Pattern.quote(t.xp + ".linalg.solve("), -1).length - 1, "each system solved once: " + src);
        }
    }
}

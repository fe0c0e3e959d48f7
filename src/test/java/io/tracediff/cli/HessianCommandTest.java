package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code tracediff hessian}: closed forms, mixed blocks, numbers at values, and clean errors. */
class HessianCommandTest {

    static MainTest.Run run(String... args) { return MainTest.run(args); }

    @Test void famousForms() {
        assertEquals("∂²f/∂x∂xᵀ = A + Aᵀ\n", run("hessian", "x'*A*x", "--wrt", "x").out());
        assertEquals("∂²f/∂x∂xᵀ = diag(exp(x))\n", run("hessian", "sum(exp(x))", "--wrt", "x", "--let", "x: vector(n)").out());
        assertEquals("∂²f/∂x∂xᵀ = 2 Aᵀ A\n", run("hessian", "norm2(A*x - b)^2", "--wrt", "x").out());
        // I₁ is the number 1 (it printed I, where a² gives 2)
        assertEquals("∂²f/∂a∂aᵀ = 1\n", run("hessian", "1.5*a^2 - a^2", "--wrt", "a").out());
        assertEquals("∂²f/∂w∂wᵀ = Xᵀ diag(σ(X w) ⊙ (1 − σ(X w))) X\n",
                run("hessian", "sum(softplus(X*w)) - y'*X*w", "--wrt", "w", "--let", "X: matrix(m, n)").out());
        assertEquals("∂²f/∂vec(X)∂vec(X)ᵀ = −K (X⁻ᵀ ⊗ X⁻¹)\n", run("hessian", "logdet(X)", "--wrt", "X").out());
    }

    /**
     * A coefficient of 10⁻²⁰ is a coefficient, not 0/1 (the rank-one term was dropped and the self-check refused the form),
     * and it prints as the decimals that made it (10⁻⁵·10⁻⁵ is 10⁻¹⁰, not 1.0000000000000002·10⁻¹⁰).
     */
    @Test void tinyCoefficientsAreKeptAndPrintedAsWritten() {
        MainTest.Run r = run("hessian", "norm2(1e-5*C)", "--wrt", "C", "--let", "C: matrix(m)");
        assertEquals(0, r.code(), r.err());
        assertEquals("∂²f/∂vec(C)∂vec(C)ᵀ = 10⁻¹⁰ I / ‖10⁻⁵ C‖_F − 10⁻²⁰ vec(C) vec(C)ᵀ / ‖10⁻⁵ C‖_F³\n", r.out());
    }

    /** tr(I ⊙ M) is tr(M), I∘² is I and diag(I) is 𝟏: the constant parts of a derivative read as a paper writes them. */
    @Test void identityConstantsFold() {
        assertEquals("∂²f/∂d∂dᵀ = −tr(sin∘(A + d·I))\n", run("hessian", "tr(sin(A + d*eye(n)))", "--wrt", "d", "--let", "d: scalar; A: matrix(n)").out());
        assertEquals("∂F/∂cᵀ = 𝟏\n", run("jacobian", "diag(diag(ones(p)))*c", "--wrt", "c", "--let", "c: scalar").out());
    }

    /** vec(diag(v)) read back through (xᵀ ⊗ I) and (𝟏ᵀ ⊗ I) diag(vec(I)): xᵀ diag(x) x = Σ xᵢ³ has Hessian 6 diag(x). */
    @Test void diagonalMatricesOfTheVariable() {
        assertEquals("∂²f/∂x∂xᵀ = 6 diag(x)\n", run("hessian", "x'*diag(x)*x", "--wrt", "x").out());
        assertEquals("∂²f/∂x∂xᵀ = 2 (diag(x) A + diag(A x) + Aᵀ diag(x))\n", run("hessian", "x'*diag(x)*A*x", "--wrt", "x").out());
        assertEquals("∂²f/∂x∂xᵀ = B (diag(A x) + diag(x) A) + diag(Bᵀ x) A + diag(A x) Bᵀ + Aᵀ diag(Bᵀ x) + Aᵀ diag(x) Bᵀ\n",
                run("hessian", "x'*B*diag(x)*A*x", "--wrt", "x").out());
    }

    @Test void mixedBlocks() {
        MainTest.Run r = run("hessian", "x'*A*y + sum(exp(x))", "--wrt", "x", "--wrt", "y");
        assertEquals(0, r.code(), r.err());
        assertEquals("∂²f/∂x∂xᵀ = diag(exp(x))\n∂²f/∂x∂yᵀ = A\n∂²f/∂y∂xᵀ = Aᵀ\n∂²f/∂y∂yᵀ = 0\n", r.out());
    }

    @Test void valueGradientAndStackedHessianAtAPoint() throws Exception {
        MainTest.Run r = run("hessian", "x'*A*y + sum(exp(x))", "--wrt", "x", "--wrt", "y", "--json",
                "--at", "{\"x\": [0, 1], \"y\": [1, 2, 3], \"A\": [[1, 2, 3], [4, 5, 6]]}");
        assertEquals(0, r.code(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out());
        // f = xᵀ A y + e⁰ + e¹ = 32 + 1 + e.
        assertEquals(33 + Math.E, o.get("value").asDouble(), 1e-12);
        JsonNode h = o.get("hessian");
        assertEquals(5, h.size());
        assertEquals(1.0, h.get(0).get(0).asDouble(), 1e-15);
        assertEquals(Math.E, h.get(1).get(1).asDouble(), 1e-15);
        assertEquals(6.0, h.get(1).get(4).asDouble(), 1e-15);
        assertEquals(6.0, h.get(4).get(1).asDouble(), 1e-15);
        assertEquals(0.0, h.get(4).get(4).asDouble(), 1e-15);
        assertEquals("A", o.get("closed_form").get("x,y").asText());
        assertEquals("[[1.0,4.0],[2.0,5.0],[3.0,6.0]]", o.get("blocks").get("y").get("x").toString());
    }

    @Test void derivationIsTheJacobianOfTheGradient() {
        String out = run("hessian", "sum(exp(x))", "--wrt", "x", "--let", "x: vector(n)", "--steps").out();
        assertTrue(out.startsWith("∂f/∂x") && out.contains("[vec-hadamard]") && out.strip().endsWith("diag(exp(x))"), out);
    }

    @Test void commonSubexpressionsAreNamed() {
        MainTest.Run r = run("hessian", "sum(softplus(X*w)) - y'*X*w", "--wrt", "w", "--let", "X: matrix(m, n)", "--cse");
        assertEquals(0, r.code(), r.err());
        assertEquals("t₀ = σ(X w)\n∂²f/∂w∂wᵀ = Xᵀ diag(t₀ ⊙ (1 − t₀)) X\n", r.out());
    }

    @Test void latex() {
        assertEquals("\\frac{\\partial^2 f}{\\partial x \\partial x^\\top} = A + A^\\top\n", run("hessian", "x'*A*x", "--wrt", "x", "--format", "latex").out());
    }

    @Test void nonScalarFunctionPointsToTheJacobian() {
        MainTest.Run r = run("hessian", "A*x", "--wrt", "x");
        assertEquals(ExitCodes.USER_ERROR, r.code());
        assertTrue(r.err().contains("needs a scalar function") && r.err().contains("tracediff jacobian"), r.err());
        assertEquals("", r.out());
    }

    /**
     * Gradients through vec carry unvec (trace-vec rule); their Hessians need d unvec(v) = unvec(dv) and
     * vec(unvec(v)) = v. Found by the generated Hessians (111 of 2,000 were refused) and by review.
     */
    @Test void hessiansThroughVec() {
        MainTest.Run e = run("hessian", "sum(exp(vec(X)))", "--wrt", "X");
        assertEquals(0, e.code(), e.err());
        assertEquals("∂²f/∂vec(X)∂vec(X)ᵀ = diag(vec(exp(X)))\n", e.out());   // exp(vec(X)) is vec(exp(X)) (vec-entrywise)
        MainTest.Run q = run("hessian", "vec(X)'*A*vec(X)", "--wrt", "X");
        assertEquals(0, q.code(), q.err());
        assertEquals("∂²f/∂vec(X)∂vec(X)ᵀ = A + Aᵀ\n", q.out());
    }

    /** --cse --json states the blocks with their temporaries, as grad does (the option was ignored in JSON). */
    @Test void cseInJsonListsTheSubexpressions() {
        MainTest.Run r = run("hessian", "sum(exp(A*x))^2", "--wrt", "x", "--cse", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"printed\" : {\n    \"x\" : \"2 (Aᵀ t0 t0ᵀ + sum(t0) Aᵀ diag(t0)) A\""), r.out());
        assertTrue(r.out().contains("\"subexpressions\" : {\n    \"t0\" : \"exp(A*x)\""), r.out());
        MainTest.Run j = run("jacobian", "exp(A*x) .* sum(exp(A*x))", "--wrt", "x", "--cse", "--json");
        assertEquals(0, j.code(), j.err());
        assertTrue(j.out().contains("\"subexpressions\" : {\n    \"t0\" : \"exp(A*x)\""), j.out());
    }
}

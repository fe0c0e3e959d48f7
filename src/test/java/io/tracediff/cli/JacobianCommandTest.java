package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code tracediff jacobian}: closed forms, the derivation, numbers at values, and clean errors. */
class JacobianCommandTest {

    static MainTest.Run run(String... args) { return MainTest.run(args); }

    @Test void famousForms() {
        assertEquals("∂F/∂xᵀ = A\n", run("jacobian", "A*x", "--wrt", "x", "--let", "x: vector(n)").out());
        assertEquals("∂vec(F)/∂vec(X)ᵀ = Bᵀ ⊗ A\n",
                run("jacobian", "A*X*B", "--wrt", "X", "--let", "A: matrix(m, n); X: matrix(n, p); B: matrix(p, q)").out());
        assertEquals("∂vec(F)/∂vec(X)ᵀ = K_(m,n)\n", run("jacobian", "X'", "--wrt", "X", "--let", "X: matrix(m, n)").out());
        assertEquals("∂vec(F)/∂vec(X)ᵀ = −X⁻ᵀ ⊗ X⁻¹\n", run("jacobian", "inv(X)", "--wrt", "X").out());
        assertEquals("dvec(F)/dvec(X)' = diag(exp(X*b))*kron(b', eye(m))\n",
                run("jacobian", "exp(X*b)", "--wrt", "X", "--let", "X: matrix(m, n); b: vector(n)", "--format", "ascii").out());
    }

    @Test void derivationOfExpXb() {
        MainTest.Run r = run("jacobian", "exp(X*b)", "--wrt", "X", "--let", "X: matrix(m, n); b: vector(n)", "--steps");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                F                = exp(X b)
                vec(dF)          = exp(X b) ⊙ (dX b)                  [d-elementwise]
                                 = diag(exp(X b)) dX b                [vec-hadamard]
                                 = diag(exp(X b)) (bᵀ ⊗ I) vec(dX)    [vec-product-right]
                ∂vec(F)/∂vec(X)ᵀ = diag(exp(X b)) (bᵀ ⊗ I)
                """, r.out());
    }

    @Test void valuesAtAPointMatchTheHandComputedJacobian() throws Exception {
        // F = A X B with A = [1 2], X 2×2, B = [1; 1]: vec(F) = F = A X B, J = Bᵀ ⊗ A = [1 2 1 2].
        MainTest.Run r = run("jacobian", "A*X*B", "--wrt", "X", "--at", "{\"A\": [[1, 2]], \"X\": [[1, 2], [3, 4]], \"B\": [[1], [1]]}", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertEquals("[[1.0,2.0,1.0,2.0]]", o.get("jacobian").get("X").toString());
        assertEquals(17.0, o.get("value").asDouble(), 1e-12, o.toString()); // a 1×1 F is written as a number
        assertEquals("kron(B', A)", o.get("closed_form").get("X").asText());
    }

    @Test void commutationMatrixAtAPoint() throws Exception {
        MainTest.Run r = run("jacobian", "X'", "--wrt", "X", "--at", "{\"X\": [[1, 2, 3], [4, 5, 6]]}", "--json");
        assertEquals(0, r.code(), r.err());
        // K(2, 3) vec(X) = vec(Xᵀ): row j + 3i picks entry i + 2j.
        assertEquals("[[1.0,0.0,0.0,0.0,0.0,0.0],[0.0,0.0,1.0,0.0,0.0,0.0],[0.0,0.0,0.0,0.0,1.0,0.0],"
                + "[0.0,1.0,0.0,0.0,0.0,0.0],[0.0,0.0,0.0,1.0,0.0,0.0],[0.0,0.0,0.0,0.0,0.0,1.0]]",
                new ObjectMapper().readTree(r.out()).get("jacobian").get("X").toString());
    }

    @Test void scalarExpressionSuggestsTheGradient() {
        MainTest.Run r = run("jacobian", "x'*x", "--wrt", "x", "--let", "x: vector(n)");
        assertEquals(ExitCodes.USER_ERROR, r.code());
        assertTrue(r.err().contains("is a scalar") && r.err().contains("tracediff grad"), r.err());
        assertEquals("", r.out());
    }

    @Test void diagonalMatrixOfAVectorAtAPoint() throws Exception {
        MainTest.Run r = run("jacobian", "diag(x)", "--wrt", "x", "--let", "x: vector(n)", "--at", "{\"x\": [5, 7]}", "--json");
        assertEquals(0, r.code(), r.err());
        // vec(diag(x)) = [x₁, 0, 0, x₂].
        assertEquals("[[1.0,0.0],[0.0,0.0],[0.0,0.0],[0.0,1.0]]", new ObjectMapper().readTree(r.out()).get("jacobian").get("x").toString());
    }

    @Test void unknownVariableAndWrongValuesAreUserErrors() {
        MainTest.Run r = run("jacobian", "A*x", "--wrt", "z");
        assertEquals(ExitCodes.USER_ERROR, r.code());
        assertTrue(r.err().contains("'z' does not occur"), r.err());
        MainTest.Run v = run("jacobian", "A*x", "--wrt", "x", "--let", "x: vector(n)", "--at", "{\"A\": [[1, 2]], \"x\": [1, 2, 3]}");
        assertEquals(ExitCodes.USER_ERROR, v.code(), v.err());
    }
}

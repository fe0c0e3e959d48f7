package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The rows of the correctness issue: a size is a number (𝟏ᵀ𝟏 = N, tr(I) = n, sum(𝟏𝟏ᵀ) = m n) and every
 * command carries it, in the printed form and in the numbers. Values use distinct sizes (n = 3, N = 5 …),
 * and the expected numbers follow from the mathematics by hand, so a dropped factor fails both ways.
 */
class SizesAsScalarsTest {

    static MainTest.Run ok(String... args) {
        MainTest.Run r = MainTest.run(args);
        assertEquals(0, r.code(), () -> String.join(" ", args) + "\n" + r.err());
        return r;
    }

    static JsonNode json(String... args) throws Exception { return new ObjectMapper().readTree(ok(args).out()); }

    static void assertAll(JsonNode values, double expected) {
        assertTrue(values.size() > 0, values.toString());
        for (JsonNode row : values) {
            if (row.isArray()) for (JsonNode x : row) assertEquals(expected, x.asDouble(), 1e-9, values.toString());
            else assertEquals(expected, row.asDouble(), 1e-9, values.toString());
        }
    }

    @Test void sumOverABatchOfCentredSamples() throws Exception {
        String[] grad = {"grad", "sum(X - mu*ones(N)')", "--wrt", "mu", "--let", "X: matrix(n, N); mu: vector(n)"};
        assertEquals("∂f/∂μ = −N 𝟏\n", ok(grad).out());
        JsonNode j = json(grad[0], grad[1], grad[2], grad[3], grad[4], grad[5], "--at",
                "{\"X\": [[1,2,3,4,5],[6,7,8,9,10],[11,12,13,14,15]], \"mu\": [1,2,3]}");
        assertAll(j.get("gradient").get("mu"), -5);           // n = 3, N = 5: each entry −N
        assertEquals(2, j.get("self_check").get("points").asInt());
    }

    @Test void innerProductOfOnesIsTheSize() throws Exception {
        assertEquals("∂f/∂x = n 𝟏\n", ok("grad", "x'*ones(n)*ones(n)'*ones(n)", "--wrt", "x").out());
        assertAll(json("grad", "x'*ones(n)*ones(n)'*ones(n)", "--wrt", "x", "--at", "{\"x\": [1,2,3,4]}").get("gradient").get("x"), 4);
        assertEquals("df/dc = N\n", ok("grad", "c*(ones(N)'*ones(N))", "--wrt", "c", "--let", "c: scalar", "--format", "ascii").out());
        assertAll(json("grad", "c*(ones(N)'*ones(N))", "--wrt", "c", "--let", "c: scalar", "--at", "{\"c\": 2, \"N\": 7}").get("gradient"), 7);
    }

    @Test void aSizeGivenOnlyAsAValueBindsInGrad() throws Exception {
        assertEquals("∂f/∂x = N 𝟏\n", ok("grad", "sum(x*ones(N)')", "--wrt", "x").out());
        JsonNode j = json("grad", "sum(x*ones(N)')", "--wrt", "x", "--at", "{\"x\": [1,2,3], \"N\": 5}");
        assertEquals(30, j.get("value").asDouble(), 1e-12);    // N (1 + 2 + 3)
        assertAll(j.get("gradient").get("x"), 5);
        assertEquals("N*ones(n_x)", j.get("closed_form").get("x").asText());
    }

    @Test void traceOfTheIdentityIsTheSize() throws Exception {
        JsonNode j = json("grad", "c*tr(eye(n))", "--wrt", "c", "--let", "c: scalar", "--at", "{\"c\": 1, \"n\": 3}", "--json");
        assertEquals(3, j.get("gradient").get("c").asDouble(), 1e-12);
        assertEquals("n", j.get("closed_form").get("c").asText());
    }

    @Test void hessiansCarryTheBatchSize() throws Exception {
        assertEquals("∂²f/∂μ∂μᵀ = N I\n", ok("hessian", "0.5*norm2(mu*ones(N)')^2", "--wrt", "mu").out());
        JsonNode h = json("hessian", "0.5*norm2(mu*ones(N)')^2", "--wrt", "mu", "--at", "{\"mu\": [1,2,3], \"N\": 4}");
        for (int i = 0; i < 3; i++) for (int k = 0; k < 3; k++) assertEquals(i == k ? 4 : 0, h.get("hessian").get(i).get(k).asDouble(), 1e-12);
        assertEquals("∂²f/∂x∂xᵀ = 2 N Aᵀ A\n", ok("hessian", "norm_fro(A*x*ones(N)')^2", "--wrt", "x").out());
        // A = [[1,0,2],[0,1,1]]: AᵀA = [[1,0,2],[0,1,1],[2,1,5]], times 2N = 8.
        JsonNode g = json("hessian", "norm_fro(A*x*ones(N)')^2", "--wrt", "x", "--at", "{\"A\": [[1,0,2],[0,1,1]], \"x\": [1,1,1], \"N\": 4}");
        double[][] ata = {{1, 0, 2}, {0, 1, 1}, {2, 1, 5}};
        for (int i = 0; i < 3; i++) for (int k = 0; k < 3; k++) assertEquals(8 * ata[i][k], g.get("hessian").get(i).get(k).asDouble(), 1e-9);
    }

    @Test void jacobiansCarryTheBatchSize() throws Exception {
        assertEquals("∂F/∂xᵀ = N A\n", ok("jacobian", "A*x*ones(N)'*ones(N)", "--wrt", "x").out());
        JsonNode j = json("jacobian", "A*x*ones(N)'*ones(N)", "--wrt", "x", "--at", "{\"A\": [[1,2,3],[4,5,6]], \"x\": [1,1,1], \"N\": 5}");
        assertEquals("[[5.0,10.0,15.0],[20.0,25.0,30.0]]", j.get("jacobian").get("x").toString());
        assertEquals("∂F/∂μᵀ = −N I\n", ok("jacobian", "(X - mu*ones(N)')*ones(N)", "--wrt", "mu").out());
        JsonNode k = json("jacobian", "(X - mu*ones(N)')*ones(N)", "--wrt", "mu", "--at", "{\"X\": [[1,2,3,4],[5,6,7,8],[9,10,11,12]], \"mu\": [0,0,0]}");
        for (int i = 0; i < 3; i++) for (int c = 0; c < 3; c++) assertEquals(i == c ? -4 : 0, k.get("jacobian").get("mu").get(i).get(c).asDouble(), 1e-12);
    }

    @Test void productsOfAllOnesMatricesCountTheirInnerDimension() throws Exception {
        String[] g = {"grad", "sum(-((-(X' * ones(n, m))) * (b * ones(n, m))'))", "--wrt", "X", "--let", "X: matrix(n, m); b: scalar"};
        assertEquals("∂f/∂X = m n b 𝟏𝟏ᵀ\n", ok(g).out());
        JsonNode j = json(g[0], g[1], g[2], g[3], g[4], g[5], "--at", "{\"X\": [[1,2,3],[4,5,6]], \"b\": 1.5}");
        assertAll(j.get("gradient").get("X"), 1.5 * 2 * 3);   // b n m with n = 2, m = 3
        assertEquals("∂f/∂X = m 𝟏𝟏ᵀ\n", ok("grad", "sum(ones(m, n)*X)", "--wrt", "X").out());
        assertAll(json("grad", "sum(ones(m, n)*X)", "--wrt", "X", "--at", "{\"X\": [[1,2],[3,4],[5,6]], \"m\": 4}").get("gradient").get("X"), 4);
    }

    @Test void normOfAnOuterProductWithASumOfOnes() throws Exception {
        // f = ‖(𝟏𝟏ᵀ𝟏) yᵀ‖ = ‖n 𝟏 yᵀ‖ = n √n ‖y‖, so ∂f/∂y = n √n y / ‖y‖; n = 4, y = (3, 4): 8 (0.6, 0.8).
        JsonNode j = json("grad", "norm2(ones(n, n)*ones(n)*y')", "--wrt", "y", "--at", "{\"y\": [3, 4], \"n\": 4}");
        assertEquals(4.8, j.get("gradient").get("y").get(0).asDouble(), 1e-9);
        assertEquals(6.4, j.get("gradient").get("y").get(1).asDouble(), 1e-9);
        assertEquals(40, j.get("value").asDouble(), 1e-9);
    }

    @Test void sizesWrittenInAnExpression() throws Exception {
        // μ − (1/N) X 𝟏: the mean of the columns subtracted; X 3×2, so N = 2.
        MainTest.Run r = ok("eval", "mu - sum(X*ones(N))/N", "--let", "X: matrix(n, N); mu: vector(n)",
                "--at", "{\"X\": [[1,2],[3,4],[5,6]], \"mu\": [1,1,1]}");
        assertEquals("-9.5\n-9.5\n-9.5\n", r.out());
        JsonNode j = json("grad", "sum(x)/n", "--wrt", "x", "--let", "x: vector(n)", "--at", "{\"x\": [1,2,3,4]}");
        assertAll(j.get("gradient").get("x"), 0.25);
    }

    @Test void exactProofsUseDistinctSizes() {
        MainTest.Run r = ok("check", "sum(X - mu*ones(N)')", "--wrt", "mu", "--let", "X: matrix(n, N); mu: vector(n)", "--exact");
        assertTrue(r.out().contains("exact (N = 2, n = 3): proved") || r.out().contains("exact (N = 3, n = 2): proved"), r.out());
    }

    /** Found by the generated Hessians: (𝟏ᵀy) 𝟏ᵀ z scales a row by a scalar; regrouping it as a product of ones crashed. */
    @Test void aOneByOneFactorIsAScalingNotAProductOfOnes() throws Exception {
        String f = "arcsin(0.5*tanh(ones(1, m)*y*ones(1, p)*z))/sum(w)";
        JsonNode h = json("hessian", f, "--wrt", "y", "--wrt", "z", "--wrt", "w", "--json");
        assertEquals(2, h.get("self_check").get("points").asInt());
        JsonNode g = json("hessian", "sum(x' - ones(1, n))*norm2(ones(N, m)*y*ones(1, n)*w)", "--wrt", "y", "--wrt", "x", "--json");
        assertEquals(2, g.get("self_check").get("points").asInt());
    }

    /** The last row of the table: X⁰ = I is constant, so tr(A⁰) = n has gradient 0 (not a refusal about A⁻¹). */
    @Test void traceOfTheZerothPowerHasGradientZero() throws Exception {
        assertEquals("∂f/∂A = 0\n", ok("grad", "tr(A^0)", "--wrt", "A").out());
        assertEquals("∂f/∂A = 0\n", ok("grad", "tr(A'^0)", "--wrt", "A").out());
        JsonNode j = json("grad", "tr(A^0)", "--wrt", "A", "--at", "{\"A\": [[1,2,3],[4,5,6],[7,8,10]]}");
        assertEquals(3, j.get("value").asDouble(), 1e-12);      // tr(I₃)
        assertAll(j.get("gradient").get("A"), 0);
    }
}

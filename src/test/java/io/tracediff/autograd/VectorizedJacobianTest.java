package io.tracediff.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Jacobians and Hessians by batched vector–Jacobian products (vectorize) agree with one backward pass per row, for
 * every backward rule of the engine (the gradcheck list) and with respect to each of its inputs.
 */
class VectorizedJacobianTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tracediff.autograd.BackwardRulesGradcheckTest#rules")
    void batchedRowsEqualRowByRow(String name, Function<Tensor[], Tensor> f, Tensor[] inputs) {
        Random random = new Random(name.hashCode());
        for (int k = 0; k < inputs.length; k++) {
            if (!inputs[k].requiresGrad()) continue;
            int at = k;
            UnaryOperator<Tensor> g = z -> {
                Tensor[] xs = inputs.clone();
                xs[at] = z;
                return f.apply(xs);
            };
            Tensor x = inputs[k].detach();
            assertClose(Functional.jacobian(g, x, false, false), Functional.jacobian(g, x, false, true), name + " jacobian wrt " + k);
            Tensor weights = Tensor.randn(random, g.apply(x).shape());
            UnaryOperator<Tensor> scalar = z -> g.apply(z).mul(weights).sum();
            assertClose(Functional.hessian(scalar, x, false), Functional.hessian(scalar, x, true), name + " hessian wrt " + k);
        }
    }

    @Test
    void quadraticPlusExpHessianIsAPlusAtPlusDiagExp() {
        int n = 7;
        Random random = new Random(3);
        Tensor a = Tensor.randn(random, n, n), x = Tensor.randn(random, n);
        Tensor h = Functional.hessian(z -> z.matmul(a).dot(z).add(z.exp().sum()), x, true);
        Tensor expected = a.add(a.t()).add(Tensor.eye(n).mul(x.exp()));
        assertClose(expected, h, "x'Ax + sum(exp(x))");
    }

    @Test
    void largeOutputsAreSplitIntoChunksWithTheSameResult() {
        Tensor x = Tensor.randn(new Random(4), 2100);
        UnaryOperator<Tensor> f = z -> z.sin().mul(z);
        Tensor j = Functional.jacobian(f, x, false, true);
        double[] d = j.toArray();
        for (int i = 0; i < 2100; i += 97) {
            double xi = x.get(i);
            assertTrue(Math.abs(d[i * 2100 + i] - (Math.cos(xi) * xi + Math.sin(xi))) < 1e-12);
            assertTrue(d[i * 2100 + (i + 1) % 2100] == 0);
        }
    }

    private static void assertClose(Tensor expected, Tensor actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        double[] e = expected.toArray(), a = actual.toArray();
        for (int i = 0; i < e.length; i++)
            assertTrue(Math.abs(e[i] - a[i]) <= 1e-9 * (1 + Math.abs(e[i])), what + " at " + i + ": " + e[i] + " vs " + a[i]);
    }
}

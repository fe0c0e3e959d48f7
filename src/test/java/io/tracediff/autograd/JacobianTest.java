package io.tracediff.autograd;

import static io.tracediff.autograd.TensorAssertions.assertClose;
import static io.tracediff.autograd.TensorAssertions.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whole Jacobians, Hessians and their products (torch.autograd.functional), including the seed's examples. */
class JacobianTest {

    @Test
    void jacobianOfRowSumsOfExpHasOneNonZeroRowPerOutput() {
        Tensor x = Tensor.rand(new Random(11), 2, 3);
        Tensor j = Functional.jacobian(t -> t.exp().sum(1), x);
        assertArrayEquals(shape(2, 2, 3), j.shape());
        for (int out = 0; out < 2; out++)
            for (int row = 0; row < 2; row++)
                for (int col = 0; col < 3; col++)
                    assertEquals(out == row ? Math.exp(x.get(row, col)) : 0.0, j.get(out, row, col), 1e-12);
    }

    @Test
    void jacobianOfAddingAConstantIsTheIdentity() {
        Tensor.manualSeed(5);
        Tensor a = Tensor.randn(3);
        Tensor j = Functional.jacobian(x -> a.add(x), Tensor.rand(3));
        assertClose(Tensor.eye(3), j, 0);
    }

    @Test
    void onesTimesJacobianEqualsBackwardWithOnes() {
        Tensor x1 = Tensor.rand(new Random(2), 2, 3).requiresGrad(true);
        Tensor j = Functional.jacobian(t -> t.exp().sum(1), x1);
        Tensor y = x1.exp().sum(1);
        y.backward(Tensor.onesLike(y));
        Tensor viaJacobian = Tensor.onesLike(y).matmul(j.reshape(2, 6)).reshape(2, 3);
        assertClose(x1.grad(), viaJacobian, 1e-12);
        assertClose(x1.exp(), x1.grad(), 1e-12);
    }

    @Test
    void rowsOfAMatrixProductGradientAreOnesTimesTheRowJacobians() {
        Random random = new Random(4);
        Tensor a = Tensor.randn(random, 2, 3).requiresGrad(true);
        Tensor b = Tensor.randn(random, 3, 3).requiresGrad(true);
        Tensor y = a.matmul(b);
        y.backward(Tensor.onesLike(y));
        for (int r = 0; r < 2; r++) {
            Tensor jr = Functional.jacobian(row -> row.matmul(b.detach()), a.detach().row(r));
            assertClose(a.grad().row(r), Tensor.ones(3).matmul(jr), 1e-12);
        }
        for (int c = 0; c < 3; c++) {
            Tensor jc = Functional.jacobian(col -> a.detach().matmul(col), b.detach().col(c));
            assertClose(b.grad().col(c), Tensor.ones(2).matmul(jc), 1e-12);
        }
    }

    @Test
    void hessianOfCubicSumIsDiagonalSixX() {
        Tensor x = Tensor.tensor(1, -2, 0.5);
        Tensor h = Functional.hessian(t -> t.pow(3).sum(), x);
        assertClose(Tensor.fromArray(new double[] {6, 0, 0, 0, -12, 0, 0, 0, 3}, 3, 3), h, 1e-12);
    }

    @Test
    void hessianOfQuadraticFormIsASymmetrised() {
        Tensor a = Tensor.randn(new Random(8), 3, 3);
        Tensor h = Functional.hessian(x -> x.dot(a.matmul(x)), Tensor.randn(new Random(9), 3));
        assertClose(a.add(a.t()), h, 1e-12);
    }

    @Test
    void vjpJvpAndHvpAgreeWithTheFullJacobian() {
        Random random = new Random(10);
        Tensor w = Tensor.randn(random, 3, 4);
        Tensor x = Tensor.randn(random, 4);
        java.util.function.UnaryOperator<Tensor> f = t -> w.matmul(t).tanh();
        Tensor j = Functional.jacobian(f, x);
        Tensor u = Tensor.randn(random, 3), v = Tensor.randn(random, 4);
        Functional.Product vjp = Functional.vjp(f, x, u);
        assertClose(f.apply(x), vjp.output(), 0);
        assertClose(u.matmul(j), vjp.value(), 1e-12);
        assertClose(j.matmul(v), Functional.jvp(f, x, v).value(), 1e-12);
        java.util.function.UnaryOperator<Tensor> scalar = t -> f.apply(t).pow(2).sum();
        Tensor hessian = Functional.hessian(scalar, x);
        assertClose(hessian.matmul(v), Functional.hvp(scalar, x, v).value(), 1e-10);
    }
}

package io.tracediff.bench;

import io.tracediff.autograd.Autograd;
import io.tracediff.autograd.Functional;
import io.tracediff.autograd.Tensor;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Autograd engine costs: per-operation overhead of a chain of 100 tiny ops (forward + backward, reported per op),
 * forward + backward of the MLP loss ‖Y − W2·tanh(W1·X)‖² with all dimensions n (batch = n), and the full Hessian
 * of x'Ax + sum(exp(x)) by Functional.hessian, row by row or vectorized (PyTorch's peer: torch_grad.py's hessian).
 * Run: bench/run 'AutogradBench.hessian' -p n=300 -f 1 -wi 3 -i 5 -w 1s -r 1s -bm sample
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
public class AutogradBench {
    private static final int CHAIN = 100;

    @State(Scope.Thread)
    public static class Chain {
        Tensor x;

        @Setup(Level.Trial)
        public void setUp() { x = Tensor.tensor(0.5, -0.25, 1.0, 2.0); }
    }

    /** 100 ops alternating mul/add/tanh/…; the score is µs per op (forward and backward included). */
    @Benchmark
    @OperationsPerInvocation(CHAIN)
    public double tinyOpChain(Chain s) {
        Tensor leaf = s.x.detach().requiresGrad(true);
        Tensor y = leaf;
        for (int i = 0; i < CHAIN - 1; i++) {
            switch (i % 3) {
                case 0 -> y = y.mul(0.999);
                case 1 -> y = y.add(0.001);
                default -> y = y.tanh();
            }
        }
        y = y.sum();
        y.backward();
        return leaf.grad().data()[0];
    }

    @State(Scope.Thread)
    public static class TorchChain {
        Tensor x, c;

        @Setup(Level.Trial)
        public void setUp() {
            x = Tensor.tensor(new double[][] {{0.3}}).requiresGrad(true);
            c = Tensor.tensor(new double[][] {{1.0001}});
        }
    }

    /**
     * The PyTorch peer's overhead loop exactly (shared/peers/torch_grad.py, fwd_bwd): 50 × (z = z·c; z = sin z) on 1×1
     * tensors, then autograd.grad of the sum; µs per op.
     */
    @Benchmark
    @OperationsPerInvocation(CHAIN)
    public Tensor torchStyleChain(TorchChain s) {
        Tensor z = s.x;
        for (int i = 0; i < CHAIN / 2; i++) z = z.mul(s.c).sin();
        return Autograd.grad(z.sum(), s.x);
    }

    @State(Scope.Thread)
    public static class Mlp {
        @Param({"8", "64", "256"})
        int n;
        Tensor w1, w2, x, y;

        @Setup(Level.Trial)
        public void setUp() {
            Random random = new Random(42);
            w1 = Tensor.randn(random, n, n).div(Math.sqrt(n)).requiresGrad(true);
            w2 = Tensor.randn(random, n, n).div(Math.sqrt(n)).requiresGrad(true);
            x = Tensor.randn(random, n, n);
            y = Tensor.randn(random, n, n);
        }
    }

    @Benchmark
    public double mlpLossForwardBackward(Mlp s) {
        s.w1.setGrad(null);
        s.w2.setGrad(null);
        Tensor residual = s.y.sub(s.w2.mm(s.w1.mm(s.x).tanh()));
        Tensor loss = residual.mul(residual).sum();
        loss.backward();
        return s.w1.grad().data()[0] + s.w2.grad().data()[0];
    }

    @State(Scope.Thread)
    public static class Hessian {
        @Param({"10", "100", "300"})
        int n;

        @Param({"false", "true"})
        boolean vectorize;

        Tensor a, x0;

        @Setup(Level.Trial)
        public void setUp() {
            Random r = new Random(2);
            a = Tensor.randn(r, n, n);
            x0 = Tensor.randn(r, n).mul(0.1);
            Tensor h = Functional.hessian(this::f, x0, vectorize);
            Tensor expected = a.add(a.t()).add(Tensor.eye(n).mul(x0.exp()));
            if (!h.allclose(expected, 1e-9, 1e-9)) throw new IllegalStateException("the Hessian of x'Ax + sum(exp(x)) is wrong");
        }

        Tensor f(Tensor x) { return x.matmul(a.matmul(x)).add(x.exp().sum()); }
    }

    /** Full Hessian of x'Ax + sum(exp(x)) at n; vectorize = one batched pass instead of n reverse passes. */
    @Benchmark
    public Tensor hessian(Hessian s) { return Functional.hessian(s::f, s.x0, s.vectorize); }
}

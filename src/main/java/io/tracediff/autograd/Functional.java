package io.tracediff.autograd;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Whole derivatives of a function of one tensor, as {@code torch.autograd.functional}: Jacobian, Hessian,
 * vector–Jacobian, Jacobian–vector and Hessian–vector products. Built on {@link Autograd#grad}; the input is
 * used through a fresh leaf, so nothing's {@code .grad} changes.
 */
public final class Functional {
    private Functional() {}

    /** An output together with a product computed from it. */
    public record Product(Tensor output, Tensor value) {}

    /** J with shape output.shape ++ input.shape: J[i…, j…] = ∂f(x)[i…] / ∂x[j…]. */
    public static Tensor jacobian(UnaryOperator<Tensor> f, Tensor x) { return jacobian(f, x, false); }

    /** Jacobian; with {@code createGraph} the result is itself differentiable (when x requires grad). */
    public static Tensor jacobian(UnaryOperator<Tensor> f, Tensor x, boolean createGraph) { return jacobian(f, x, createGraph, false); }

    /** Elements of the identity seeds pushed through one batched pass at most (bounds memory for large outputs). */
    private static final int SEED_ELEMENTS_PER_PASS = 1 << 22;

    /**
     * Jacobian; with {@code vectorize} (PyTorch's {@code vectorize=True}) all rows come from batched vector–Jacobian
     * products, one backward pass over the graph with the identity as a batch of seeds (in chunks for large outputs),
     * instead of one backward pass per output element.
     */
    public static Tensor jacobian(UnaryOperator<Tensor> f, Tensor x, boolean createGraph, boolean vectorize) {
        Tensor in = input(x, createGraph);
        Tensor y = f.apply(in);
        int[] shape = Shapes.concat(y.shape, x.shape);
        if (!y.requiresGrad) return Tensor.zeros(shape);
        if (vectorize) {
            int m = y.numel();
            if (m == 0) return Tensor.zeros(shape);
            int chunk = (int) Math.max(1, Math.min(m, SEED_ELEMENTS_PER_PASS / Math.max(m, x.numel())));
            List<Tensor> parts = new ArrayList<>();
            for (int start = 0; start < m; start += chunk) {
                int rows = Math.min(chunk, m - start);
                double[] seeds = new double[rows * m];
                for (int r = 0; r < rows; r++) seeds[r * m + start + r] = 1;
                Tensor seed = new Tensor(seeds, Shapes.concat(new int[] {rows}, y.shape));
                Tensor g = Engine.runBatched(y, seed, new Tensor[] {in}, createGraph)[0];
                parts.add(g == null ? Tensor.zeros(Shapes.concat(new int[] {rows}, x.shape)) : g);
            }
            return (parts.size() == 1 ? parts.get(0) : Tensor.cat(parts, 0)).reshape(shape);
        }
        List<Tensor> rows = new ArrayList<>(y.numel());
        for (int i = 0; i < y.numel(); i++) {
            Tensor basis = Tensor.zerosLike(y);
            basis.data[i] = 1;
            Tensor row = Autograd.grad(List.of(y), List.of(in), List.of(basis), true, createGraph, true).get(0);
            rows.add(row == null ? Tensor.zerosLike(x) : row);
        }
        if (rows.isEmpty()) return Tensor.zeros(shape);
        return Tensor.stack(rows, 0).reshape(shape);
    }

    /** Hessian of a scalar function: shape input.shape ++ input.shape. */
    public static Tensor hessian(UnaryOperator<Tensor> f, Tensor x) { return hessian(f, x, false); }

    /** Hessian; with {@code vectorize} the Jacobian of the gradient is taken by batched vector–Jacobian products. */
    public static Tensor hessian(UnaryOperator<Tensor> f, Tensor x, boolean vectorize) {
        return jacobian(z -> gradientOrZeros(f.apply(z), z, true), x, false, vectorize);
    }

    /** vᵀ·J at x, with f(x); {@code v} has the output's shape. */
    public static Product vjp(UnaryOperator<Tensor> f, Tensor x, Tensor v) {
        Tensor in = input(x, false);
        Tensor y = f.apply(in);
        if (!y.requiresGrad) return new Product(y.detach(), Tensor.zerosLike(x));
        Tensor g = Autograd.grad(List.of(y), List.of(in), List.of(v), false, false, true).get(0);
        return new Product(y.detach(), g == null ? Tensor.zerosLike(x) : g);
    }

    /** J·v at x, with f(x); {@code v} has the input's shape. Computed by differentiating a vjp in its vector (double backward). */
    public static Product jvp(UnaryOperator<Tensor> f, Tensor x, Tensor v) {
        Tensor in = input(x, false);
        Tensor y = f.apply(in);
        if (!y.requiresGrad) return new Product(y.detach(), Tensor.zerosLike(y));
        Tensor u = Tensor.zerosLike(y).requiresGrad(true);
        Tensor gx = Autograd.grad(List.of(y), List.of(in), List.of(u), true, true, true).get(0);
        if (gx == null || !gx.requiresGrad) return new Product(y.detach(), Tensor.zerosLike(y));
        Tensor jv = Autograd.grad(List.of(gx), List.of(u), List.of(v), false, false, true).get(0);
        return new Product(y.detach(), jv == null ? Tensor.zerosLike(y) : jv);
    }

    /** H·v at x for a scalar f, with f(x). */
    public static Product hvp(UnaryOperator<Tensor> f, Tensor x, Tensor v) {
        Tensor in = input(x, false);
        Tensor y = f.apply(in);
        Tensor g = gradientOrZeros(y, in, true);
        if (!g.requiresGrad) return new Product(y.detach(), Tensor.zerosLike(x));
        Tensor hv = Autograd.grad(List.of(g), List.of(in), List.of(v), false, false, true).get(0);
        return new Product(y.detach(), hv == null ? Tensor.zerosLike(x) : hv);
    }

    private static Tensor input(Tensor x, boolean keepGraph) {
        if (keepGraph && x.requiresGrad) return x;
        return x.detach().requiresGrad(true);
    }

    private static Tensor gradientOrZeros(Tensor y, Tensor x, boolean createGraph) {
        if (!y.requiresGrad) return Tensor.zerosLike(x);
        Tensor g = Autograd.grad(List.of(y), List.of(x), null, true, createGraph, true).get(0);
        return g == null ? Tensor.zerosLike(x) : g;
    }
}

package io.tracediff.autograd;

import static io.tracediff.autograd.Graph.grads;

import io.tracediff.kernel.Elementwise;
import io.tracediff.kernel.Tanh;

/**
 * Elementwise operations. Each method is one operation: its forward loop over double[] and, next to it, its
 * backward rule in Tensor operations. Binary operations broadcast; equal shapes use the shared kernels of
 * {@link Elementwise}, others an index table precomputed from strides.
 */
final class Pointwise {
    private static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3, POW = 4;

    private Pointwise() {}

    // ------------------------------------------------------------ binary, broadcasting

    static Tensor add(Tensor a, Tensor b) {
        Tensor out = binary(a, b, ADD);
        if (!Graph.recording(a, b)) return out;
        int[] sa = a.shape, sb = b.shape;
        return Graph.batchable(Graph.attach(out, "AddBackward0", (n, g) -> grads(
                n.needsInputGrad(0) ? Batch.sumTo(g, sa) : null,
                n.needsInputGrad(1) ? Batch.sumTo(g, sb) : null), new Tensor[] {a, b}));
    }

    static Tensor sub(Tensor a, Tensor b) {
        Tensor out = binary(a, b, SUB);
        if (!Graph.recording(a, b)) return out;
        int[] sa = a.shape, sb = b.shape;
        return Graph.batchable(Graph.attach(out, "SubBackward0", (n, g) -> grads(
                n.needsInputGrad(0) ? Batch.sumTo(g, sa) : null,
                n.needsInputGrad(1) ? Batch.sumTo(g.neg(), sb) : null), new Tensor[] {a, b}));
    }

    static Tensor mul(Tensor a, Tensor b) {
        Tensor out = binary(a, b, MUL);
        if (!Graph.recording(a, b)) return out;
        return Graph.batchable(Graph.attach(out, "MulBackward0", (n, g) -> {
            Tensor x = n.saved(0), y = n.saved(1);
            return grads(n.needsInputGrad(0) ? Batch.sumTo(g.mul(y), x.shape) : null,
                         n.needsInputGrad(1) ? Batch.sumTo(g.mul(x), y.shape) : null);
        }, new Tensor[] {a, b}, a, b));
    }

    static Tensor div(Tensor a, Tensor b) {
        Tensor out = binary(a, b, DIV);
        if (!Graph.recording(a, b)) return out;
        return Graph.batchable(Graph.attach(out, "DivBackward0", (n, g) -> {
            Tensor x = n.saved(0), y = n.saved(1);
            Tensor gx = g.div(y);
            return grads(n.needsInputGrad(0) ? Batch.sumTo(gx, x.shape) : null,
                         n.needsInputGrad(1) ? Batch.sumTo(gx.mul(x).div(y).neg(), y.shape) : null);
        }, new Tensor[] {a, b}, a, b));
    }

    /** aᵇ; d/da = b·aᵇ⁻¹, d/db = aᵇ·log a. */
    static Tensor pow(Tensor a, Tensor b) {
        Tensor out = binary(a, b, POW);
        if (!Graph.recording(a, b)) return out;
        return Graph.batchable(Graph.attach(out, "PowBackward1", (n, g) -> {
            Tensor x = n.saved(0), y = n.saved(1), z = n.saved(2);
            return grads(n.needsInputGrad(0) ? Batch.sumTo(g.mul(y).mul(x.pow(y.sub(1.0))), x.shape) : null,
                         n.needsInputGrad(1) ? Batch.sumTo(g.mul(z).mul(x.log()), y.shape) : null);
        }, new Tensor[] {a, b}, a, b, out));
    }

    /**
     * PyTorch's type promotion for the dtypes here: any float operand gives float (so does true division); otherwise
     * bool with bool stays bool for + (logical or) and * (and), and mixes with int64 give int64; − refuses bools.
     */
    private static Tensor.Dtype resultType(Tensor.Dtype a, Tensor.Dtype b, int op) {
        boolean bools = a == Tensor.Dtype.BOOL && b == Tensor.Dtype.BOOL;
        if (op == SUB && (a == Tensor.Dtype.BOOL || b == Tensor.Dtype.BOOL))
            throw new IllegalArgumentException(bools
                    ? "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead."
                    : "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or "
                      + "`logical_not()` operator instead.");
        if (a == Tensor.Dtype.FLOAT32 || b == Tensor.Dtype.FLOAT32 || op == DIV) return Tensor.Dtype.FLOAT32;
        return bools && (op == ADD || op == MUL) ? Tensor.Dtype.BOOL : Tensor.Dtype.INT64;
    }

    /** The dtype of a tensor combined with a Java constant: a whole constant keeps integers integral (PyTorch's int scalar). */
    static Tensor.Dtype withConstant(Tensor a, double c, int op) {
        if (a.isFloating() || op == DIV || c != Math.rint(c) || !Double.isFinite(c)) return Tensor.Dtype.FLOAT32;
        if (op == SUB && a.dtype == Tensor.Dtype.BOOL) resultType(a.dtype, a.dtype, SUB);
        return Tensor.Dtype.INT64;
    }

    private static Tensor binary(Tensor a, Tensor b, int op) {
        Tensor.Dtype dtype = resultType(a.dtype, b.dtype, op);
        int[] shape = Shapes.broadcast(a.shape, b.shape);
        int n = Shapes.numel(shape);
        double[] x = a.data, z = b.data, y = new double[n];
        if (x.length == n && z.length == n) {      // same layout (only leading 1s may differ)
            switch (op) {
                case ADD -> Elementwise.add(x, z, y);
                case SUB -> Elementwise.subtract(x, z, y);
                case MUL -> Elementwise.hadamard(x, z, y);
                case DIV -> { for (int i = 0; i < n; i++) y[i] = x[i] / z[i]; }
                default -> { for (int i = 0; i < n; i++) y[i] = Math.pow(x[i], z[i]); }
            }
        } else if (z.length > 0 && x.length == n && Shapes.isTrailingBlock(b.shape, shape)) {
            // b repeats along leading dimensions only (a batch of gradients against one saved tensor): index i mod |b|
            int m = z.length;
            for (int start = 0; start < n; start += m)
                for (int j = 0; j < m; j++) y[start + j] = apply(op, x[start + j], z[j]);
        } else if (x.length > 0 && z.length == n && Shapes.isTrailingBlock(a.shape, shape)) {
            int m = x.length;
            for (int start = 0; start < n; start += m)
                for (int j = 0; j < m; j++) y[start + j] = apply(op, x[j], z[start + j]);
        } else {
            int[] xi = Shapes.broadcastIndex(a.shape, shape), zi = Shapes.broadcastIndex(b.shape, shape);
            switch (op) {
                case ADD -> { for (int i = 0; i < n; i++) y[i] = x[xi[i]] + z[zi[i]]; }
                case SUB -> { for (int i = 0; i < n; i++) y[i] = x[xi[i]] - z[zi[i]]; }
                case MUL -> { for (int i = 0; i < n; i++) y[i] = x[xi[i]] * z[zi[i]]; }
                case DIV -> { for (int i = 0; i < n; i++) y[i] = x[xi[i]] / z[zi[i]]; }
                default -> { for (int i = 0; i < n; i++) y[i] = Math.pow(x[xi[i]], z[zi[i]]); }
            }
        }
        if (dtype == Tensor.Dtype.BOOL) for (int i = 0; i < n; i++) y[i] = y[i] != 0 ? 1 : 0;
        return Tensor.typed(new Tensor(y, shape), dtype);
    }

    private static double apply(int op, double x, double z) {
        return switch (op) {
            case ADD -> x + z;
            case SUB -> x - z;
            case MUL -> x * z;
            case DIV -> x / z;
            default -> Math.pow(x, z);
        };
    }

    // ------------------------------------------------------------ comparisons (boolean results, never recorded)

    enum Comparison { EQ, NE, LT, LE, GT, GE }

    static Tensor compare(Tensor a, Tensor b, Comparison op) {
        int[] shape = Shapes.broadcast(a.shape, b.shape);
        int n = Shapes.numel(shape);
        int[] xi = Shapes.broadcastIndex(a.shape, shape), zi = Shapes.broadcastIndex(b.shape, shape);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = holds(a.data[xi[i]], b.data[zi[i]], op) ? 1 : 0;
        return Tensor.bool(y, shape);
    }

    static Tensor compare(Tensor a, double c, Comparison op) {
        double[] y = new double[a.data.length];
        for (int i = 0; i < y.length; i++) y[i] = holds(a.data[i], c, op) ? 1 : 0;
        return Tensor.bool(y, a.shape);
    }

    private static boolean holds(double x, double z, Comparison op) {
        return switch (op) {
            case EQ -> x == z;
            case NE -> x != z;
            case LT -> x < z;
            case LE -> x <= z;
            case GT -> x > z;
            case GE -> x >= z;
        };
    }

    // ------------------------------------------------------------ with a constant

    static Tensor addScalar(Tensor a, double c) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = x[i] + c;
        Tensor out = Tensor.typed(new Tensor(y, a.shape), withConstant(a, c, ADD));
        return Graph.recording(a) ? Graph.batchable(Graph.attach(out, "AddBackward0", (n, g) -> grads(g), a)) : out;
    }

    static Tensor subScalar(Tensor a, double c) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = x[i] - c;
        Tensor out = Tensor.typed(new Tensor(y, a.shape), withConstant(a, c, SUB));
        return Graph.recording(a) ? Graph.batchable(Graph.attach(out, "SubBackward0", (n, g) -> grads(g), a)) : out;
    }

    /** a / c, divided (not multiplied by 1/c) so values match PyTorch's bit for bit; {@code name} is DivBackward0 or 1. */
    static Tensor divScalar(Tensor a, double c, String name) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = x[i] / c;
        Tensor out = new Tensor(y, a.shape);
        return Graph.recording(a) ? Graph.batchable(Graph.attach(out, name, (n, g) -> grads(g.div(c)), a)) : out;
    }

    static Tensor rsubScalar(Tensor a, double c) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = c - x[i];
        Tensor out = Tensor.typed(new Tensor(y, a.shape), withConstant(a, c, SUB));
        return Graph.recording(a) ? Graph.batchable(Graph.attach(out, "RsubBackward1", (n, g) -> grads(g.neg()), a)) : out;
    }

    static Tensor mulScalar(Tensor a, double c) {
        Tensor out = Tensor.typed(new Tensor(Elementwise.scale(c, a.data, new double[a.data.length]), a.shape), withConstant(a, c, MUL));
        return Graph.recording(a) ? Graph.batchable(Graph.attach(out, "MulBackward0", (n, g) -> grads(g.mul(c)), a)) : out;
    }

    static Tensor powScalar(Tensor a, double p) {
        double[] x = a.data, y = new double[x.length];
        if (p == 2) for (int i = 0; i < x.length; i++) y[i] = x[i] * x[i];
        else for (int i = 0; i < x.length; i++) y[i] = Math.pow(x[i], p);
        Tensor out = new Tensor(y, a.shape);
        if (!Graph.recording(a)) return out;
        return Graph.batchable(Graph.attach(out, "PowBackward0", (n, g) -> grads(
                p == 0 ? Tensor.zerosLike(g) : p == 1 ? g : g.mul(n.saved(0).pow(p - 1).mul(p))), a, a));
    }

    // ------------------------------------------------------------ unary

    static Tensor neg(Tensor a) {
        if (a.isBool())
            throw new IllegalArgumentException("Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a "
                    + "mask, use the `~` or `logical_not()` operator instead.");
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = -x[i];
        Tensor out = Tensor.typed(new Tensor(y, a.shape), a.dtype);
        return Graph.recording(a) ? Graph.batchable(Graph.attach(out, "NegBackward0", (n, g) -> grads(g.neg()), a)) : out;
    }

    static Tensor exp(Tensor a) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = Math.exp(x[i]);
        Tensor out = new Tensor(y, a.shape);
        return Graph.recording(a) ? Graph.batchable(Graph.attach(out, "ExpBackward0", (n, g) -> grads(g.mul(n.saved(0))), a, out)) : out;
    }

    static Tensor log(Tensor a) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = Math.log(x[i]);
        Tensor out = new Tensor(y, a.shape);
        return Graph.recording(a) ? Graph.batchable(Graph.attach(out, "LogBackward0", (n, g) -> grads(g.div(n.saved(0))), a, a)) : out;
    }

    static Tensor sin(Tensor a) { return unary(a, Math::sin, "SinBackward0", false, (g, x) -> g.mul(x.cos())); }

    static Tensor cos(Tensor a) { return unary(a, Math::cos, "CosBackward0", false, (g, x) -> g.mul(x.sin()).neg()); }

    /**
     * f entry by entry, its backward {@code backward(g, saved)} recorded under PyTorch's name; {@code saved} is the
     * input, or the output where {@code fromOutput} (tan's 1 + tan² is cheaper from it).
     */
    private static Tensor unary(Tensor a, java.util.function.DoubleUnaryOperator f, String name, boolean fromOutput,
                                java.util.function.BinaryOperator<Tensor> backward) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = f.applyAsDouble(x[i]);
        Tensor out = new Tensor(y, a.shape);
        if (!Graph.recording(a)) return out;
        return Graph.batchable(Graph.attach(out, name, (n, g) -> grads(backward.apply(g, n.saved(0))), a, fromOutput ? out : a));
    }

    /** d sinh = cosh: as torch.sinh, so sinh(10⁻²⁰ a) is 10⁻²⁰ a, where (eˣ − e⁻ˣ)/2 gave 0. */
    static Tensor sinh(Tensor a) { return unary(a, Math::sinh, "SinhBackward0", false, (g, x) -> g.mul(x.cosh())); }

    static Tensor cosh(Tensor a) { return unary(a, Math::cosh, "CoshBackward0", false, (g, x) -> g.mul(x.sinh())); }

    /** d tan = 1 + tan², from the saved output (PyTorch's TanBackward0). */
    static Tensor tan(Tensor a) { return unary(a, Math::tan, "TanBackward0", true, (g, t) -> g.mul(t.mul(t).add(1))); }

    /** log(1 + x) without losing a small x; d log1p = 1/(1 + x). */
    static Tensor log1p(Tensor a) { return unary(a, Math::log1p, "Log1pBackward0", false, (g, x) -> g.div(x.add(1))); }

    /**
     * eˣ − 1 without losing a small x; d expm1 = eˣ, from the input: PyTorch's result + 1 cancels for x ≪ 0 (expm1(−27)
     * + 1 keeps 4 digits of e⁻²⁷), and the self-check refused the closed form's exact eˣ against it.
     */
    static Tensor expm1(Tensor a) { return unary(a, Math::expm1, "Expm1Backward0", false, (g, x) -> g.mul(x.exp())); }

    /** d tanh = 1 − tanh², from the saved output. */
    static Tensor tanh(Tensor a) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = tanh(x[i]);
        Tensor out = new Tensor(y, a.shape);
        if (!Graph.recording(a)) return out;
        return Graph.batchable(Graph.attach(out, "TanhBackward0", (n, g) -> {
            Tensor t = n.saved(0);
            return grads(g.mul(t.mul(t).rsub(1)));
        }, a, out));
    }

    /** tanh within 3 ulps at a quarter of {@link Math#tanh}'s cost (it dominated the MLP benchmark): {@link Tanh}. */
    static double tanh(double x) { return Tanh.tanh(x); }

    /** d σ = σ(1 − σ), from the saved output. */
    static Tensor sigmoid(Tensor a) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = sigmoid(x[i]);
        Tensor out = new Tensor(y, a.shape);
        if (!Graph.recording(a)) return out;
        return Graph.batchable(Graph.attach(out, "SigmoidBackward0", (n, g) -> {
            Tensor s = n.saved(0);
            return grads(g.mul(s.mul(s.rsub(1))));
        }, a, out));
    }

    static double sigmoid(double v) {
        if (v >= 0) return 1 / (1 + Math.exp(-v));
        double e = Math.exp(v);
        return e / (1 + e);
    }

    static Tensor relu(Tensor a) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = x[i] > 0 ? x[i] : 0;
        Tensor out = new Tensor(y, a.shape);
        return Graph.recording(a) ? Graph.batchable(Graph.attach(out, "ReluBackward0", (n, g) -> grads(g.mul(positive(n.saved(0)))), a, a)) : out;
    }

    /** 1 where x &gt; 0, else 0 (a float constant): the derivative of relu. */
    private static Tensor positive(Tensor a) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = x[i] > 0 ? 1 : 0;
        return new Tensor(y, a.shape);
    }

    /** log(1 + eˣ) = max(x, 0) + log1p(e^−|x|); derivative σ(x). */
    static Tensor softplus(Tensor a) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = Math.max(x[i], 0) + Math.log1p(Math.exp(-Math.abs(x[i])));
        Tensor out = new Tensor(y, a.shape);
        return Graph.recording(a) ? Graph.batchable(Graph.attach(out, "SoftplusBackward0", (n, g) -> grads(g.mul(n.saved(0).sigmoid())), a, a)) : out;
    }

    /** Gradient sign(x), with sign(0) = 0 as in PyTorch. */
    static Tensor abs(Tensor a) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = Math.abs(x[i]);
        Tensor out = new Tensor(y, a.shape);
        if (!Graph.recording(a)) return out;
        return Graph.batchable(Graph.attach(out, "AbsBackward0", (n, g) -> {
            double[] v = n.saved(0).data, sign = new double[v.length];
            for (int i = 0; i < v.length; i++) sign[i] = Math.signum(v[i]);
            return grads(g.mul(new Tensor(sign, n.saved(0).shape)));
        }, a, a));
    }

    static Tensor atan(Tensor a) { return unary(a, Math::atan, "AtanBackward0", false, (g, x) -> g.div(x.pow(2).add(1))); }

    static Tensor asin(Tensor a) { return unary(a, Math::asin, "AsinBackward0", false, (g, x) -> g.div(x.pow(2).rsub(1).sqrt())); }

    static Tensor acos(Tensor a) { return unary(a, Math::acos, "AcosBackward0", false, (g, x) -> g.div(x.pow(2).rsub(1).sqrt()).neg()); }

    static Tensor sqrt(Tensor a) { return unary(a, Math::sqrt, "SqrtBackward0", true, (g, s) -> g.div(s.mul(2))); }

    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    static Tensor erf(Tensor a) {
        return unary(a, io.tracediff.kernel.Erf::erf, "ErfBackward0", false, (g, x) -> g.mul(x.pow(2).neg().exp().mul(TWO_OVER_SQRT_PI)));
    }

    static Tensor clamp(Tensor a, double min, double max) {
        if (min > max) throw new IllegalArgumentException("clamp: min (" + min + ") must be <= max (" + max + ")");
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = Math.min(Math.max(x[i], min), max);
        Tensor out = new Tensor(y, a.shape);
        if (!Graph.recording(a)) return out;
        return Graph.batchable(Graph.attach(out, "ClampBackward1", (n, g) -> {
            double[] v = n.saved(0).data, inside = new double[v.length];
            for (int i = 0; i < v.length; i++) inside[i] = v[i] >= min && v[i] <= max ? 1 : 0;
            return grads(g.mul(new Tensor(inside, n.saved(0).shape)));
        }, a, a));
    }
}

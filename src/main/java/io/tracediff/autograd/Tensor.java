package io.tracediff.autograd;

import io.tracediff.kernel.Elementwise;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A dense, row-major tensor of doubles that records the operations applied to it, PyTorch-style: set
 * {@link #requiresGrad(boolean)} on leaves, compute with ordinary Java (loops and ifs included), call
 * {@link #backward()} and read {@link #grad()}. Operations never modify their operands; shapes broadcast like NumPy.
 *
 * <pre>{@code
 * Tensor x = Tensor.arange(4).requiresGrad(true);
 * Tensor y = x.dot(x).mul(2);     // y = 2 xᵀx
 * y.backward();
 * x.grad();                       // tensor([0., 4., 8., 12.])
 * }</pre>
 */
public final class Tensor {
    private static final Random SHARED_RANDOM = new Random();

    final double[] data;
    final int[] shape;
    boolean requiresGrad;
    Node gradFn;
    private AccumulateGrad accumulator;
    private Tensor grad;
    private boolean retainsGrad;

    Tensor(double[] data, int[] shape) {
        this.data = data;
        this.shape = shape;
    }

    // ---------------------------------------------------------------- factories

    /** A 1-D tensor holding {@code values} (copied). */
    public static Tensor tensor(double... values) { return new Tensor(values.clone(), new int[] {values.length}); }

    /** A 2-D tensor from rows of equal length (copied). */
    public static Tensor tensor(double[][] rows) {
        int r = rows.length, c = r == 0 ? 0 : rows[0].length;
        double[] d = new double[io.tracediff.limits.Entries.of(r, c)];
        for (int i = 0; i < r; i++) {
            if (rows[i].length != c) throw new IllegalArgumentException("expected sequence of length " + c + " at dim 1 (got " + rows[i].length + ")");
            System.arraycopy(rows[i], 0, d, i * c, c);
        }
        return new Tensor(d, new int[] {r, c});
    }

    /** A tensor of the given shape over a copy of row-major {@code values}. */
    public static Tensor fromArray(double[] values, int... shape) {
        if (Shapes.numel(shape) != values.length)
            throw new IllegalArgumentException("shape '" + Arrays.toString(shape) + "' is invalid for input of size " + values.length);
        return new Tensor(values.clone(), shape.clone());
    }

    /** A 0-dimensional tensor. */
    public static Tensor scalar(double value) { return new Tensor(new double[] {value}, Shapes.SCALAR); }

    public static Tensor zeros(int... shape) { return new Tensor(new double[checkedNumel(shape)], shape.clone()); }

    public static Tensor ones(int... shape) { return full(1.0, shape); }

    public static Tensor full(double value, int... shape) {
        double[] d = new double[checkedNumel(shape)];
        Arrays.fill(d, value);
        return new Tensor(d, shape.clone());
    }

    public static Tensor eye(int n) { return eye(n, n); }

    /** n×m with ones on the main diagonal. */
    public static Tensor eye(int n, int m) {
        double[] d = new double[io.tracediff.limits.Entries.of(n, m)];
        for (int i = 0; i < Math.min(n, m); i++) d[i * m + i] = 1;
        return new Tensor(d, new int[] {n, m});
    }

    /** 0, 1, …, end−1. */
    public static Tensor arange(double end) { return arange(0, end, 1); }

    public static Tensor arange(double start, double end) { return arange(start, end, 1); }

    public static Tensor arange(double start, double end, double step) {
        if (step == 0) throw new IllegalArgumentException("step must be nonzero");
        int n = (int) Math.max(0, Math.ceil((end - start) / step));
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = start + i * step;
        return new Tensor(d, new int[] {n});
    }

    /** Seeds the generator behind {@link #rand(int...)} and {@link #randn(int...)}, like {@code torch.manual_seed}. */
    public static void manualSeed(long seed) {
        synchronized (SHARED_RANDOM) { SHARED_RANDOM.setSeed(seed); }
    }

    /** Uniform on [0, 1) from the shared, seedable generator. */
    public static Tensor rand(int... shape) {
        synchronized (SHARED_RANDOM) { return rand(SHARED_RANDOM, shape); }
    }

    public static Tensor rand(Random random, int... shape) {
        double[] d = new double[checkedNumel(shape)];
        for (int i = 0; i < d.length; i++) d[i] = random.nextDouble();
        return new Tensor(d, shape.clone());
    }

    /** Standard normal from the shared, seedable generator. */
    public static Tensor randn(int... shape) {
        synchronized (SHARED_RANDOM) { return randn(SHARED_RANDOM, shape); }
    }

    public static Tensor randn(Random random, int... shape) {
        double[] d = new double[checkedNumel(shape)];
        for (int i = 0; i < d.length; i++) d[i] = random.nextGaussian();
        return new Tensor(d, shape.clone());
    }

    public static Tensor onesLike(Tensor t) { return full(1.0, t.shape); }

    public static Tensor zerosLike(Tensor t) { return new Tensor(new double[t.data.length], t.shape); }

    private static int checkedNumel(int[] shape) {
        for (int s : shape) if (s < 0) throw new IllegalArgumentException("Trying to create tensor with negative dimension " + s + ": " + Arrays.toString(shape));
        return Shapes.numel(shape);   // long arithmetic, checked against the entries limit
    }

    // ---------------------------------------------------------------- properties

    public int[] shape() { return shape.clone(); }

    public int size(int dim) { return shape[Shapes.wrapDim(dim, shape.length)]; }

    public int dim() { return shape.length; }

    public int numel() { return data.length; }

    /** The value of a one-element tensor. */
    public double item() {
        if (data.length != 1) throw new IllegalStateException("a Tensor with " + data.length + " elements cannot be converted to Scalar");
        return data[0];
    }

    /** The element at a full index (negative indices count from the end). */
    public double get(int... index) {
        if (index.length != shape.length)
            throw new IllegalArgumentException("expected " + shape.length + " indices for a tensor of shape " + Arrays.toString(shape) + ", got " + index.length);
        int offset = 0;
        for (int d = 0; d < index.length; d++) offset = offset * shape[d] + wrapIndex(index[d], d);
        return data[offset];
    }

    /** A copy of the row-major values. */
    public double[] toArray() { return data.clone(); }

    /**
     * The live row-major storage (PyTorch's {@code .data}): writes bypass autograd. Optimizers update
     * parameters through it; views made by {@link #reshape} share it.
     */
    public double[] data() { return data; }

    // ---------------------------------------------------------------- autograd state

    public boolean requiresGrad() { return requiresGrad; }

    /** Marks a leaf as requiring grad (PyTorch's {@code requires_grad_}); returns this. */
    public Tensor requiresGrad(boolean requires) {
        if (gradFn != null)
            throw new IllegalStateException("you can only change requires_grad flags of leaf variables. If you want to use a computed "
                    + "variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().");
        requiresGrad = requires;
        return this;
    }

    /** True for tensors created by the user rather than by a recorded operation. */
    public boolean isLeaf() { return gradFn == null; }

    /** The backward node that produced this tensor, or null for leaves. */
    public Node gradFn() { return gradFn; }

    /** The accumulated gradient: set on leaves that require grad and on non-leaves that called {@link #retainGrad()}. */
    public Tensor grad() { return grad; }

    /** Replaces the gradient (null clears it), as assigning {@code x.grad} does. */
    public void setGrad(Tensor gradient) {
        if (gradient != null && !Arrays.equals(gradient.shape, shape))
            throw new IllegalArgumentException("assigned grad has data of a different size");
        grad = gradient;
    }

    /** Zeroes the gradient in place if there is one ({@code x.grad.zero_()}). */
    public void zeroGrad() {
        if (grad != null) Arrays.fill(grad.data, 0.0);
    }

    /** Asks a non-leaf to keep its gradient in {@link #grad()} during backward; a no-op on leaves. */
    public Tensor retainGrad() {
        if (!requiresGrad) throw new IllegalStateException("can't retain_grad on Tensor that has requires_grad=False");
        if (gradFn != null) {
            retainsGrad = true;
            gradFn.retainedOutput = this;
        }
        return this;
    }

    public boolean retainsGrad() { return retainsGrad; }

    /** The same values cut from the graph: a leaf that does not require grad. Shares storage, like PyTorch. */
    public Tensor detach() { return new Tensor(data, shape); }

    AccumulateGrad accumulator() {
        if (accumulator == null) accumulator = new AccumulateGrad(this);
        return accumulator;
    }

    /**
     * Adds an incoming gradient into {@code .grad}. The first gradient is copied, never stored as is: the engine may
     * hand one tensor to several leaves (an add's two inputs) or pass the caller's gradient through, and a later
     * in-place accumulation must not change those. Differentiable gradients (create_graph) are added out of place.
     */
    void accumulateGrad(Tensor g, boolean createGraph) {
        if (grad == null) {
            grad = g.requiresGrad ? g.copy() : new Tensor(g.data.clone(), shape);
        } else if (createGraph || grad.requiresGrad || g.requiresGrad) {
            grad = grad.add(g);
        } else {
            Elementwise.add(grad.data, g.data, grad.data);
        }
    }

    // ---------------------------------------------------------------- backward

    /** Backward from a one-element tensor: accumulates dself/dleaf into every leaf's {@link #grad()}. */
    public void backward() { backward(null, false, false); }

    /** The vector–Jacobian product with {@code gradient} (same shape as this) accumulated into the leaves. */
    public void backward(Tensor gradient) { backward(gradient, false, false); }

    /**
     * Full form: {@code retainGraph} keeps saved tensors for another backward; {@code createGraph} records the
     * backward pass itself so the resulting gradients can be differentiated again.
     */
    public void backward(Tensor gradient, boolean retainGraph, boolean createGraph) {
        Engine.run(new Tensor[] {this}, new Tensor[] {gradient}, retainGraph || createGraph, createGraph, null, false);
    }

    // ---------------------------------------------------------------- elementwise

    public Tensor add(Tensor other) { return Pointwise.add(this, other); }

    public Tensor add(double c) { return Pointwise.addScalar(this, c); }

    public Tensor sub(Tensor other) { return Pointwise.sub(this, other); }

    public Tensor sub(double c) { return Pointwise.addScalar(this, -c); }

    /** c − this. */
    public Tensor rsub(double c) { return Pointwise.rsubScalar(this, c); }

    public Tensor mul(Tensor other) { return Pointwise.mul(this, other); }

    public Tensor mul(double c) { return Pointwise.mulScalar(this, c); }

    public Tensor div(Tensor other) { return Pointwise.div(this, other); }

    public Tensor div(double c) { return Pointwise.mulScalar(this, 1.0 / c); }

    public Tensor neg() { return Pointwise.neg(this); }

    public Tensor pow(double exponent) { return Pointwise.powScalar(this, exponent); }

    public Tensor pow(Tensor exponent) { return Pointwise.pow(this, exponent); }

    public Tensor exp() { return Pointwise.exp(this); }

    public Tensor log() { return Pointwise.log(this); }

    public Tensor sin() { return Pointwise.sin(this); }

    public Tensor cos() { return Pointwise.cos(this); }

    public Tensor tanh() { return Pointwise.tanh(this); }

    public Tensor sigmoid() { return Pointwise.sigmoid(this); }

    public Tensor relu() { return Pointwise.relu(this); }

    /** log(1 + eˣ), computed without overflow. */
    public Tensor softplus() { return Pointwise.softplus(this); }

    public Tensor abs() { return Pointwise.abs(this); }

    public Tensor atan() { return Pointwise.atan(this); }

    public Tensor asin() { return Pointwise.asin(this); }

    public Tensor acos() { return Pointwise.acos(this); }

    public Tensor sqrt() { return Pointwise.sqrt(this); }

    /** Limits to [min, max]; pass infinities for a one-sided clamp. Gradient 1 inside the range (bounds included), 0 outside. */
    public Tensor clamp(double min, double max) { return Pointwise.clamp(this, min, max); }

    /** 1 where this &gt; c, else 0; a constant (never requires grad). */
    public Tensor gt(double c) {
        double[] y = new double[data.length];
        for (int i = 0; i < y.length; i++) y[i] = data[i] > c ? 1 : 0;
        return new Tensor(y, shape);
    }

    // ---------------------------------------------------------------- linear algebra

    /** PyTorch's matmul for 1-D and 2-D operands: dot, matrix–vector, vector–matrix or matrix–matrix product. */
    public Tensor matmul(Tensor other) { return LinearAlgebra.matmul(this, other); }

    /** Matrix product of two 2-D tensors. */
    public Tensor mm(Tensor other) { return LinearAlgebra.mm(this, false, other, false); }

    /** Inner product of two 1-D tensors. */
    public Tensor dot(Tensor other) { return LinearAlgebra.dot(this, other); }

    /** y = x·Wᵀ + b (PyTorch's {@code F.linear}); the transpose is a BLAS flag, never a copy. Bias may be null. */
    public static Tensor linear(Tensor input, Tensor weight, Tensor bias) {
        Tensor x2 = input.dim() == 1 ? input.reshape(1, input.numel()) : input;
        Tensor y = LinearAlgebra.mm(x2, false, weight, true);
        if (bias != null) y = y.add(bias);
        return input.dim() == 1 ? y.reshape(weight.size(0)) : y;
    }

    public Tensor trace() { return LinearAlgebra.trace(this); }

    public Tensor inverse() { return LinearAlgebra.inverse(this); }

    public Tensor det() { return LinearAlgebra.det(this); }

    /** log det; NaN for a negative determinant, −∞ for a singular matrix (as PyTorch). */
    public Tensor logdet() { return LinearAlgebra.logdet(this); }

    /** Frobenius / Euclidean norm of all elements. */
    public Tensor norm() { return LinearAlgebra.norm(this); }

    // ---------------------------------------------------------------- reductions

    public Tensor sum() { return Reductions.sum(this); }

    public Tensor sum(int dim) { return Reductions.sum(this, dim, false); }

    public Tensor sum(int dim, boolean keepdim) { return Reductions.sum(this, dim, keepdim); }

    /** The mean of all elements (NaN for an empty tensor, as in PyTorch). */
    public Tensor mean() { return Reductions.sum(this).div(data.length); }

    public Tensor mean(int dim) { return mean(dim, false); }

    public Tensor mean(int dim, boolean keepdim) {
        int d = Shapes.wrapDim(dim, shape.length);
        return Reductions.sum(this, d, keepdim).div(shape.length == 0 ? 1 : shape[d]);
    }

    /** Largest element as a 0-dim tensor; the gradient is shared evenly among tied maxima, as in PyTorch. */
    public Tensor max() { return Reductions.maxAll(this); }

    /** Maxima along {@code dim} and their positions, like {@code torch.max(x, dim)}. */
    public MaxResult max(int dim) { return Reductions.max(this, dim, false); }

    public MaxResult max(int dim, boolean keepdim) { return Reductions.max(this, dim, keepdim); }

    /** Values and (constant) indices of a {@code max} along a dimension. */
    public record MaxResult(Tensor values, int[] indices) {}

    /** log Σ exp along {@code dim}, stable for large inputs. */
    public Tensor logsumexp(int dim, boolean keepdim) { return Reductions.logsumexp(this, dim, keepdim); }

    public Tensor softmax(int dim) { return Reductions.softmax(this, dim); }

    public Tensor logSoftmax(int dim) { return Reductions.logSoftmax(this, dim); }

    /** Broadcasts to a larger shape (a copy here; gradient sums back). */
    public Tensor expand(int... shape) { return Reductions.expand(this, shape); }

    /** Sums broadcast dimensions away so the result has {@code shape}: the adjoint of {@link #expand}. */
    public Tensor sumToSize(int... shape) { return Reductions.sumTo(this, shape); }

    // ---------------------------------------------------------------- shape

    /** Same data in a new shape (one size may be −1); shares storage. */
    public Tensor reshape(int... shape) { return ShapeOps.reshape(this, shape); }

    /** Alias of {@link #reshape}: storage is always contiguous here. */
    public Tensor view(int... shape) { return ShapeOps.reshape(this, shape); }

    public Tensor flatten() { return ShapeOps.reshape(this, data.length); }

    public Tensor unsqueeze(int dim) { return ShapeOps.reshape(this, Shapes.insert(shape, Shapes.wrapDim(dim, shape.length + 1), 1)); }

    public Tensor squeeze(int dim) {
        int d = Shapes.wrapDim(dim, shape.length);
        return shape.length == 0 || shape[d] != 1 ? this : ShapeOps.reshape(this, Shapes.remove(shape, d));
    }

    /** Transpose of a matrix (a 0-D or 1-D tensor is returned as is). */
    public Tensor t() {
        if (shape.length > 2) throw new IllegalArgumentException("t() expects a tensor with <= 2 dimensions, but self is " + shape.length + "D");
        return shape.length < 2 ? this : ShapeOps.transpose(this, 0, 1, "TBackward");
    }

    public Tensor transpose(int dim0, int dim1) {
        return ShapeOps.transpose(this, Shapes.wrapDim(dim0, shape.length), Shapes.wrapDim(dim1, shape.length), "TransposeBackward");
    }

    /** Elements {@code start … start+length−1} along {@code dim}. */
    public Tensor narrow(int dim, int start, int length) { return ShapeOps.narrow(this, Shapes.wrapDim(dim, shape.length), start, length); }

    /** Python's {@code x[..., start:end]} along {@code dim} (negative bounds count from the end, clipped to the size). */
    public Tensor slice(int dim, int start, int end) {
        int d = Shapes.wrapDim(dim, shape.length), n = shape[d];
        int s = Math.max(0, Math.min(n, start < 0 ? start + n : start));
        int e = Math.max(s, Math.min(n, end < 0 ? end + n : end));
        return ShapeOps.narrow(this, d, s, e - s);
    }

    /** {@code x[..., index, ...]} along {@code dim}: that dimension is removed. */
    public Tensor select(int dim, int index) {
        int d = Shapes.wrapDim(dim, shape.length);
        return ShapeOps.select(this, d, wrapIndex(index, d));
    }

    /** Row {@code i} of a matrix ({@code x[i]}). */
    public Tensor row(int i) { return select(0, i); }

    /** Column {@code j} of a matrix ({@code x[:, j]}). */
    public Tensor col(int j) { return select(1, j); }

    /** Joins tensors along an existing dimension. */
    public static Tensor cat(List<Tensor> tensors, int dim) { return ShapeOps.cat(tensors.toArray(new Tensor[0]), dim); }

    /** Joins tensors of one shape along a new dimension. */
    public static Tensor stack(List<Tensor> tensors, int dim) { return ShapeOps.stack(tensors.toArray(new Tensor[0]), dim); }

    /** A differentiable copy with its own storage. */
    public Tensor copy() {
        Tensor out = new Tensor(data.clone(), shape);
        return Graph.recording(this) ? Graph.attach(out, "CloneBackward", (n, g) -> Graph.grads(g), this) : out;
    }

    private int wrapIndex(int index, int d) {
        int n = shape[d];
        if (index < -n || index >= n)
            throw new IndexOutOfBoundsException("index " + index + " is out of bounds for dimension " + d + " with size " + n);
        return index < 0 ? index + n : index;
    }

    // ---------------------------------------------------------------- comparison and printing

    /** Elementwise |a − b| ≤ atol + rtol·|b| on equal shapes, like {@code torch.allclose}. */
    public boolean allclose(Tensor other, double rtol, double atol) {
        if (!Arrays.equals(shape, other.shape)) return false;
        for (int i = 0; i < data.length; i++) {
            double a = data[i], b = other.data[i];
            if (a == b) continue;
            if (!(Math.abs(a - b) <= atol + rtol * Math.abs(b))) return false;
        }
        return true;
    }

    /** {@code allclose} with PyTorch's defaults rtol = 1e-5, atol = 1e-8. */
    public boolean allclose(Tensor other) { return allclose(other, 1e-5, 1e-8); }

    /** PyTorch-like text: {@code tensor([0., 4.], grad_fn=<MulBackward>)}. */
    @Override public String toString() {
        StringBuilder sb = new StringBuilder("tensor(");
        boolean integral = true;
        for (double v : data) if (v != Math.rint(v) || Double.isInfinite(v)) { integral = false; break; }
        appendValues(sb, 0, 0, integral, 7);
        if (gradFn != null) sb.append(", grad_fn=").append(gradFn);
        else if (requiresGrad) sb.append(", requires_grad=True");
        return sb.append(')').toString();
    }

    private int appendValues(StringBuilder sb, int dim, int offset, boolean integral, int indent) {
        if (dim == shape.length) {
            double v = data[offset];
            if (Double.isNaN(v)) sb.append("nan");
            else if (Double.isInfinite(v)) sb.append(v > 0 ? "inf" : "-inf");
            else if (integral) sb.append((long) v).append('.');
            else sb.append(String.format(java.util.Locale.ROOT, "%.4f", v));
            return offset + 1;
        }
        sb.append('[');
        for (int i = 0; i < shape[dim]; i++) {
            if (i > 0) {
                sb.append(',');
                if (dim == shape.length - 1) sb.append(' ');
                else sb.append('\n').append(" ".repeat(indent + dim + 1));
            }
            offset = appendValues(sb, dim + 1, offset, integral, indent);
        }
        sb.append(']');
        return offset;
    }
}

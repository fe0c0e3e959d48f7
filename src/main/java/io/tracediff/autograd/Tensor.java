package io.tracediff.autograd;

import io.tracediff.kernel.Elementwise;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

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
    /** Shared by every view of one storage: its version counts in-place changes, so a saved tensor knows it was overwritten. */
    final Storage storage;
    /** The element type PyTorch would give this tensor; values are doubles either way (0/1 for bool, whole for int64). */
    Dtype dtype = Dtype.FLOAT32;
    /**
     * The strides PyTorch would give this tensor (null: contiguous). Storage here is always contiguous; the strides only
     * decide, as in PyTorch, whether a reshape is a view (ReshapeAliasBackward0) or a copy (UnsafeViewBackward0), and
     * whether view() is allowed.
     */
    int[] strides;
    /** A result that PyTorch aliases to its base (t, transpose, narrow, select, expand) but that is a copy here. */
    boolean copiedView;
    boolean requiresGrad;
    Node gradFn;
    private AccumulateGrad accumulator;
    private Tensor grad;
    private boolean retainsGrad;
    private boolean warnedNonLeafGrad;

    /** The storage's in-place version and whether differentiable views (reshape) share it. */
    static final class Storage {
        int version;
        boolean differentiableViews;
    }

    Tensor(double[] data, int[] shape) {
        this.data = data;
        this.shape = shape;
        this.storage = new Storage();
    }

    /** A view: same storage (and version counter) as {@code base}, another shape. */
    Tensor(Tensor base, int[] shape) {
        this.data = base.data;
        this.shape = shape;
        this.storage = base.storage;
        this.dtype = base.dtype;
        this.copiedView = base.copiedView;
    }

    /** PyTorch's strides of this tensor (contiguous unless it came from a transpose, narrow, select or expand). */
    int[] pytorchStrides() { return strides != null ? strides : Shapes.contiguousStrides(shape); }

    /**
     * PyTorch's dtypes as far as this engine follows them: comparisons give bool, sums of bool or int64 give int64
     * (printed without a decimal point), everything else is floating point (held as double, printed as float32).
     */
    enum Dtype {
        FLOAT32("torch.float32", "Float"), BOOL("torch.bool", "Bool"), INT64("torch.int64", "Long");

        final String name, tensorType;

        Dtype(String name, String tensorType) {
            this.name = name;
            this.tensorType = tensorType;
        }
    }

    static Tensor bool(double[] zeroOne, int[] shape) { return typed(new Tensor(zeroOne, shape), Dtype.BOOL); }

    static Tensor typed(Tensor t, Dtype dtype) {
        t.dtype = dtype;
        return t;
    }

    boolean isFloating() { return dtype == Dtype.FLOAT32; }

    // ---------------------------------------------------------------- factories

    /** A 1-D tensor holding {@code values} (copied). */
    public static Tensor tensor(double... values) { return new Tensor(values.clone(), new int[] {values.length}); }

    /** A 2-D tensor from rows of equal length (copied). */
    public static Tensor tensor(double[][] rows) {
        int r = rows.length, c = r == 0 ? 0 : rows[0].length;
        double[] d = new double[io.tracediff.kernel.Entries.of(r, c)];
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
        double[] d = new double[io.tracediff.kernel.Entries.of(n, m)];
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
        if (requires && !isFloating()) throw new IllegalStateException("only Tensors of floating point dtype can require gradients");
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

    /**
     * The accumulated gradient: set on leaves that require grad and on non-leaves that called {@link #retainGrad()}.
     * Reading it on another non-leaf gives null and, once per tensor, PyTorch's UserWarning (see {@link Autograd#setWarningHandler}).
     */
    public Tensor grad() {
        if (gradFn != null && !retainsGrad && grad == null && !warnedNonLeafGrad) {
            warnedNonLeafGrad = true;
            Autograd.warn(NON_LEAF_GRAD);
        }
        return grad;
    }

    static final String NON_LEAF_GRAD = "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute "
            + "won't be populated during autograd.backward(). If you indeed want the .grad field to be populated for a non-leaf Tensor, "
            + "use .retain_grad() on the non-leaf Tensor. If you access the non-leaf Tensor by mistake, make sure you access the leaf "
            + "Tensor instead. See github.com/pytorch/pytorch/pull/30531 for more informations.";

    /** Whether this is a boolean tensor (the result of a comparison). */
    public boolean isBool() { return dtype == Dtype.BOOL; }

    /** PyTorch's name of the element type: {@code torch.float32}, {@code torch.bool} or {@code torch.int64}. */
    public String dtype() { return dtype.name; }

    /** How many in-place operations changed this tensor's storage (PyTorch's {@code _version}). */
    public int version() { return storage.version; }

    /** A registered hook; {@link #remove()} unregisters it. */
    public interface RemovableHandle extends AutoCloseable {
        void remove();

        @Override default void close() { remove(); }
    }

    /**
     * Calls {@code hook} with this tensor's gradient each time one is computed, before it is accumulated or sent on; a
     * non-null return value replaces the gradient (same shape), like {@code register_hook}.
     */
    public RemovableHandle registerHook(UnaryOperator<Tensor> hook) {
        if (!requiresGrad) throw new IllegalStateException("cannot register a hook on a tensor that doesn't require gradient");
        Node node = gradFn != null ? gradFn : accumulator();
        node.addHook(hook);
        List<UnaryOperator<Tensor>> list = node.hooks;
        return () -> list.remove(hook);
    }

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
            if (gradFn.retainedOutput != this) gradFn.addHook(Node.RETAIN);
            gradFn.retainedOutput = this;
        }
        return this;
    }

    public boolean retainsGrad() { return retainsGrad; }

    /** The same values cut from the graph: a leaf that does not require grad. Shares storage, like PyTorch. */
    public Tensor detach() { return new Tensor(this, shape); }

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

    public Tensor sub(double c) { return Pointwise.subScalar(this, c); }

    /** c − this. */
    public Tensor rsub(double c) { return Pointwise.rsubScalar(this, c); }

    public Tensor mul(Tensor other) { return Pointwise.mul(this, other); }

    public Tensor mul(double c) { return Pointwise.mulScalar(this, c); }

    public Tensor div(Tensor other) { return Pointwise.div(this, other); }

    public Tensor div(double c) { return Pointwise.divScalar(this, c, "DivBackward0"); }

    public Tensor neg() { return Pointwise.neg(this); }

    public Tensor pow(double exponent) { return Pointwise.powScalar(this, exponent); }

    public Tensor pow(Tensor exponent) { return Pointwise.pow(this, exponent); }

    public Tensor exp() { return Pointwise.exp(this); }

    public Tensor log() { return Pointwise.log(this); }

    public Tensor sin() { return Pointwise.sin(this); }

    public Tensor cos() { return Pointwise.cos(this); }

    public Tensor tanh() { return Pointwise.tanh(this); }

    public Tensor sinh() { return Pointwise.sinh(this); }

    public Tensor cosh() { return Pointwise.cosh(this); }

    public Tensor tan() { return Pointwise.tan(this); }

    /** log(1 + x), accurate for small x (torch.log1p). */
    public Tensor log1p() { return Pointwise.log1p(this); }

    /** eˣ − 1, accurate for small x (torch.expm1). */
    public Tensor expm1() { return Pointwise.expm1(this); }

    public Tensor sigmoid() { return Pointwise.sigmoid(this); }

    public Tensor relu() { return Pointwise.relu(this); }

    /** log(1 + eˣ), computed without overflow. */
    public Tensor softplus() { return Pointwise.softplus(this); }

    public Tensor abs() { return Pointwise.abs(this); }

    public Tensor atan() { return Pointwise.atan(this); }

    public Tensor asin() { return Pointwise.asin(this); }

    public Tensor acos() { return Pointwise.acos(this); }

    public Tensor sqrt() { return Pointwise.sqrt(this); }

    /** The error function; gradient 2/√π e^(−x²). */
    public Tensor erf() { return Pointwise.erf(this); }

    /** Limits to [min, max]; pass infinities for a one-sided clamp. Gradient 1 inside the range (bounds included), 0 outside. */
    public Tensor clamp(double min, double max) { return Pointwise.clamp(this, min, max); }

    // ---------------------------------------------------------------- comparisons (boolean tensors, broadcasting)

    /** Elementwise ==, a boolean tensor: {@code x.grad().eq(x.mul(4))} prints {@code tensor([True, True, True, True])}. */
    public Tensor eq(Tensor other) { return Pointwise.compare(this, other, Pointwise.Comparison.EQ); }

    public Tensor eq(double c) { return Pointwise.compare(this, c, Pointwise.Comparison.EQ); }

    public Tensor ne(Tensor other) { return Pointwise.compare(this, other, Pointwise.Comparison.NE); }

    public Tensor ne(double c) { return Pointwise.compare(this, c, Pointwise.Comparison.NE); }

    public Tensor lt(Tensor other) { return Pointwise.compare(this, other, Pointwise.Comparison.LT); }

    public Tensor lt(double c) { return Pointwise.compare(this, c, Pointwise.Comparison.LT); }

    public Tensor le(Tensor other) { return Pointwise.compare(this, other, Pointwise.Comparison.LE); }

    public Tensor le(double c) { return Pointwise.compare(this, c, Pointwise.Comparison.LE); }

    public Tensor gt(Tensor other) { return Pointwise.compare(this, other, Pointwise.Comparison.GT); }

    public Tensor gt(double c) { return Pointwise.compare(this, c, Pointwise.Comparison.GT); }

    public Tensor ge(Tensor other) { return Pointwise.compare(this, other, Pointwise.Comparison.GE); }

    public Tensor ge(double c) { return Pointwise.compare(this, c, Pointwise.Comparison.GE); }

    /** The values as a floating-point tensor (PyTorch's {@code .float()}): this tensor itself when it already is one. */
    public Tensor toFloat() { return isFloating() ? this : new Tensor(data.clone(), shape); }

    /** Whether every element is non-zero (True), as a 0-dim boolean tensor. */
    public Tensor all() {
        for (double v : data) if (v == 0) return bool(new double[] {0}, Shapes.SCALAR);
        return bool(new double[] {1}, Shapes.SCALAR);
    }

    /** Whether some element is non-zero (True), as a 0-dim boolean tensor. */
    public Tensor any() {
        for (double v : data) if (v != 0) return bool(new double[] {1}, Shapes.SCALAR);
        return bool(new double[] {0}, Shapes.SCALAR);
    }

    /** Same shape and same values ({@code torch.equal}). */
    public boolean equal(Tensor other) { return Arrays.equals(shape, other.shape) && eq(other).all().item() != 0; }

    // ---------------------------------------------------------------- in place (PyTorch's trailing underscore)

    /** Sets every element to 0 in place ({@code x.grad().zero_()}); returns this. */
    public Tensor zero_() { return fill(0.0, "ZeroBackward0"); }

    /** Sets every element to {@code value} in place. */
    public Tensor fill_(double value) { return fill(value, "FillBackward2"); }

    public Tensor add_(Tensor other) { return inPlace(other, s -> s.add(other)); }

    public Tensor add_(double c) { return inPlace(null, s -> s.add(c)); }

    public Tensor sub_(Tensor other) { return inPlace(other, s -> s.sub(other)); }

    public Tensor sub_(double c) { return inPlace(null, s -> s.sub(c)); }

    public Tensor mul_(Tensor other) { return inPlace(other, s -> s.mul(other)); }

    public Tensor mul_(double c) { return inPlace(null, s -> s.mul(c)); }

    public Tensor div_(Tensor other) { return inPlace(other, s -> s.div(other)); }

    public Tensor div_(double c) { return inPlace(null, s -> s.div(c)); }

    public Tensor clamp_(double min, double max) { return inPlace(null, s -> s.clamp(min, max)); }

    public Tensor relu_() { return inPlace(null, Tensor::relu); }

    /** Copies {@code source} (broadcast to this shape) into this tensor; the gradient flows to the source. */
    public Tensor copy_(Tensor source) {
        return inPlace(source, s -> {
            Tensor out = new Tensor(source.expand(s.shape).data.clone(), s.shape);
            if (!Graph.recording(s, source)) return out;
            int[] from = source.shape;
            return Graph.attach(out, "CopyBackwards", (n, g) -> Graph.grads(
                    n.needsInputGrad(0) ? zerosLike(g) : null, n.needsInputGrad(1) ? g.sumToSize(from) : null), new Tensor[] {s, source});
        });
    }

    private Tensor fill(double value, String name) {
        return inPlace(null, s -> {
            Tensor out = full(value, s.shape);
            return Graph.recording(s) ? Graph.attach(out, name, (n, g) -> Graph.grads(zerosLike(g)), s) : out;
        });
    }

    /**
     * Runs the out-of-place form and writes its values into this storage, bumping the version counter shared by its
     * views; when recorded, this tensor's grad_fn becomes the new node, whose input is a snapshot of the old values (so
     * the rule reads what the operation read). Saved tensors that shared the storage make a later backward fail with
     * PyTorch's message rather than use overwritten values.
     */
    private Tensor inPlace(Tensor other, UnaryOperator<Tensor> outOfPlace) {
        boolean gradMode = GradMode.isEnabled();
        if (gradMode && requiresGrad && gradFn == null)
            throw new IllegalStateException("a leaf Variable that requires grad is being used in an in-place operation.");
        if (copiedView)
            throw new IllegalStateException("in-place operation on the result of t()/transpose/narrow/select/expand: in PyTorch that is a "
                    + "view which writes through to the tensor it came from, here it is a copy; change that tensor instead, or use the "
                    + "out-of-place form");
        boolean recording = gradMode && (requiresGrad || (other != null && other.requiresGrad));
        if (recording && storage.differentiableViews)
            throw new IllegalStateException("in-place operation on a tensor that shares its storage with a view (reshape/view/flatten/"
                    + "unsqueeze) recorded in the graph: PyTorch would rewrite the view's history, which this engine does not do; "
                    + "use the out-of-place form instead (y = y.mul(...))");
        Tensor operand = this;
        if (recording) {
            operand = new Tensor(data.clone(), shape);
            operand.requiresGrad = requiresGrad;
            operand.gradFn = gradFn;
        }
        Tensor result = outOfPlace.apply(operand);
        if (!Arrays.equals(result.shape, shape))
            throw new IllegalArgumentException("output with shape " + Arrays.toString(shape) + " doesn't match the broadcast shape "
                    + Arrays.toString(result.shape));
        if (dtype != result.dtype && (dtype == Dtype.BOOL || (dtype == Dtype.INT64 && result.dtype == Dtype.FLOAT32)))
            throw new IllegalArgumentException("result type " + result.dtype.tensorType + " can't be cast to the desired output type " + dtype.tensorType);
        System.arraycopy(result.data, 0, data, 0, data.length);
        storage.version++;
        if (recording && result.gradFn != null) {
            Node previous = gradFn;
            gradFn = result.gradFn;
            requiresGrad = true;
            if (retainsGrad) {
                if (previous != null) {
                    previous.retainedOutput = null;
                    previous.hooks.remove(Node.RETAIN);
                }
                gradFn.retainedOutput = this;
                gradFn.addHook(Node.RETAIN);
            }
        }
        return this;
    }

    // ---------------------------------------------------------------- linear algebra

    /** PyTorch's matmul: dot, matrix–vector, vector–matrix, matrix–matrix, and batched products with broadcast batch dimensions. */
    public Tensor matmul(Tensor other) { return LinearAlgebra.matmul(this, other); }

    /** Matrix product of two 2-D tensors. */
    public Tensor mm(Tensor other) { return LinearAlgebra.mm(this, false, other, false); }

    /** Inner product of two 1-D tensors. */
    public Tensor dot(Tensor other) { return LinearAlgebra.dot(this, other); }

    /** y = x·Wᵀ + b (PyTorch's {@code F.linear}); the transpose is a BLAS flag, never a copy. Bias may be null. */
    public static Tensor linear(Tensor input, Tensor weight, Tensor bias) { return LinearAlgebra.linear(input, weight, bias); }

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
    public Tensor mean() { return Reductions.mean(this); }

    public Tensor mean(int dim) { return mean(dim, false); }

    public Tensor mean(int dim, boolean keepdim) { return Reductions.mean(this, dim, keepdim); }

    /** Largest element as a 0-dim tensor; the gradient is shared evenly among tied maxima, as in PyTorch. */
    public Tensor max() { return Reductions.maxAll(this); }

    /** The smallest element (NaN if any); like PyTorch, the gradient is shared evenly among tied minima (MinBackward1). */
    public Tensor min() { return Reductions.minAll(this); }

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
    public Tensor reshape(int... shape) { return ShapeOps.reshape(this, "ReshapeAliasBackward0", shape); }

    /** Alias of {@link #reshape}: storage is always contiguous here. */
    public Tensor view(int... shape) { return ShapeOps.reshape(this, "ViewBackward0", shape); }

    public Tensor flatten() { return shape.length == 1 ? this : ShapeOps.reshape(this, "ReshapeAliasBackward0", data.length); }

    public Tensor unsqueeze(int dim) {
        return ShapeOps.reshape(this, "UnsqueezeBackward0", Shapes.insert(shape, Shapes.wrapDim(dim, shape.length + 1), 1));
    }

    public Tensor squeeze(int dim) {
        int d = Shapes.wrapDim(dim, shape.length);
        return shape.length == 0 || shape[d] != 1 ? this : ShapeOps.reshape(this, "SqueezeBackward1", Shapes.remove(shape, d));
    }

    /** Transpose of a matrix (a 0-D or 1-D tensor is returned as is). */
    public Tensor t() {
        if (shape.length > 2) throw new IllegalArgumentException("t() expects a tensor with <= 2 dimensions, but self is " + shape.length + "D");
        return shape.length < 2 ? this : ShapeOps.transpose(this, 0, 1, "TBackward0");
    }

    public Tensor transpose(int dim0, int dim1) {
        return ShapeOps.transpose(this, Shapes.wrapDim(dim0, shape.length), Shapes.wrapDim(dim1, shape.length), "TransposeBackward0");
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
        Tensor out = typed(new Tensor(data.clone(), shape), dtype);
        return Graph.recording(this) ? Graph.batchable(Graph.attach(out, "CloneBackward0", (n, g) -> Graph.grads(g), this)) : out;
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

    /** PyTorch 1.13's repr, byte for byte: {@code tensor([ 0.,  4.,  8., 12.], grad_fn=<MulBackward0>)}. */
    @Override public String toString() { return TensorFormat.repr(this); }
}

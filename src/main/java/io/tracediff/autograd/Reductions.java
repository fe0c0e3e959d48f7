package io.tracediff.autograd;

import static io.tracediff.autograd.Graph.grads;

import java.util.Arrays;

/**
 * Reductions and their adjoints: sum (all / along a dim), sum-to-size ↔ expand, max, logsumexp, softmax.
 * A dimension is handled as the layout [outer, size, inner] of the row-major storage.
 */
final class Reductions {
    private Reductions() {}

    /** Sums of bool or int64 are int64, as in PyTorch. */
    private static Tensor.Dtype sumType(Tensor a) { return a.isFloating() ? Tensor.Dtype.FLOAT32 : Tensor.Dtype.INT64; }

    private static void requireFloating(Tensor a, String op) {
        if (!a.isFloating())
            throw new IllegalArgumentException(op + "(): could not infer output dtype. Input dtype must be either a floating point or complex "
                    + "dtype. Got: " + (a.isBool() ? "Bool" : "Long"));
    }

    static Tensor sum(Tensor a) {
        double s = 0;
        for (double v : a.data) s += v;
        Tensor out = Tensor.typed(Tensor.scalar(s), sumType(a));
        if (!Graph.recording(a)) return out;
        int[] shape = a.shape;
        return Graph.batchable(Graph.attach(out, "SumBackward0", (n, g) -> grads(Batch.expand(g, shape)), a));
    }

    /** The mean of all elements (NaN for an empty tensor, as in PyTorch). */
    static Tensor mean(Tensor a) {
        requireFloating(a, "mean");
        double s = 0;
        for (double v : a.data) s += v;
        int count = a.data.length;
        Tensor out = Tensor.scalar(s / count);
        if (!Graph.recording(a)) return out;
        int[] shape = a.shape;
        return Graph.batchable(Graph.attach(out, "MeanBackward0", (n, g) -> grads(Batch.expand(g.div(count), shape)), a));
    }

    /** The mean along {@code dim}: a sum divided by the size, recorded as one node. */
    static Tensor mean(Tensor a, int dim, boolean keepdim) {
        requireFloating(a, "mean");
        Tensor sum;
        int size;
        try (GradMode off = new GradMode(false)) {
            int d = a.shape.length == 0 ? 0 : Shapes.wrapDim(dim, a.shape.length);
            size = a.shape.length == 0 ? 1 : a.shape[d];
            sum = sum(a, dim, keepdim);
        }
        Tensor out = new Tensor(sum.data, sum.shape);
        for (int i = 0; i < out.data.length; i++) out.data[i] /= size;
        if (!Graph.recording(a)) return out;
        int[] shape = a.shape;
        int[] kept = a.shape.length == 0 ? a.shape : Shapes.with(a.shape, Shapes.wrapDim(dim, a.shape.length), 1);
        int count = size;
        return Graph.batchable(Graph.attach(out, a.shape.length == 0 ? "MeanBackward0" : "MeanBackward1",
                (n, g) -> grads(Batch.expand(Batch.reshape(g.div(count), kept), shape)), a));
    }

    static Tensor sum(Tensor a, int dim, boolean keepdim) {
        if (a.shape.length == 0) return sum(a);   // a 0-dim tensor reduces to itself
        int d = Shapes.wrapDim(dim, a.shape.length);
        int outer = Shapes.outer(a.shape, d), size = a.shape[d], inner = Shapes.inner(a.shape, d);
        double[] x = a.data, y = new double[outer * inner];
        for (int o = 0; o < outer; o++)
            for (int k = 0; k < size; k++) {
                int src = (o * size + k) * inner, dst = o * inner;
                for (int i = 0; i < inner; i++) y[dst + i] += x[src + i];
            }
        int[] kept = Shapes.with(a.shape, d, 1);
        Tensor out = Tensor.typed(new Tensor(y, keepdim ? kept : Shapes.remove(a.shape, d)), sumType(a));
        if (!Graph.recording(a)) return out;
        int[] shape = a.shape;
        return Graph.batchable(Graph.attach(out, "SumBackward1", (n, g) -> grads(Batch.expand(Batch.reshape(g, kept), shape)), a));
    }

    /** Broadcasts {@code a} to {@code shape}; the gradient sums back to a's shape. */
    static Tensor expand(Tensor a, int[] shape) {
        if (Arrays.equals(a.shape, shape)) return a;
        if (!Shapes.broadcastsTo(a.shape, shape))
            throw new IllegalArgumentException("The expanded size of the tensor must match the existing size at non-singleton dimensions. Target sizes: "
                    + Arrays.toString(shape) + ".  Tensor sizes: " + Arrays.toString(a.shape));
        int[] target = shape.clone();
        double[] x = a.data, y = new double[Shapes.numel(target)];
        if (x.length == 1) Arrays.fill(y, x[0]);
        else if (x.length == y.length) System.arraycopy(x, 0, y, 0, y.length);
        else {
            int[] index = Shapes.broadcastIndex(a.shape, target);
            for (int i = 0; i < y.length; i++) y[i] = x[index[i]];
        }
        Tensor out = Tensor.typed(new Tensor(y, target), a.dtype);
        int[] baseStrides = a.pytorchStrides(), strides = new int[target.length];
        for (int k = 0; k < target.length; k++) {      // broadcast dimensions get stride 0, as PyTorch's expand
            int src = k - (target.length - a.shape.length);
            strides[k] = src < 0 || (a.shape[src] == 1 && target[k] != 1) ? 0 : baseStrides[src];
        }
        ShapeOps.aliasOf(out, a, strides);
        if (!Graph.recording(a)) return out;
        int[] from = a.shape;
        return Graph.batchable(Graph.attach(out, "ExpandBackward0", (n, g) -> grads(Batch.sumTo(g, from)), a));
    }

    /** Sums {@code a} down to {@code shape}, which must broadcast to a's shape. */
    static Tensor sumTo(Tensor a, int[] shape) {
        if (Arrays.equals(a.shape, shape)) return a;
        if (!Shapes.broadcastsTo(shape, a.shape))
            throw new IllegalArgumentException("size " + Arrays.toString(shape) + " is not expandable to size " + Arrays.toString(a.shape));
        int[] target = shape.clone();
        double[] x = a.data, y = new double[Shapes.numel(target)];
        if (y.length == 1) {
            double s = 0;
            for (double v : x) s += v;
            y[0] = s;
        } else if (y.length == x.length) {
            System.arraycopy(x, 0, y, 0, y.length);
        } else {
            int[] index = Shapes.broadcastIndex(target, a.shape);
            for (int i = 0; i < x.length; i++) y[index[i]] += x[i];
        }
        Tensor out = new Tensor(y, target);
        if (!Graph.recording(a)) return out;
        int[] from = a.shape;
        return Graph.batchable(Graph.attach(out, "SumBackward1", (n, g) -> grads(Batch.expand(g, from)), a));
    }

    /** The largest element (NaN if any); like PyTorch, the gradient is shared evenly among tied maxima. */
    static Tensor maxAll(Tensor a) { return extremum(a, true); }

    /** The smallest element (NaN if any); the gradient is shared evenly among tied minima, as PyTorch's MinBackward1. */
    static Tensor minAll(Tensor a) { return extremum(a, false); }

    private static Tensor extremum(Tensor a, boolean largest) {
        String name = largest ? "max" : "min";
        if (a.data.length == 0) throw new IllegalArgumentException(name + "(): Expected reduction dim to be specified for input.numel() == 0.");
        double[] x = a.data;
        double best = x[0];
        for (int i = 1; i < x.length && !Double.isNaN(best); i++)
            if ((largest ? x[i] > best : x[i] < best) || Double.isNaN(x[i])) best = x[i];
        Tensor out = Tensor.scalar(best);
        if (!Graph.recording(a)) return out;
        double[] share = new double[x.length];
        int ties = 0;
        for (int i = 0; i < x.length; i++) if (x[i] == best || (Double.isNaN(best) && Double.isNaN(x[i]))) { share[i] = 1; ties++; }
        for (int i = 0; i < x.length; i++) share[i] /= ties;
        Tensor weights = new Tensor(share, a.shape);
        return Graph.attach(out, largest ? "MaxBackward1" : "MinBackward1", (n, g) -> grads(g.mul(weights)), a);
    }

    static Tensor.MaxResult max(Tensor a, int dim, boolean keepdim) {
        int d = Shapes.wrapDim(dim, a.shape.length);
        int outer = Shapes.outer(a.shape, d), size = a.shape[d], inner = Shapes.inner(a.shape, d);
        if (size == 0) throw new IllegalArgumentException("max(): Expected reduction dim " + d + " to have non-zero size.");
        double[] x = a.data, y = new double[outer * inner];
        int[] arg = new int[outer * inner];
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++) {
                int base = o * size * inner + i, best = 0;
                for (int k = 1; k < size; k++) if (x[base + k * inner] > x[base + best * inner]) best = k;
                y[o * inner + i] = x[base + best * inner];
                arg[o * inner + i] = best;
            }
        int[] kept = Shapes.with(a.shape, d, 1);
        Tensor values = new Tensor(y, keepdim ? kept : Shapes.remove(a.shape, d));
        if (Graph.recording(a)) {
            int[] shape = a.shape;
            Graph.attach(values, "MaxBackward0", (n, g) -> {
                double[] hot = new double[Shapes.numel(shape)];
                for (int o = 0; o < outer; o++)
                    for (int i = 0; i < inner; i++) hot[(o * size + arg[o * inner + i]) * inner + i] = 1;
                return grads(g.reshape(kept).expand(shape).mul(new Tensor(hot, shape)));
            }, a);
        }
        return new Tensor.MaxResult(values, arg.clone());
    }

    /** log Σ exp(x) along dim = m + log Σ exp(x − m) with m the maximum; gradient softmax(x) along dim. */
    static Tensor logsumexp(Tensor a, int dim, boolean keepdim) {
        int d = Shapes.wrapDim(dim, a.shape.length);
        int outer = Shapes.outer(a.shape, d), size = a.shape[d], inner = Shapes.inner(a.shape, d);
        double[] x = a.data, y = new double[outer * inner];
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++) {
                int base = o * size * inner + i;
                double m = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < size; k++) m = Math.max(m, x[base + k * inner]);
                if (Double.isInfinite(m)) { y[o * inner + i] = m; continue; }
                double s = 0;
                for (int k = 0; k < size; k++) s += Math.exp(x[base + k * inner] - m);
                y[o * inner + i] = m + Math.log(s);
            }
        int[] kept = Shapes.with(a.shape, d, 1);
        Tensor out = new Tensor(y, keepdim ? kept : Shapes.remove(a.shape, d));
        if (!Graph.recording(a)) return out;
        // The weights as softmax(x) = exp(x − m) / Σ exp(x − m), not PyTorch's exp(x − logsumexp(x)): equal, but the
        // difference cancels for large entries (at x = 10¹⁶ PyTorch's weights are 0.135 for 1/6).
        return Graph.attach(out, "LogsumexpBackward0", (n, g) -> grads(g.reshape(kept).mul(n.saved(0).softmax(d))), a, a);
    }

    /** Softmax along dim; backward y ⊙ (g − Σ g⊙y). */
    static Tensor softmax(Tensor a, int dim) {
        int d = Shapes.wrapDim(dim, a.shape.length);
        double[] y = softmaxValues(a, d, false);
        Tensor out = new Tensor(y, a.shape);
        if (!Graph.recording(a)) return out;
        return Graph.attach(out, "SoftmaxBackward0", (n, g) -> {
            Tensor s = n.saved(0);
            return grads(s.mul(g.sub(g.mul(s).sum(d, true))));
        }, a, out);
    }

    /** x − logsumexp(x); backward g − softmax ⊙ Σ g. */
    static Tensor logSoftmax(Tensor a, int dim) {
        int d = Shapes.wrapDim(dim, a.shape.length);
        Tensor out = new Tensor(softmaxValues(a, d, true), a.shape);
        if (!Graph.recording(a)) return out;
        return Graph.attach(out, "LogSoftmaxBackward0", (n, g) -> grads(g.sub(n.saved(0).exp().mul(g.sum(d, true)))), a, out);
    }

    private static double[] softmaxValues(Tensor a, int d, boolean log) {
        int outer = Shapes.outer(a.shape, d), size = a.shape.length == 0 ? 1 : a.shape[d], inner = Shapes.inner(a.shape, d);
        double[] x = a.data, y = new double[x.length];
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++) {
                int base = o * size * inner + i;
                double m = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < size; k++) m = Math.max(m, x[base + k * inner]);
                double s = 0;
                for (int k = 0; k < size; k++) s += Math.exp(x[base + k * inner] - m);
                double logS = Math.log(s);
                for (int k = 0; k < size; k++) {
                    int at = base + k * inner;
                    y[at] = log ? x[at] - m - logS : Math.exp(x[at] - m) / s;
                }
            }
        return y;
    }
}

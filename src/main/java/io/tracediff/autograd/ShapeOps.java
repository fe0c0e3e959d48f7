package io.tracediff.autograd;

import static io.tracediff.autograd.Graph.grads;

import java.util.Arrays;

/** Reshaping, transposing, slicing and joining, each with the adjoint that routes gradients back. */
final class ShapeOps {
    private ShapeOps() {}

    /**
     * A view sharing storage when PyTorch's strides allow one (ReshapeAliasBackward0, ViewBackward0, …); otherwise, as
     * PyTorch, a copy recorded as UnsafeViewBackward0, and view() refuses with PyTorch's message.
     */
    static Tensor reshape(Tensor a, String name, int... requested) {
        int[] shape = requested.clone();
        int infer = -1, known = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (infer >= 0) throw new IllegalArgumentException("only one dimension can be inferred");
                infer = i;
            } else known *= shape[i];
        }
        if (infer >= 0 && known != 0 && a.data.length % known == 0) shape[infer] = a.data.length / known;
        if (Shapes.numel(shape) != a.data.length || (infer >= 0 && shape[infer] < 0))
            throw new IllegalArgumentException("shape '" + Arrays.toString(requested) + "' is invalid for input of size " + a.data.length);
        if (Arrays.equals(shape, a.shape)) shape = a.shape;
        int[] viewStrides = a.strides == null ? null : Shapes.viewStrides(a.shape, a.strides, shape);
        Tensor out;
        if (a.strides == null || viewStrides != null) {
            out = new Tensor(a, shape);
            out.strides = viewStrides == null || Arrays.equals(viewStrides, Shapes.contiguousStrides(shape)) ? null : viewStrides;
        } else if (name.equals("ViewBackward0")) {
            throw new IllegalArgumentException("view size is not compatible with input tensor's size and stride (at least one dimension spans "
                    + "across two contiguous subspaces). Use .reshape(...) instead.");
        } else {
            out = Tensor.typed(new Tensor(a.data.clone(), shape), a.dtype);
            name = "UnsafeViewBackward0";
        }
        if (!Graph.recording(a)) return out;
        a.storage.differentiableViews = true;
        int[] from = a.shape;
        return Graph.batchable(Graph.attach(out, name, (n, g) -> grads(Batch.reshape(g, from)), a));
    }

    static Tensor transpose(Tensor a, int d0, int d1, String name) {
        if (d0 == d1) return a;
        int rank = a.shape.length;
        int[] shape = a.shape.clone();
        shape[d0] = a.shape[d1];
        shape[d1] = a.shape[d0];
        double[] x = a.data, y = new double[x.length];
        if (rank == 2) {
            int r = a.shape[0], c = a.shape[1];
            for (int i = 0; i < r; i++)
                for (int j = 0; j < c; j++) y[j * r + i] = x[i * c + j];
        } else {
            int[] inStrides = Shapes.contiguousStrides(a.shape);
            int[] counter = new int[rank];
            for (int i = 0; i < x.length; i++) {        // i walks the output; read the swapped index in the input
                int src = 0;
                for (int d = 0; d < rank; d++) {
                    int dd = d == d0 ? d1 : d == d1 ? d0 : d;
                    src += counter[d] * inStrides[dd];
                }
                y[i] = x[src];
                for (int d = rank - 1; d >= 0; d--) {
                    if (++counter[d] < shape[d]) break;
                    counter[d] = 0;
                }
            }
        }
        Tensor out = Tensor.typed(new Tensor(y, shape), a.dtype);
        int[] strides = a.pytorchStrides().clone();
        strides[d0] = a.pytorchStrides()[d1];
        strides[d1] = a.pytorchStrides()[d0];
        aliasOf(out, a, strides);
        if (!Graph.recording(a)) return out;
        return Graph.batchable(Graph.attach(out, name, (n, g) -> grads(g.transpose(Batch.dim(d0), Batch.dim(d1))), a));
    }

    /** Marks {@code out} as what PyTorch would make a view of {@code base} with these strides (here a copy). */
    static Tensor aliasOf(Tensor out, Tensor base, int[] strides) {
        out.strides = Arrays.equals(strides, Shapes.contiguousStrides(out.shape)) ? null : strides;
        out.copiedView = true;
        return out;
    }


    static Tensor narrow(Tensor a, int d, int start, int length) {
        int size = a.shape[d];
        if (start < 0 || length < 0 || start + length > size)
            throw new IndexOutOfBoundsException("start (" + start + ") + length (" + length + ") exceeds dimension size (" + size + ").");
        if (start == 0 && length == size) return a;
        int outer = Shapes.outer(a.shape, d), inner = Shapes.inner(a.shape, d);
        int[] shape = Shapes.with(a.shape, d, length);
        double[] x = a.data, y = new double[outer * length * inner];
        for (int o = 0; o < outer; o++)
            System.arraycopy(x, (o * size + start) * inner, y, o * length * inner, length * inner);
        Tensor out = Tensor.typed(new Tensor(y, shape), a.dtype);
        aliasOf(out, a, a.pytorchStrides());
        if (!Graph.recording(a)) return out;
        return Graph.attach(out, "SliceBackward0", (n, g) -> grads(pad(g, d, start, size)), a);
    }

    /** Places {@code a} at offset {@code start} of a zero tensor whose dimension d has {@code size}: narrow's adjoint. */
    static Tensor pad(Tensor a, int d, int start, int size) {
        int length = a.shape[d];
        int outer = Shapes.outer(a.shape, d), inner = Shapes.inner(a.shape, d);
        int[] shape = Shapes.with(a.shape, d, size);
        double[] x = a.data, y = new double[outer * size * inner];
        for (int o = 0; o < outer; o++)
            System.arraycopy(x, o * length * inner, y, (o * size + start) * inner, length * inner);
        Tensor out = Tensor.typed(new Tensor(y, shape), a.dtype);
        if (!Graph.recording(a)) return out;
        return Graph.attach(out, "SliceBackwardBackward0", (n, g) -> grads(g.narrow(d, start, length)), a);
    }

    static Tensor select(Tensor a, int d, int index) {
        int size = a.shape[d];
        int outer = Shapes.outer(a.shape, d), inner = Shapes.inner(a.shape, d);
        double[] x = a.data, y = new double[outer * inner];
        for (int o = 0; o < outer; o++) System.arraycopy(x, (o * size + index) * inner, y, o * inner, inner);
        Tensor out = new Tensor(y, Shapes.remove(a.shape, d));
        aliasOf(out, a, Shapes.remove(a.pytorchStrides(), d));
        if (!Graph.recording(a)) return out;
        int[] kept = Shapes.with(a.shape, d, 1);
        return Graph.attach(out, "SelectBackward0", (n, g) -> grads(pad(g.reshape(kept), d, index, size)), a);
    }

    static Tensor cat(Tensor[] parts, int dim) {
        if (parts.length == 0) throw new IllegalArgumentException("torch.cat(): expected a non-empty list of Tensors");
        int[] first = parts[0].shape;
        int d = Shapes.wrapDim(dim, first.length);
        int total = 0;
        for (int p = 0; p < parts.length; p++) {
            int[] s = parts[p].shape;
            if (s.length != first.length)
                throw new IllegalArgumentException("Tensors must have same number of dimensions: got " + first.length + " and " + s.length);
            for (int i = 0; i < s.length; i++)
                if (i != d && s[i] != first[i])
                    throw new IllegalArgumentException("Sizes of tensors must match except in dimension " + d + ". Expected size "
                            + first[i] + " but got size " + s[i] + " for tensor number " + p + " in the list.");
            total += s[d];
        }
        int outer = Shapes.outer(first, d), inner = Shapes.inner(first, d);
        int[] shape = Shapes.with(first, d, total);
        double[] y = new double[outer * total * inner];
        int[] offsets = new int[parts.length], sizes = new int[parts.length];
        int offset = 0;
        for (int p = 0; p < parts.length; p++) {
            int len = parts[p].shape[d];
            offsets[p] = offset;
            sizes[p] = len;
            for (int o = 0; o < outer; o++)
                System.arraycopy(parts[p].data, o * len * inner, y, (o * total + offset) * inner, len * inner);
            offset += len;
        }
        Tensor out = Tensor.typed(new Tensor(y, shape), commonType(parts));
        if (!Graph.recording(parts)) return out;
        return Graph.attach(out, "CatBackward0", (n, g) -> {
            Tensor[] gs = new Tensor[offsets.length];
            for (int p = 0; p < gs.length; p++) if (n.needsInputGrad(p)) gs[p] = g.narrow(d, offsets[p], sizes[p]);
            return gs;
        }, parts.clone());
    }

    /** The dtype of joined parts: theirs when they agree, else float. */
    private static Tensor.Dtype commonType(Tensor[] parts) {
        for (Tensor p : parts) if (p.dtype != parts[0].dtype) return Tensor.Dtype.FLOAT32;
        return parts[0].dtype;
    }

    static Tensor stack(Tensor[] parts, int dim) {
        if (parts.length == 0) throw new IllegalArgumentException("stack expects a non-empty TensorList");
        int[] shape = parts[0].shape;
        int d = Shapes.wrapDim(dim, shape.length + 1);
        Tensor[] lifted = new Tensor[parts.length];
        int[] liftedShape = Shapes.insert(shape, d, 1);
        for (int p = 0; p < parts.length; p++) {
            if (!Arrays.equals(parts[p].shape, shape))
                throw new IllegalArgumentException("stack expects each tensor to be equal size, but got " + Arrays.toString(shape)
                        + " at entry 0 and " + Arrays.toString(parts[p].shape) + " at entry " + p);
            lifted[p] = parts[p].detach().reshape(liftedShape);
        }
        Tensor out = cat(lifted, d);       // detached parts: records nothing; the stack node is attached below
        if (!Graph.recording(parts)) return out;
        return Graph.attach(out, "StackBackward0", (n, g) -> {
            Tensor[] gs = new Tensor[parts.length];
            for (int p = 0; p < gs.length; p++) if (n.needsInputGrad(p)) gs[p] = g.select(d, p);
            return gs;
        }, parts.clone());
    }
}

package io.tracediff.autograd;

import java.util.Arrays;

/** Shape arithmetic shared by the operations: sizes, NumPy broadcasting, dimension wrapping. Shapes are never mutated. */
final class Shapes {
    static final int[] SCALAR = new int[0];

    private Shapes() {}

    /** Entries of a shape, in long arithmetic against the entries limit; -1 for a shape with a negative (unresolved) dimension. */
    static int numel(int[] shape) {
        for (int s : shape) if (s < 0) return -1;
        return io.tracediff.kernel.Entries.ofShape(shape);
    }

    /** PyTorch's spelling of a shape in messages: torch.Size([2, 3]). */
    static String size(int[] shape) {
        return "torch.Size(" + Arrays.toString(shape) + ")";
    }

    /** Wraps a possibly negative dimension into [0, rank), with PyTorch's error text. */
    static int wrapDim(int dim, int rank) {
        int r = Math.max(rank, 1);
        if (dim < -r || dim >= r)
            throw new IndexOutOfBoundsException("Dimension out of range (expected to be in range of [" + (-r) + ", " + (r - 1) + "], but got " + dim + ")");
        return dim < 0 ? dim + r : dim;
    }

    static int[] broadcast(int[] a, int[] b) {
        if (Arrays.equals(a, b)) return a;
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i - (rank - a.length), db = i - (rank - b.length);
            int sa = da >= 0 ? a[da] : 1, sb = db >= 0 ? b[db] : 1;
            if (sa != sb && sa != 1 && sb != 1)
                throw new IllegalArgumentException("The size of tensor a (" + sa + ") must match the size of tensor b (" + sb
                        + ") at non-singleton dimension " + i);
            out[i] = sa == 1 ? sb : sa;
        }
        return out;
    }

    /** Whether {@code small} broadcasts to {@code big} (trailing alignment, size 1 stretches). */
    static boolean broadcastsTo(int[] small, int[] big) {
        if (small.length > big.length) return false;
        for (int i = 0; i < small.length; i++) {
            int s = small[small.length - 1 - i], b = big[big.length - 1 - i];
            if (s != b && s != 1) return false;
        }
        return true;
    }

    /**
     * For every element of {@code big} (row-major), the offset of the element of {@code small} it reads under
     * broadcasting. One precomputed table lets every broadcasting kernel be a plain indexed loop.
     */
    static int[] broadcastIndex(int[] small, int[] big) {
        int rank = big.length, n = numel(big);
        int[] strides = new int[rank];          // strides of small aligned to big, 0 where broadcast
        int stride = 1;
        for (int i = rank - 1; i >= 0; i--) {
            int d = i - (rank - small.length);
            int s = d >= 0 ? small[d] : 1;
            strides[i] = s == 1 ? 0 : stride;
            stride *= s;
        }
        int[] index = new int[n];
        if (n == 0) return index;
        int[] counter = new int[rank];
        int offset = 0;
        for (int i = 0; i < n; i++) {
            index[i] = offset;
            for (int d = rank - 1; d >= 0; d--) {   // odometer increment
                counter[d]++;
                offset += strides[d];
                if (counter[d] < big[d]) break;
                offset -= strides[d] * counter[d];
                counter[d] = 0;
            }
        }
        return index;
    }

    /**
     * Whether {@code small}, leading 1s aside, is the trailing part of {@code big}: broadcasting then only repeats it as
     * one contiguous block, so element i of big reads element i mod |small|.
     */
    static boolean isTrailingBlock(int[] small, int[] big) {
        int start = 0;
        while (start < small.length && small[start] == 1) start++;
        int len = small.length - start;
        if (len > big.length) return false;
        for (int i = 0; i < len; i++) if (small[start + i] != big[big.length - len + i]) return false;
        return true;
    }

    static int[] contiguousStrides(int[] shape) {
        int[] s = new int[shape.length];
        int stride = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            s[d] = stride;
            stride *= Math.max(shape[d], 1);
        }
        return s;
    }

    /**
     * PyTorch's computeStride: the strides of {@code newShape} viewing a tensor of {@code oldShape} with {@code oldStrides},
     * or null when no view exists (a reshape must then copy).
     */
    static int[] viewStrides(int[] oldShape, int[] oldStrides, int[] newShape) {
        int[] newStrides = new int[newShape.length];
        if (numel(oldShape) == 0 || oldShape.length == 0) return contiguousStrides(newShape);
        int viewD = newShape.length - 1;
        long chunkBaseStride = oldStrides[oldStrides.length - 1], tensorNumel = 1, viewNumel = 1;
        for (int tensorD = oldShape.length - 1; tensorD >= 0; tensorD--) {
            tensorNumel *= oldShape[tensorD];
            if (tensorD == 0 || (oldShape[tensorD - 1] != 1 && oldStrides[tensorD - 1] != tensorNumel * chunkBaseStride)) {
                while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1)) {
                    newStrides[viewD] = (int) (viewNumel * chunkBaseStride);
                    viewNumel *= newShape[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) return null;
                if (tensorD > 0) {
                    chunkBaseStride = oldStrides[tensorD - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        return viewD == -1 ? newStrides : null;
    }

    /** Product of the sizes before {@code dim}. */
    static int outer(int[] shape, int dim) {
        int n = 1;
        for (int i = 0; i < dim; i++) n *= shape[i];
        return n;
    }

    /** Product of the sizes after {@code dim}. */
    static int inner(int[] shape, int dim) {
        int n = 1;
        for (int i = dim + 1; i < shape.length; i++) n *= shape[i];
        return n;
    }

    static int[] remove(int[] shape, int dim) {
        int[] out = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) if (i != dim) out[j++] = shape[i];
        return out;
    }

    static int[] with(int[] shape, int dim, int size) {
        int[] out = shape.clone();
        out[dim] = size;
        return out;
    }

    static int[] insert(int[] shape, int dim, int size) {
        int[] out = new int[shape.length + 1];
        for (int i = 0, j = 0; i < out.length; i++) out[i] = i == dim ? size : shape[j++];
        return out;
    }

    static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

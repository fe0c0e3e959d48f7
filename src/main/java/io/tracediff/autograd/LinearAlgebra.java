package io.tracediff.autograd;

import static io.tracediff.autograd.Graph.grads;

import io.tracediff.kernel.Elementwise;
import io.tracediff.kernel.Kernels;
import io.tracediff.kernel.LinAlg;
import io.tracediff.kernel.SingularMatrixException;

/**
 * Matrix operations over the shared kernels: products through {@code Kernels.dgemm} (small ones in Java, with no OpenBLAS load) with transpose
 * flags (never materialised transposes), inverse and determinants through {@code LinAlg.lu}.
 */
final class LinearAlgebra {
    private LinearAlgebra() {}

    /**
     * C = op(A)·op(B). Its gradients are products of the same form, so the backward of a product is again
     * this operation (which is what makes second derivatives through matrix products work):
     * dA = G·op(B)ᵀ (or its transpose), dB = op(A)ᵀ·G (or its transpose).
     */
    static Tensor mm(Tensor a, boolean transA, Tensor b, boolean transB) {
        if (a.shape.length != 2) throw new IllegalArgumentException("self must be a matrix");
        if (b.shape.length != 2) throw new IllegalArgumentException("mat2 must be a matrix");
        int ra = a.shape[0], ca = a.shape[1], rb = b.shape[0], cb = b.shape[1];
        int m = transA ? ca : ra, k = transA ? ra : ca, k2 = transB ? cb : rb, n = transB ? rb : cb;
        if (k != k2) throw new IllegalArgumentException("mat1 and mat2 shapes cannot be multiplied (" + m + "x" + k + " and " + k2 + "x" + n + ")");
        double[] c = new double[io.tracediff.kernel.Entries.of(m, n)];
        if (m > 0 && n > 0 && k > 0)
            Kernels.dgemm(transA, transB, m, n, k, 1.0, a.data, 0, ca, b.data, 0, cb, 0.0, c, 0, n);
        Tensor out = new Tensor(c, new int[] {m, n});
        if (!Graph.recording(a, b)) return out;
        return Graph.batchable(Graph.attach(out, "MmBackward0", (node, g) -> {
            Tensor x = node.saved(0), y = node.saved(1);
            Tensor gx = null, gy = null;
            if (Batch.rank() > 0) {                       // g is (batch, m, n): batched products, transposes as copies
                Tensor opX = transA ? x.t() : x, opY = transB ? y.t() : y;
                if (node.needsInputGrad(0)) gx = transA ? opY.matmul(g.transpose(1, 2)) : g.matmul(opY.t());
                if (node.needsInputGrad(1)) gy = transB ? g.transpose(1, 2).matmul(opX) : opX.t().matmul(g);
                return grads(gx, gy);
            }
            if (node.needsInputGrad(0)) gx = transA ? mm(y, transB, g, true) : mm(g, false, y, !transB);
            if (node.needsInputGrad(1)) gy = transB ? mm(g, true, x, transA) : mm(x, !transA, g, false);
            return grads(gx, gy);
        }, new Tensor[] {a, b}, a, b));
    }

    /**
     * PyTorch's matmul: dot (1-D @ 1-D), mm, matrix–vector, vector–matrix, and batched products with broadcast batch
     * dimensions (a 1-D operand gets a 1 prepended or appended, removed again from the result). Named as PyTorch 1.13 names
     * the node of each case.
     */
    static Tensor matmul(Tensor a, Tensor b) {
        int da = a.shape.length, db = b.shape.length;
        if (da == 0 || db == 0)
            throw new IllegalArgumentException("both arguments to matmul need to be at least 1D, but they are " + da + "D and " + db + "D");
        if (da == 1 && db == 1) return dot(a, b);
        if (da == 2 && db == 2) return mm(a, false, b, false);
        String name = da == 2 && db == 1 ? "MvBackward0" : da == 1 && db == 2 ? "SqueezeBackward3" : da == 2 ? "CloneBackward0" : "UnsafeViewBackward0";
        return batched(a, b, name);
    }

    /** The general case of {@link #matmul}: one dgemm per broadcast batch index; gradients are matmuls again, summed to size. */
    private static Tensor batched(Tensor a, Tensor b, String name) {
        int[] sa = a.shape.length == 1 ? new int[] {1, a.shape[0]} : a.shape;     // vector @ …: a row
        int[] sb = b.shape.length == 1 ? new int[] {b.shape[0], 1} : b.shape;     // … @ vector: a column
        int m = sa[sa.length - 2], k = sa[sa.length - 1], k2 = sb[sb.length - 2], n = sb[sb.length - 1];
        if (k != k2) {
            String left = a.shape.length == 1 ? "1x" + k : Shapes.numel(sa) / k + "x" + k;
            throw new IllegalArgumentException("mat1 and mat2 shapes cannot be multiplied (" + left + " and " + k2 + "x" + n + ")");
        }
        int[] batchA = java.util.Arrays.copyOf(sa, sa.length - 2), batchB = java.util.Arrays.copyOf(sb, sb.length - 2);
        int[] batch;
        try {
            batch = Shapes.broadcast(batchA, batchB);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("matmul: the batch dimensions " + java.util.Arrays.toString(batchA) + " and "
                    + java.util.Arrays.toString(batchB) + " do not broadcast: " + e.getMessage());
        }
        int batches = Shapes.numel(batch);
        int[] ia = Shapes.broadcastIndex(batchA, batch), ib = Shapes.broadcastIndex(batchB, batch);
        double[] c = new double[batches * m * n];
        int ownA = Shapes.numel(batchA), ownB = Shapes.numel(batchB);
        if (m == 0 || n == 0 || k == 0) {
            // empty product: zeros
        } else if (ownB == 1 && ownA == batches) {
            // one right operand for every batch: the batches stack into one (batches·m)×k product
            Kernels.dgemm(false, false, batches * m, n, k, 1.0, a.data, 0, k, b.data, 0, n, 0.0, c, 0, n);
        } else if (ownA == 1 && ownB == batches && n == 1) {
            // one left operand times a batch of columns: the columns are the rows of a P×k matrix, C = (that)·Aᵀ
            Kernels.dgemm(false, true, batches, m, k, 1.0, b.data, 0, k, a.data, 0, k, 0.0, c, 0, m);
        } else if (ownA == 1 && ownB == batches && batches > 1) {
            // one left operand: A·[B₁ … B_P] as one m×(P·n) product, the batches laid side by side and back
            double[] side = new double[k * batches * n], out = new double[m * batches * n];
            for (int i = 0; i < batches; i++)
                for (int r = 0; r < k; r++) System.arraycopy(b.data, (i * k + r) * n, side, (r * batches + i) * n, n);
            Kernels.dgemm(false, false, m, batches * n, k, 1.0, a.data, 0, k, side, 0, batches * n, 0.0, out, 0, batches * n);
            for (int i = 0; i < batches; i++)
                for (int r = 0; r < m; r++) System.arraycopy(out, (r * batches + i) * n, c, (i * m + r) * n, n);
        } else {
            for (int i = 0; i < batches; i++)
                Kernels.dgemm(false, false, m, n, k, 1.0, a.data, ia[i] * m * k, k, b.data, ib[i] * k * n, n, 0.0, c, i * m * n, n);
        }
        int[] full = Shapes.concat(batch, new int[] {m, n});
        int[] shape = full;
        if (a.shape.length == 1) shape = Shapes.remove(shape, shape.length - 2);
        if (b.shape.length == 1) shape = Shapes.remove(shape, shape.length - 1);
        Tensor out = new Tensor(c, shape);
        if (!Graph.recording(a, b)) return out;
        int[] shapeA = a.shape, shapeB = b.shape;
        return Graph.batchable(Graph.attach(out, name, (node, g) -> {
            Tensor x = node.saved(0).reshape(sa), y = node.saved(1).reshape(sb), gg = Batch.reshape(g, full);
            Tensor gx = node.needsInputGrad(0) ? Batch.reshape(Batch.sumTo(gg.matmul(y.transpose(-1, -2)), sa), shapeA) : null;
            Tensor gy = node.needsInputGrad(1) ? Batch.reshape(Batch.sumTo(x.transpose(-1, -2).matmul(gg), sb), shapeB) : null;
            return grads(gx, gy);
        }, new Tensor[] {a, b}, a, b));
    }

    /**
     * PyTorch's {@code F.linear}, y = x·Wᵀ + b, with its node names: AddmmBackward0 (matrix input with bias), MmBackward0
     * (without), AddBackward0 / SqueezeBackward3 for a vector input. The transpose is a BLAS flag, never a copy.
     */
    static Tensor linear(Tensor input, Tensor weight, Tensor bias) {
        if (input.shape.length == 1) {
            Tensor y = mm(input.detach().reshape(1, input.shape[0]), false, weight.detach(), true).reshape(weight.shape[0]);
            if (Graph.recording(input, weight)) {
                y = Graph.attach(y, "SqueezeBackward3", (node, g) -> {
                    Tensor gr = g.reshape(1, g.numel());
                    return grads(node.needsInputGrad(0) ? mm(gr, false, node.saved(1), false).reshape(node.saved(0).shape) : null,
                                 node.needsInputGrad(1) ? mm(gr, true, node.saved(0).reshape(1, node.saved(0).numel()), false) : null);
                }, new Tensor[] {input, weight}, input, weight);
            }
            return bias == null ? y : y.add(bias);
        }
        if (input.shape.length != 2 || bias == null) {
            Tensor y = input.shape.length == 2 ? mm(input, false, weight, true) : matmul(input, weight.t());
            return bias == null ? y : y.add(bias);
        }
        Tensor y = mm(input.detach(), false, weight.detach(), true);
        double[] out = y.data, bv = bias.data;
        int rows = y.shape[0], cols = y.shape[1];
        if (bv.length == cols) for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) out[i * cols + j] += bv[j];
        else y = y.add(bias.detach());                      // a bias that broadcasts otherwise (a scalar, a column)
        if (!Graph.recording(new Tensor[] {input, weight, bias})) return y;
        int[] biasShape = bias.shape;
        return Graph.attach(y, "AddmmBackward0", (node, g) -> grads(
                node.needsInputGrad(0) ? mm(g, false, node.saved(1), false) : null,
                node.needsInputGrad(1) ? mm(g, true, node.saved(0), false) : null,
                node.needsInputGrad(2) ? g.sumToSize(biasShape) : null), new Tensor[] {input, weight, bias}, input, weight);
    }

    static Tensor dot(Tensor a, Tensor b) {
        if (a.shape.length != 1 || b.shape.length != 1)
            throw new IllegalArgumentException("1D tensors expected, but got " + a.shape.length + "D and " + b.shape.length + "D tensors");
        if (a.data.length != b.data.length)
            throw new IllegalArgumentException("inconsistent tensor size, expected tensor [" + a.data.length + "] and src [" + b.data.length
                    + "] to have the same number of elements, but got " + a.data.length + " and " + b.data.length + " elements respectively");
        Tensor out = Tensor.scalar(Elementwise.dot(a.data, b.data));
        if (!Graph.recording(a, b)) return out;
        int[] vector = a.shape;
        return Graph.batchable(Graph.attach(out, "DotBackward0", (n, g) -> {
            Tensor gv = Batch.rank() == 0 ? g : Batch.expand(g, vector);      // (batch) → (batch, n)
            return grads(n.needsInputGrad(0) ? n.saved(1).mul(gv) : null, n.needsInputGrad(1) ? n.saved(0).mul(gv) : null);
        }, new Tensor[] {a, b}, a, b));
    }

    static Tensor trace(Tensor a) {
        if (a.shape.length != 2) throw new IllegalArgumentException("trace: expected a matrix, but got tensor with dim " + a.shape.length);
        int r = a.shape[0], c = a.shape[1];
        double s = 0;
        for (int i = 0; i < Math.min(r, c); i++) s += a.data[i * c + i];
        Tensor out = Tensor.scalar(s);
        if (!Graph.recording(a)) return out;
        return Graph.attach(out, "TraceBackward0", (n, g) -> grads(Tensor.eye(r, c).mul(g)), a);
    }

    /** Y = A⁻¹; dA = −Yᵀ·G·Yᵀ. */
    static Tensor inverse(Tensor a) {
        int n = square(a, "linalg.inv");
        LinAlg.Lu lu;
        try {
            lu = LinAlg.lu(n, a.data);
        } catch (SingularMatrixException e) {
            throw new ArithmeticException("linalg.inv: The diagonal element " + singularPivot(e) + " is zero, the inversion could not "
                    + "be completed because the input matrix is singular.");
        }
        Tensor out = new Tensor(lu.inverse(), a.shape);
        if (!Graph.recording(a)) return out;
        return Graph.attach(out, "LinalgInvExBackward0", (node, g) -> {
            Tensor y = node.saved(0);
            return grads(mm(y, true, mm(g, false, y, true), false).neg());
        }, a, out);
    }

    /** det A; d det = det·A⁻ᵀ (singular input: the gradient is undefined here, as the inverse is). */
    static Tensor det(Tensor a) {
        int n = square(a, "linalg.det");
        double d;
        try {
            d = n == 0 ? 1 : LinAlg.lu(n, a.data).det();
        } catch (SingularMatrixException e) {
            d = 0;
        }
        Tensor out = Tensor.scalar(d);
        if (!Graph.recording(a)) return out;
        return Graph.attach(out, "LinalgDetBackward0", (node, g) ->
                grads(node.saved(0).inverse().t().mul(g.mul(node.saved(1)))), a, a, out);
    }

    /** log det A (NaN when det &lt; 0, −∞ when singular); d logdet = A⁻ᵀ. */
    static Tensor logdet(Tensor a) {
        int n = square(a, "logdet");
        double v;
        try {
            LinAlg.Lu lu = LinAlg.lu(n, a.data);
            v = n == 0 ? 0 : lu.detSign() < 0 ? Double.NaN : lu.logAbsDet();
        } catch (SingularMatrixException e) {
            v = Double.NEGATIVE_INFINITY;
        }
        Tensor out = Tensor.scalar(v);
        if (!Graph.recording(a)) return out;
        return Graph.attach(out, "WhereBackward0", (node, g) -> grads(node.saved(0).inverse().t().mul(g)), a, a);
    }

    /** ‖x‖₂ over all elements; gradient x/‖x‖, and 0 at x = 0 (PyTorch's subgradient). */
    static Tensor norm(Tensor a) {
        double s = 0;
        for (double v : a.data) s += v * v;
        Tensor out = Tensor.scalar(Math.sqrt(s));
        if (!Graph.recording(a)) return out;
        return Graph.attach(out, "NormBackward1", (node, g) -> {
            Tensor x = node.saved(0), r = node.saved(1);
            return grads(r.item() == 0 ? Tensor.zerosLike(x) : x.mul(g.div(r)));
        }, a, a, out);
    }

    private static int square(Tensor a, String op) {
        if (a.shape.length != 2 || a.shape[0] != a.shape[1])
            throw new IllegalArgumentException(op + ": A must be batches of square matrices, but they are "
                    + (a.shape.length == 2 ? a.shape[0] + " by " + a.shape[1] + " matrices" : a.shape.length + "-D"));
        return a.shape[0];
    }

    private static String singularPivot(SingularMatrixException e) {
        // the kernel reports a 0-based pivot; PyTorch counts diagonal elements from 1
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("pivot (\\d+)").matcher(String.valueOf(e.getMessage()));
        return m.find() ? String.valueOf(Integer.parseInt(m.group(1)) + 1) : "?";
    }
}

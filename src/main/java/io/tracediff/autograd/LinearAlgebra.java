package io.tracediff.autograd;

import static io.tracediff.autograd.Graph.grads;

import io.tracediff.kernel.Elementwise;
import io.tracediff.kernel.Kernels;
import io.tracediff.kernel.LinAlg;
import io.tracediff.kernel.SingularMatrixException;

/**
 * Matrix operations over the shared kernels: products through {@code Kernels.blas().dgemm} with transpose
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
        double[] c = new double[io.tracediff.limits.Entries.of(m, n)];
        if (m > 0 && n > 0 && k > 0)
            Kernels.blas().dgemm(transA, transB, m, n, k, 1.0, a.data, 0, ca, b.data, 0, cb, 0.0, c, 0, n);
        Tensor out = new Tensor(c, new int[] {m, n});
        if (!Graph.recording(a, b)) return out;
        return Graph.attach(out, "MmBackward", (node, g) -> {
            Tensor x = node.saved(0), y = node.saved(1);
            Tensor gx = null, gy = null;
            if (node.needsInputGrad(0)) gx = transA ? mm(y, transB, g, true) : mm(g, false, y, !transB);
            if (node.needsInputGrad(1)) gy = transB ? mm(g, true, x, transA) : mm(x, !transA, g, false);
            return grads(gx, gy);
        }, new Tensor[] {a, b}, a, b);
    }

    static Tensor matmul(Tensor a, Tensor b) {
        int da = a.shape.length, db = b.shape.length;
        if (da == 1 && db == 1) return dot(a, b);
        if (da == 2 && db == 2) return mm(a, false, b, false);
        if (da == 1 && db == 2) return mm(a.reshape(1, a.shape[0]), false, b, false).reshape(b.shape[1]);
        if (da == 2 && db == 1) return mm(a, false, b.reshape(b.shape[0], 1), false).reshape(a.shape[0]);
        throw new IllegalArgumentException("both arguments to matmul need to be at least 1D and at most 2D here, but they are "
                + da + "D and " + db + "D");
    }

    static Tensor dot(Tensor a, Tensor b) {
        if (a.shape.length != 1 || b.shape.length != 1)
            throw new IllegalArgumentException("1D tensors expected, but got " + a.shape.length + "D and " + b.shape.length + "D tensors");
        if (a.data.length != b.data.length)
            throw new IllegalArgumentException("inconsistent tensor size, expected tensor [" + a.data.length + "] and src [" + b.data.length
                    + "] to have the same number of elements, but got " + a.data.length + " and " + b.data.length + " elements respectively");
        Tensor out = Tensor.scalar(Elementwise.dot(a.data, b.data));
        if (!Graph.recording(a, b)) return out;
        return Graph.attach(out, "DotBackward", (n, g) -> grads(
                n.needsInputGrad(0) ? n.saved(1).mul(g) : null,
                n.needsInputGrad(1) ? n.saved(0).mul(g) : null), new Tensor[] {a, b}, a, b);
    }

    static Tensor trace(Tensor a) {
        if (a.shape.length != 2) throw new IllegalArgumentException("trace: expected a matrix, but got tensor with dim " + a.shape.length);
        int r = a.shape[0], c = a.shape[1];
        double s = 0;
        for (int i = 0; i < Math.min(r, c); i++) s += a.data[i * c + i];
        Tensor out = Tensor.scalar(s);
        if (!Graph.recording(a)) return out;
        return Graph.attach(out, "TraceBackward", (n, g) -> grads(Tensor.eye(r, c).mul(g)), a);
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
        return Graph.attach(out, "LinalgInvExBackward", (node, g) -> {
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
        return Graph.attach(out, "LinalgDetBackward", (node, g) ->
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
        return Graph.attach(out, "LogdetBackward", (node, g) -> grads(node.saved(0).inverse().t().mul(g)), a, a);
    }

    /** ‖x‖₂ over all elements; gradient x/‖x‖, and 0 at x = 0 (PyTorch's subgradient). */
    static Tensor norm(Tensor a) {
        double s = 0;
        for (double v : a.data) s += v * v;
        Tensor out = Tensor.scalar(Math.sqrt(s));
        if (!Graph.recording(a)) return out;
        return Graph.attach(out, "NormBackward", (node, g) -> {
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

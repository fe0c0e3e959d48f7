package io.tracediff.autograd;

import static io.tracediff.autograd.Graph.grads;

import java.util.Arrays;

/** Loss functions with PyTorch's definitions and mean reduction ({@code torch.nn.functional}). */
public final class Losses {
    private Losses() {}

    /** mean((input − target)²). */
    public static Tensor mseLoss(Tensor input, Tensor target) {
        requireSameShape(input, target, "mse_loss");
        double[] x = input.data, y = target.data;
        double s = 0;
        for (int i = 0; i < x.length; i++) { double d = x[i] - y[i]; s += d * d; }
        int count = Math.max(1, x.length);
        Tensor out = Tensor.scalar(s / count);
        if (!Graph.recording(input, target)) return out;
        return Graph.attach(out, "MseLossBackward0", (n, g) -> {
            Tensor diff = n.saved(0).sub(n.saved(1)).mul(g.mul(2.0 / count));
            return grads(n.needsInputGrad(0) ? diff : null, n.needsInputGrad(1) ? diff.neg() : null);
        }, new Tensor[] {input, target}, input, target);
    }

    /**
     * mean(max(z, 0) − z·y + log(1 + e^−|z|)): binary cross-entropy on logits z, stable for any z.
     * dz = (σ(z) − y)/N, dy = −z/N.
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor target) {
        requireSameShape(logits, target, "binary_cross_entropy_with_logits");
        double[] z = logits.data, y = target.data;
        double s = 0;
        for (int i = 0; i < z.length; i++) s += Math.max(z[i], 0) - z[i] * y[i] + Math.log1p(Math.exp(-Math.abs(z[i])));
        int count = Math.max(1, z.length);
        Tensor out = Tensor.scalar(s / count);
        if (!Graph.recording(logits, target)) return out;
        return Graph.attach(out, "BinaryCrossEntropyWithLogitsBackward0", (n, g) -> {
            Tensor zz = n.saved(0), yy = n.saved(1), scale = g.div(count);
            return grads(n.needsInputGrad(0) ? zz.sigmoid().sub(yy).mul(scale) : null,
                         n.needsInputGrad(1) ? zz.neg().mul(scale) : null);
        }, new Tensor[] {logits, target}, logits, target);
    }

    /** Cross-entropy of logits (N×C) against class indices: mean over rows of −log softmax(row)[target]. */
    public static Tensor crossEntropy(Tensor logits, int[] targets) {
        if (logits.dim() != 2) throw new IllegalArgumentException("cross_entropy expects logits of shape (N, C), got " + Arrays.toString(logits.shape));
        int rows = logits.shape[0], classes = logits.shape[1];
        if (targets.length != rows)
            throw new IllegalArgumentException("Expected input batch_size (" + rows + ") to match target batch_size (" + targets.length + ").");
        double[] oneHot = new double[rows * classes];
        for (int i = 0; i < rows; i++) {
            if (targets[i] < 0 || targets[i] >= classes) throw new IndexOutOfBoundsException("Target " + targets[i] + " is out of bounds.");
            oneHot[i * classes + targets[i]] = 1;
        }
        return nllLoss(logits.logSoftmax(1), new Tensor(oneHot, logits.shape));
    }

    /** Mean over rows of −logp[i, target i], given the targets one-hot; recorded as PyTorch's NllLossBackward0. */
    private static Tensor nllLoss(Tensor logProbabilities, Tensor oneHot) {
        int rows = logProbabilities.shape[0];
        double s = 0;
        for (int i = 0; i < oneHot.data.length; i++) if (oneHot.data[i] != 0) s -= logProbabilities.data[i];
        Tensor out = Tensor.scalar(rows == 0 ? Double.NaN : s / rows);
        if (!Graph.recording(logProbabilities)) return out;
        return Graph.attach(out, "NllLossBackward0", (n, g) -> grads(oneHot.mul(g).div(-rows)), logProbabilities);
    }

    /** Cross-entropy against class probabilities of the logits' shape: mean over rows of −Σ p·log softmax. */
    public static Tensor crossEntropy(Tensor logits, Tensor probabilities) {
        requireSameShape(logits, probabilities, "cross_entropy");
        return Pointwise.divScalar(logits.logSoftmax(1).mul(probabilities).sum().neg(), logits.shape[0], "DivBackward1");
    }

    private static void requireSameShape(Tensor a, Tensor b, String op) {
        if (!Arrays.equals(a.shape, b.shape))
            throw new IllegalArgumentException(op + ": Target size (" + Shapes.size(b.shape) + ") must be the same as input size ("
                    + Shapes.size(a.shape) + ")");
    }
}

package io.tracediff.nn;

import io.tracediff.autograd.Tensor;
import java.util.List;

/** A differentiable building block with trainable parameters (leaf tensors that require grad), like {@code torch.nn.Module}. */
public abstract class Module {

    /** Applies the block to a batch. */
    public abstract Tensor forward(Tensor input);

    /** The trainable tensors, in a stable order; empty for parameter-free blocks. */
    public List<Tensor> parameters() { return List.of(); }

    /** Clears every parameter's gradient (sets it to none, PyTorch 2's default). */
    public void zeroGrad() {
        for (Tensor p : parameters()) p.setGrad(null);
    }

    /** Total number of trainable scalars. */
    public int parameterCount() {
        int n = 0;
        for (Tensor p : parameters()) n += p.numel();
        return n;
    }
}

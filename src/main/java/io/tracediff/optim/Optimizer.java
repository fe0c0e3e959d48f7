package io.tracediff.optim;

import io.tracediff.autograd.Tensor;
import java.util.List;

/** Updates parameters in place from their {@code .grad} (parameters without a gradient are skipped). */
public abstract class Optimizer {
    protected final List<Tensor> parameters;

    protected Optimizer(List<Tensor> parameters) {
        for (Tensor p : parameters)
            if (!p.isLeaf()) throw new IllegalArgumentException("can't optimize a non-leaf Tensor");
        this.parameters = List.copyOf(parameters);
    }

    /** One update. */
    public abstract void step();

    /** Clears every parameter's gradient (sets it to none, PyTorch 2's default). */
    public void zeroGrad() {
        for (Tensor p : parameters) p.setGrad(null);
    }

    public List<Tensor> parameters() { return parameters; }
}

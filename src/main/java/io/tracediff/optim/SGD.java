package io.tracediff.optim;

import io.tracediff.autograd.Tensor;
import java.util.List;

/** Stochastic gradient descent with optional momentum, PyTorch's form: v ← μv + g, p ← p − lr·v. */
public final class SGD extends Optimizer {
    private final double learningRate, momentum;
    private final double[][] velocity;

    public SGD(List<Tensor> parameters, double learningRate) { this(parameters, learningRate, 0); }

    public SGD(List<Tensor> parameters, double learningRate, double momentum) {
        super(parameters);
        if (learningRate < 0) throw new IllegalArgumentException("Invalid learning rate: " + learningRate);
        if (momentum < 0) throw new IllegalArgumentException("Invalid momentum value: " + momentum);
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.velocity = new double[this.parameters.size()][];
    }

    @Override public void step() {
        for (int k = 0; k < parameters.size(); k++) {
            Tensor p = parameters.get(k);
            if (p.grad() == null) continue;
            double[] w = p.data(), g = p.grad().data();
            if (momentum == 0) {
                for (int i = 0; i < w.length; i++) w[i] -= learningRate * g[i];
                continue;
            }
            if (velocity[k] == null) velocity[k] = g.clone();     // first step: the buffer starts as the gradient
            else for (int i = 0; i < w.length; i++) velocity[k][i] = momentum * velocity[k][i] + g[i];
            double[] v = velocity[k];
            for (int i = 0; i < w.length; i++) w[i] -= learningRate * v[i];
        }
    }
}

package io.tracediff.optim;

import io.tracediff.autograd.Tensor;
import java.util.List;

/** Adam (Kingma &amp; Ba) with bias correction; defaults β = (0.9, 0.999), ε = 1e-8 as in PyTorch. */
public final class Adam extends Optimizer {
    private final double learningRate, beta1, beta2, epsilon;
    private final double[][] firstMoment, secondMoment;
    private int steps;

    public Adam(List<Tensor> parameters, double learningRate) { this(parameters, learningRate, 0.9, 0.999, 1e-8); }

    public Adam(List<Tensor> parameters, double learningRate, double beta1, double beta2, double epsilon) {
        super(parameters);
        if (learningRate < 0) throw new IllegalArgumentException("Invalid learning rate: " + learningRate);
        if (beta1 < 0 || beta1 >= 1) throw new IllegalArgumentException("Invalid beta parameter at index 0: " + beta1);
        if (beta2 < 0 || beta2 >= 1) throw new IllegalArgumentException("Invalid beta parameter at index 1: " + beta2);
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.firstMoment = new double[this.parameters.size()][];
        this.secondMoment = new double[this.parameters.size()][];
    }

    @Override public void step() {
        steps++;
        double correction1 = 1 - Math.pow(beta1, steps), correction2 = 1 - Math.pow(beta2, steps);
        for (int k = 0; k < parameters.size(); k++) {
            Tensor p = parameters.get(k);
            if (p.grad() == null) continue;
            double[] w = p.data(), g = p.grad().data();
            if (firstMoment[k] == null) {
                firstMoment[k] = new double[w.length];
                secondMoment[k] = new double[w.length];
            }
            double[] m = firstMoment[k], v = secondMoment[k];
            for (int i = 0; i < w.length; i++) {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                w[i] -= learningRate * (m[i] / correction1) / (Math.sqrt(v[i] / correction2) + epsilon);
            }
        }
    }
}

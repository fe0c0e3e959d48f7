package io.tracediff.nn;

import io.tracediff.autograd.Tensor;
import java.util.List;
import java.util.Random;

/** Elman recurrence h' = tanh(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh), initialised U(−1/√hidden, 1/√hidden) like PyTorch. */
public final class RNNCell extends Module {
    private final int hiddenSize;
    private final Tensor weightIh, weightHh, biasIh, biasHh;

    public RNNCell(int inputSize, int hiddenSize, Random random) {
        this.hiddenSize = hiddenSize;
        double bound = 1 / Math.sqrt(hiddenSize);
        weightIh = uniform(random, bound, hiddenSize, inputSize);
        weightHh = uniform(random, bound, hiddenSize, hiddenSize);
        biasIh = uniform(random, bound, hiddenSize);
        biasHh = uniform(random, bound, hiddenSize);
    }

    private static Tensor uniform(Random random, double bound, int... shape) {
        return Tensor.rand(random, shape).mul(2 * bound).sub(bound).requiresGrad(true);
    }

    /** One step from a zero hidden state; input (batch, in). */
    @Override public Tensor forward(Tensor input) {
        return step(input, Tensor.zeros(input.size(0), hiddenSize));
    }

    /** One step: input (batch, in), hidden (batch, hidden) → new hidden (batch, hidden). */
    public Tensor step(Tensor input, Tensor hidden) {
        return Tensor.linear(input, weightIh, biasIh).add(Tensor.linear(hidden, weightHh, biasHh)).tanh();
    }

    public int hiddenSize() { return hiddenSize; }

    @Override public List<Tensor> parameters() { return List.of(weightIh, weightHh, biasIh, biasHh); }
}

package io.tracediff.nn;

import io.tracediff.autograd.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /** One step: {@code forward(input)} from a zero hidden state, or {@code forward(input, hidden)}; input (batch, in). */
    @Override public Tensor forward(Tensor... inputs) {
        inputs(inputs, 1, 2);
        return step(inputs[0], inputs.length == 2 ? inputs[1] : Tensor.zeros(inputs[0].size(0), hiddenSize));
    }

    /** One step: input (batch, in), hidden (batch, hidden) → new hidden (batch, hidden). */
    public Tensor step(Tensor input, Tensor hidden) {
        return Tensor.linear(input, weightIh, biasIh).add(Tensor.linear(hidden, weightHh, biasHh)).tanh();
    }

    public int hiddenSize() { return hiddenSize; }

    @Override public Map<String, Tensor> namedParameters() { return named(""); }

    /** The four parameters under PyTorch's names with {@code suffix} appended ({@code _l0} inside an {@link RNN}). */
    Map<String, Tensor> named(String suffix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("weight_ih" + suffix, weightIh);
        out.put("weight_hh" + suffix, weightHh);
        out.put("bias_ih" + suffix, biasIh);
        out.put("bias_hh" + suffix, biasHh);
        return out;
    }
}

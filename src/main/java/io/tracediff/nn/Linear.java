package io.tracediff.nn;

import io.tracediff.autograd.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** y = x·Wᵀ + b with W of shape (out, in), initialised U(−1/√in, 1/√in) like PyTorch. */
public final class Linear extends Module {
    private final Tensor weight;
    private final Tensor bias;

    public Linear(int inFeatures, int outFeatures, Random random) { this(inFeatures, outFeatures, true, random); }

    public Linear(int inFeatures, int outFeatures, boolean withBias, Random random) {
        double bound = 1 / Math.sqrt(inFeatures);
        weight = uniform(random, bound, outFeatures, inFeatures);
        bias = withBias ? uniform(random, bound, outFeatures) : null;
    }

    private static Tensor uniform(Random random, double bound, int... shape) {
        return Tensor.rand(random, shape).mul(2 * bound).sub(bound).requiresGrad(true);
    }

    /** Input (batch, in) or (in); output (batch, out) or (out). */
    @Override public Tensor forward(Tensor... inputs) { return Tensor.linear(single(inputs), weight, bias); }

    public Tensor weight() { return weight; }

    /** The bias, or null when built without one. */
    public Tensor bias() { return bias; }

    @Override public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("weight", weight);
        if (bias != null) out.put("bias", bias);
        return out;
    }

    @Override public String toString() {
        return "Linear(in_features=" + weight.size(1) + ", out_features=" + weight.size(0) + ", bias=" + (bias != null ? "True" : "False") + ")";
    }
}

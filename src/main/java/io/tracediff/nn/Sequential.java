package io.tracediff.nn;

import io.tracediff.autograd.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Blocks applied one after another. */
public class Sequential extends Module {
    private final List<Module> layers;

    public Sequential(Module... layers) { this(List.of(layers)); }

    public Sequential(List<Module> layers) { this.layers = List.copyOf(layers); }

    @Override public Tensor forward(Tensor... inputs) {
        Tensor x = single(inputs);
        for (Module m : layers) x = m.forward(x);
        return x;
    }

    public List<Module> layers() { return layers; }

    @Override public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) addChild(out, String.valueOf(i), layers.get(i));
        return out;
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append("(\n");
        for (int i = 0; i < layers.size(); i++) sb.append("  (").append(i).append("): ").append(layers.get(i)).append('\n');
        return sb.append(')').toString();
    }
}

package io.tracediff.nn;

import io.tracediff.autograd.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Blocks applied one after another. */
public class Sequential extends Module {
    private final List<Module> layers;

    public Sequential(Module... layers) { this(List.of(layers)); }

    public Sequential(List<Module> layers) { this.layers = List.copyOf(layers); }

    @Override public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Module m : layers) x = m.forward(x);
        return x;
    }

    public List<Module> layers() { return layers; }

    @Override public List<Tensor> parameters() {
        List<Tensor> ps = new ArrayList<>();
        for (Module m : layers) ps.addAll(m.parameters());
        return List.copyOf(ps);
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append("(\n");
        for (int i = 0; i < layers.size(); i++) sb.append("  (").append(i).append("): ").append(layers.get(i)).append('\n');
        return sb.append(')').toString();
    }
}

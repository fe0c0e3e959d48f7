package io.tracediff.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Fully connected network: Linear layers of the given widths with an activation between them (none after the last). */
public final class MLP extends Sequential {

    /** Tanh between layers; {@code widths} = input, hidden…, output. */
    public MLP(Random random, int... widths) { this(Activation.TANH, random, widths); }

    public MLP(Module activation, Random random, int... widths) { super(build(activation, random, widths)); }

    private static List<Module> build(Module activation, Random random, int[] widths) {
        if (widths.length < 2) throw new IllegalArgumentException("an MLP needs at least an input and an output width");
        List<Module> layers = new ArrayList<>();
        for (int i = 0; i + 1 < widths.length; i++) {
            if (i > 0) layers.add(activation);
            layers.add(new Linear(widths[i], widths[i + 1], random));
        }
        return layers;
    }
}

package io.tracediff.nn;

import io.tracediff.autograd.Autograd;
import io.tracediff.autograd.GradMode;
import io.tracediff.autograd.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A differentiable building block with trainable parameters (leaf tensors that require grad), like {@code torch.nn.Module}.
 * {@link #forward} takes as many tensors as the block needs (PyTorch's {@code forward(self, input_n, w1, w2)} is
 * {@code forward(Tensor... inputs)} here); parameters are named as PyTorch names them, for {@link #stateDict()}.
 */
public abstract class Module {

    /** Applies the block to its inputs; most blocks take exactly one (see {@link #single}). */
    public abstract Tensor forward(Tensor... inputs);

    /** The one input of a single-input block, or PyTorch's arity error naming this block. */
    protected final Tensor single(Tensor[] inputs) { return inputs(inputs, 1, 1)[0]; }

    /** Checks that between {@code min} and {@code max} inputs were given (PyTorch's TypeError, as one line). */
    protected final Tensor[] inputs(Tensor[] inputs, int min, int max) {
        if (inputs.length < min || inputs.length > max) {
            String expected = min == max ? String.valueOf(min) : "from " + min + " to " + max;
            throw new IllegalArgumentException(getClass().getSimpleName() + ".forward() takes " + expected + " input"
                    + (max == 1 ? "" : "s") + " but " + inputs.length + (inputs.length == 1 ? " was" : " were") + " given");
        }
        return inputs;
    }

    /** Parameters by PyTorch's names ({@code weight}, {@code 0.bias}, {@code weight_ih_l0}), in a stable order. */
    public Map<String, Tensor> namedParameters() { return Map.of(); }

    /** The trainable tensors, in a stable order; empty for parameter-free blocks. */
    public List<Tensor> parameters() { return List.copyOf(namedParameters().values()); }

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

    /** The parameters by name, detached but sharing storage (so a later training step shows in them), like {@code state_dict()}. */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        namedParameters().forEach((name, p) -> out.put(name, p.detach()));
        return out;
    }

    /** {@link #loadStateDict(Map, boolean)} with {@code strict = true}. */
    public void loadStateDict(Map<String, Tensor> state) { loadStateDict(state, true); }

    /**
     * Copies values into the parameters by name. Shapes must match; with {@code strict} the names must match exactly.
     * Nothing is copied when anything is wrong, and the error lists every problem as PyTorch's does.
     */
    public void loadStateDict(Map<String, Tensor> state, boolean strict) {
        Map<String, Tensor> own = namedParameters();
        List<String> errors = new ArrayList<>();
        List<String> missing = new ArrayList<>(), unexpected = new ArrayList<>();
        for (String name : own.keySet()) if (!state.containsKey(name)) missing.add('"' + name + '"');
        for (String name : state.keySet()) if (!own.containsKey(name)) unexpected.add('"' + name + '"');
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            Tensor given = state.get(e.getKey());
            if (given != null && !Arrays.equals(given.shape(), e.getValue().shape()))
                errors.add("size mismatch for " + e.getKey() + ": copying a param with shape " + size(given) + " from checkpoint, the shape in "
                        + "current model is " + size(e.getValue()) + ".");
        }
        if (strict && !unexpected.isEmpty()) errors.add(0, "Unexpected key(s) in state_dict: " + String.join(", ", unexpected) + ". ");
        if (strict && !missing.isEmpty()) errors.add(0, "Missing key(s) in state_dict: " + String.join(", ", missing) + ". ");
        if (!errors.isEmpty())
            throw new IllegalArgumentException("Error(s) in loading state_dict for " + getClass().getSimpleName() + ":\n\t" + String.join("\n\t", errors));
        try (GradMode off = Autograd.noGrad()) {
            own.forEach((name, p) -> {
                Tensor given = state.get(name);
                if (given != null) p.copy_(given);
            });
        }
    }

    /** Writes {@link #stateDict()} to {@code file} ({@link StateDict#save}). */
    public void save(Path file) throws IOException { StateDict.save(stateDict(), file); }

    /** Loads parameters saved by {@link #save} (strict). */
    public void load(Path file) throws IOException { loadStateDict(StateDict.load(file)); }

    private static String size(Tensor t) { return "torch.Size(" + Arrays.toString(t.shape()) + ")"; }

    /** Prefixes each of a child's parameter names with {@code prefix.}, into {@code out}. */
    protected static void addChild(Map<String, Tensor> out, String prefix, Module child) {
        child.namedParameters().forEach((name, p) -> out.put(prefix + "." + name, p));
    }
}

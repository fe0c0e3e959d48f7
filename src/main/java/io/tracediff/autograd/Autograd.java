package io.tracediff.autograd;

import java.util.List;
import java.util.function.Consumer;

/**
 * Entry points of the engine that are not methods of a tensor: {@code torch.autograd.grad}/{@code backward}
 * and the grad-mode switches.
 */
public final class Autograd {
    private static volatile Consumer<String> warnings = message -> System.err.println("UserWarning: " + message);

    private Autograd() {}

    /** Where PyTorch's UserWarnings go (default: standard error, prefixed {@code UserWarning: }). */
    public static void setWarningHandler(Consumer<String> handler) { warnings = handler; }

    static void warn(String message) { warnings.accept(message); }

    /**
     * Disables recording on this thread until closed: results computed inside do not require grad.
     * <pre>{@code try (var g = Autograd.noGrad()) { w.data()[0] -= lr * w.grad().item(); }}</pre>
     */
    public static GradMode noGrad() { return new GradMode(false); }

    /** Re-enables recording on this thread until closed (e.g. inside a {@link #noGrad()} block). */
    public static GradMode enableGrad() { return new GradMode(true); }

    public static boolean isGradEnabled() { return GradMode.isEnabled(); }

    /**
     * Gradients of {@code outputs} with respect to {@code inputs}, weighted by {@code gradOutputs} (null entries,
     * or a null list, mean ones for one-element outputs). No {@code .grad} is modified.
     *
     * @param retainGraph keep saved tensors so the graph can be differentiated again
     * @param createGraph record the backward pass so the returned gradients are differentiable (higher order)
     * @param allowUnused return null for an input the outputs do not depend on, instead of failing
     */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs,
                                    boolean retainGraph, boolean createGraph, boolean allowUnused) {
        Tensor[] g = gradOutputs == null ? null : gradOutputs.toArray(new Tensor[0]);
        if (g != null && g.length != outputs.size())
            throw new IllegalArgumentException("grad requires one grad_output per output: got " + g.length + " for " + outputs.size() + " outputs");
        Tensor[] result = Engine.run(outputs.toArray(new Tensor[0]), g, retainGraph || createGraph, createGraph,
                inputs.toArray(new Tensor[0]), allowUnused);
        return java.util.Collections.unmodifiableList(java.util.Arrays.asList(result));
    }

    /** d output / d input for a one-element output, freeing the graph. */
    public static Tensor grad(Tensor output, Tensor input) {
        return grad(List.of(output), List.of(input), null, false, false, false).get(0);
    }

    /** d output / d input; with {@code createGraph} the result can be differentiated again. */
    public static Tensor grad(Tensor output, Tensor input, boolean createGraph) {
        return grad(List.of(output), List.of(input), null, createGraph, createGraph, false).get(0);
    }

    /** Backward from several outputs at once, each with its gradient (null for one-element outputs). */
    public static void backward(List<Tensor> outputs, List<Tensor> gradOutputs, boolean retainGraph, boolean createGraph) {
        Tensor[] g = gradOutputs == null ? null : gradOutputs.toArray(new Tensor[0]);
        Engine.run(outputs.toArray(new Tensor[0]), g, retainGraph || createGraph, createGraph, null, false);
    }
}

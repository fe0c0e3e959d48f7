package io.tracediff.autograd;

/** Recording: decides whether an operation joins the graph and, if so, links its node to its inputs' nodes. */
final class Graph {
    private Graph() {}

    static boolean recording(Tensor a) { return a.requiresGrad && GradMode.isEnabled(); }

    static boolean recording(Tensor a, Tensor b) { return (a.requiresGrad || b.requiresGrad) && GradMode.isEnabled(); }

    static boolean recording(Tensor[] inputs) {
        for (Tensor t : inputs) if (t.requiresGrad) return GradMode.isEnabled();
        return false;
    }

    /** Makes {@code out} a non-leaf whose grad_fn runs {@code rule}; {@code saved} are the tensors the rule reads. */
    static Tensor attach(Tensor out, String name, BackwardRule rule, Tensor[] inputs, Tensor... saved) {
        Node[] next = new Node[inputs.length];
        for (int i = 0; i < inputs.length; i++) next[i] = edge(inputs[i]);
        out.requiresGrad = true;
        out.gradFn = new Node(name, rule, next, saved);
        nameSavedOutput(out, saved);
        return out;
    }

    static Tensor attach(Tensor out, String name, BackwardRule rule, Tensor input, Tensor... saved) {
        out.requiresGrad = true;
        out.gradFn = new Node(name, rule, new Node[] {edge(input)}, saved);
        nameSavedOutput(out, saved);
        return out;
    }

    /** Remembers the output only when it was saved (for the in-place error's wording); a node never keeps an unsaved output alive. */
    private static void nameSavedOutput(Tensor out, Tensor[] saved) {
        for (Tensor t : saved) if (t == out) out.gradFn.output = out;
    }

    /** The node a gradient for {@code t} must be sent to, or null when t does not require grad. */
    static Node edge(Tensor t) {
        if (!t.requiresGrad) return null;
        return t.gradFn != null ? t.gradFn : t.accumulator();
    }

    static Tensor[] grads(Tensor... g) { return g; }

    /** Marks the node of {@code out} as batch-aware: its rule is correct when gradients carry a leading batch dimension. */
    static Tensor batchable(Tensor out) {
        out.gradFn.batchable = true;
        return out;
    }
}

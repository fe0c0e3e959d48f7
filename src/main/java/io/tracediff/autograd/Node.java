package io.tracediff.autograd;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A node of the recorded graph: the backward function of one operation (PyTorch's {@code grad_fn}).
 * It points at the nodes that produced its inputs, so the graph can be walked from an output to the leaves.
 */
public class Node {
    static final String SECOND_BACKWARD = "Trying to backward through the graph a second time (or directly access saved tensors "
            + "after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() "
            + "or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you "
            + "need to access saved tensors after calling backward.";
    private static final Tensor[] NOTHING_SAVED = new Tensor[0];

    private final String name;
    final BackwardRule rule;
    /** For each input, the node its gradient flows to; null where that input does not require grad. */
    final Node[] next;
    private Tensor[] saved;
    /** Each saved tensor's storage version when it was saved; a later in-place change makes backward refuse. */
    private final int[] savedVersions;
    /** The tensor this node produced, when it saved it (its name is then reported as this node's output). */
    Tensor output;
    /** The non-leaf output that asked for {@link Tensor#retainGrad()}. */
    Tensor retainedOutput;
    /** Whether the rule handles a leading batch dimension (see {@link Batch}); others run once per batch slice. */
    boolean batchable;
    /** Tensor hooks of this node's output (or, on an AccumulateGrad, of its leaf), run on the incoming gradient. */
    List<UnaryOperator<Tensor>> hooks;

    // Engine scratch state: valid only while one backward pass runs over this node.
    int visitEpoch;
    Tensor pendingGrad;
    int captureSlot = -1;
    boolean needed;
    boolean runs;

    Node(String name, BackwardRule rule, Node[] next, Tensor[] saved) {
        this.name = name;
        this.rule = rule;
        this.next = next;
        this.saved = saved.length == 0 ? NOTHING_SAVED : saved;
        this.savedVersions = new int[saved.length];
        for (int i = 0; i < saved.length; i++) savedVersions[i] = saved[i].storage.version;
    }

    /** The operation's backward name as PyTorch 1.13 prints it, e.g. {@code MulBackward0}. */
    public String name() { return name; }

    /** The nodes this one sends gradients to (null entries for inputs that need no gradient), like {@code next_functions}. */
    public List<Node> nextFunctions() {
        List<Node> out = new ArrayList<>(next.length);
        Collections.addAll(out, next);
        return Collections.unmodifiableList(out);
    }

    @Override public String toString() { return "<" + name + ">"; }

    /** Whether input {@code i} needs a gradient (a rule may skip computing the others). */
    boolean needsInputGrad(int i) { return next[i] != null; }

    /** A tensor saved for backward; fails with PyTorch's message once the graph was freed. */
    Tensor saved(int i) {
        if (saved == null) throw new IllegalStateException(SECOND_BACKWARD);
        Tensor t = saved[i];
        if (t.storage.version != savedVersions[i]) {
            String producer = t == output ? name : t.gradFn != null ? t.gradFn.name() : null;
            String shape = java.util.Arrays.toString(t.shape);
            throw new IllegalStateException("one of the variables needed for gradient computation has been modified by an inplace operation: "
                    + "[torch." + t.dtype.tensorType + "Tensor " + shape + "]" + (producer != null ? ", which is output 0 of " + producer + "," : "")
                    + " is at version " + t.storage.version + "; expected version " + savedVersions[i] + " instead. Hint: enable anomaly "
                    + "detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).");
        }
        return t;
    }

    /** Stands in the hook list where retainGrad() was called: as in PyTorch 1.13, .grad keeps the gradient at that point. */
    static final UnaryOperator<Tensor> RETAIN = g -> g;

    /** Adds a hook after those already registered. */
    void addHook(UnaryOperator<Tensor> hook) {
        if (hooks == null) hooks = new ArrayList<>();
        hooks.add(hook);
    }

    /**
     * Runs the tensor hooks on an incoming gradient in registration order; a hook's non-null result replaces it. With
     * {@code retain} (a backward into .grad), the retained output accumulates the gradient at the place of {@link #RETAIN}.
     */
    Tensor runHooks(Tensor g, boolean retain, boolean createGraph) {
        if (hooks == null) return g;
        for (UnaryOperator<Tensor> hook : List.copyOf(hooks)) {
            if (hook == RETAIN) {
                if (retain && retainedOutput != null) retainedOutput.accumulateGrad(g, createGraph);
                continue;
            }
            Tensor replaced = hook.apply(g);
            if (replaced == null) continue;
            if (!java.util.Arrays.equals(replaced.shape, g.shape)) throw new IllegalStateException("hook has changed the size of value");
            g = replaced;
        }
        return g;
    }

    /** Frees saved tensors after a backward without retain_graph (nodes that saved nothing stay usable, as in PyTorch). */
    void release() {
        if (saved.length > 0) {
            saved = null;
            output = null;
        }
    }
}

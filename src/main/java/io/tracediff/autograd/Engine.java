package io.tracediff.autograd;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reverse-mode execution. One iterative depth-first pass (explicit stack, never recursion) lists every node
 * reachable from the roots in post-order; walking that list backwards visits each node exactly once, after all
 * nodes that feed it a gradient, and gradients of shared subexpressions are summed before they are used.
 */
final class Engine {
    private static final AtomicInteger EPOCH = new AtomicInteger();

    private Engine() {}

    /**
     * Runs backward from {@code roots}. With {@code inputs == null} gradients accumulate into leaves' {@code .grad}
     * (and retained non-leaves); otherwise they are returned for {@code inputs} only and no {@code .grad} changes.
     */
    static Tensor[] run(Tensor[] roots, Tensor[] rootGrads, boolean retainGraph, boolean createGraph,
                        Tensor[] inputs, boolean allowUnused) {
        return run(roots, rootGrads, retainGraph, createGraph, inputs, allowUnused, false);
    }

    /**
     * Batched vector–Jacobian products: {@code rootGrad} has one more leading dimension than {@code root} (the batch),
     * and so does the returned gradient of each input. One pass over the graph; rules marked batchable handle the
     * batch dimension themselves, the others run once per slice.
     */
    static Tensor[] runBatched(Tensor root, Tensor rootGrad, Tensor[] inputs, boolean createGraph) {
        return run(new Tensor[] {root}, new Tensor[] {rootGrad}, true, createGraph, inputs, true, true);
    }

    private static Tensor[] run(Tensor[] roots, Tensor[] rootGrads, boolean retainGraph, boolean createGraph,
                                Tensor[] inputs, boolean allowUnused, boolean batched) {
        Tensor[] seeds = batched ? rootGrads : seeds(roots, rootGrads);
        if (batched && (rootGrads[0].shape.length != roots[0].shape.length + 1
                || !Arrays.equals(Arrays.copyOfRange(rootGrads[0].shape, 1, rootGrads[0].shape.length), roots[0].shape)))
            throw new IllegalArgumentException("batched grad_output must have shape (batch, " + Shapes.size(roots[0].shape) + "), got "
                    + Shapes.size(rootGrads[0].shape));
        boolean capture = inputs != null;
        Node[] captureNodes = capture ? captureNodes(inputs) : null;
        Tensor[] captured = capture ? new Tensor[inputs.length] : null;
        int epoch = EPOCH.incrementAndGet();
        Node[] order = null;
        int count = 0;
        GradMode mode = new GradMode(createGraph);      // rules record themselves only when create_graph
        Batch.Scope batch = Batch.with(batched ? 1 : 0);
        try {
            Node[] rootNodes = new Node[roots.length];
            for (int i = 0; i < roots.length; i++) rootNodes[i] = Graph.edge(roots[i]);
            Node[] postOrder = new Node[16];
            Node[] stack = new Node[16];
            int[] childIndex = new int[16];
            for (Node root : rootNodes) {
                if (root.visitEpoch == epoch) continue;
                visit(root, epoch);
                int sp = 0;
                stack[sp] = root; childIndex[sp] = 0; sp++;
                while (sp > 0) {
                    Node top = stack[sp - 1];
                    int c = childIndex[sp - 1];
                    if (c < top.next.length) {
                        childIndex[sp - 1] = c + 1;
                        Node child = top.next[c];
                        if (child != null && child.visitEpoch != epoch) {
                            visit(child, epoch);
                            if (sp == stack.length) {
                                stack = Arrays.copyOf(stack, sp * 2);
                                childIndex = Arrays.copyOf(childIndex, sp * 2);
                            }
                            stack[sp] = child; childIndex[sp] = 0; sp++;
                        }
                    } else {
                        stack[--sp] = null;
                        if (count == postOrder.length) postOrder = Arrays.copyOf(postOrder, count * 2);
                        postOrder[count++] = top;
                    }
                }
            }
            order = postOrder;
            if (capture) {
                for (int k = 0; k < captureNodes.length; k++)
                    if (captureNodes[k].visitEpoch == epoch && captureNodes[k].captureSlot < 0) captureNodes[k].captureSlot = k;
                for (int i = 0; i < count; i++) {   // post-order: a node's successors are decided before it
                    Node n = order[i];
                    boolean runs = false;
                    for (Node nx : n.next) if (nx != null && nx.needed) { runs = true; break; }
                    n.runs = runs;
                    n.needed = runs || n.captureSlot >= 0;
                }
            }
            for (int i = 0; i < roots.length; i++) accumulate(rootNodes[i], seeds[i]);

            for (int i = count - 1; i >= 0; i--) {
                Node n = order[i];
                Tensor g = n.pendingGrad;
                n.pendingGrad = null;
                if (g == null) continue;
                g = batched ? perSliceHooks(n, g) : n.runHooks(g, !capture, createGraph);
                if (capture) {
                    if (n.captureSlot >= 0) {
                        int slot = n.captureSlot;
                        captured[slot] = captured[slot] == null ? g : captured[slot].add(g);
                    }
                    if (!n.runs) continue;
                } else {
                    if (n instanceof AccumulateGrad acc) {
                        acc.leaf.accumulateGrad(g, createGraph);
                        continue;
                    }
                }
                Tensor[] inputGrads = batched && !n.batchable ? perSlice(n, g) : n.rule.apply(n, g);
                Node[] next = n.next;
                for (int j = 0; j < next.length; j++) {
                    Node nx = next[j];
                    if (nx == null || inputGrads[j] == null || (capture && !nx.needed)) continue;
                    accumulate(nx, inputGrads[j]);
                }
                if (!retainGraph) n.release();
            }
        } finally {
            batch.close();
            mode.close();
            if (order != null) for (int i = 0; i < count; i++) {
                order[i].pendingGrad = null;
                order[i].captureSlot = -1;
                order[i].needed = false;
            }
        }
        if (!capture) return null;
        for (int k = 0; k < inputs.length; k++) {
            if (captured[k] == null && captureNodes[k] != null) {
                // the same input listed twice: give both slots the gradient
                for (int j = 0; j < k; j++) if (captureNodes[j] == captureNodes[k]) captured[k] = captured[j];
            }
            if (captured[k] == null && !allowUnused)
                throw new IllegalStateException("One of the differentiated Tensors appears to not have been used in the graph. "
                        + "Set allow_unused=True if this is the desired behavior.");
        }
        return captured;
    }

    /** A rule that does not know the batch dimension, run on each slice and the results stacked. */
    private static Tensor[] perSlice(Node n, Tensor g) {
        int b = g.shape[0];
        Tensor[][] parts = new Tensor[b][];
        try (Batch.Scope unbatched = Batch.with(0)) {
            for (int i = 0; i < b; i++) parts[i] = n.rule.apply(n, g.select(0, i));
        }
        Tensor[] out = new Tensor[parts.length == 0 ? n.next.length : parts[0].length];
        for (int j = 0; j < out.length; j++) {
            if (b == 0 || parts[0][j] == null) continue;
            java.util.List<Tensor> slices = new java.util.ArrayList<>(b);
            for (Tensor[] p : parts) slices.add(p[j]);
            out[j] = Tensor.stack(slices, 0);
        }
        return out;
    }

    private static Tensor perSliceHooks(Node n, Tensor g) {
        if (n.hooks == null || n.hooks.isEmpty()) return g;
        java.util.List<Tensor> slices = new java.util.ArrayList<>(g.shape[0]);
        for (int i = 0; i < g.shape[0]; i++) slices.add(n.runHooks(g.select(0, i), false, false));
        return Tensor.stack(slices, 0);
    }

    private static void visit(Node n, int epoch) {
        n.visitEpoch = epoch;
        n.pendingGrad = null;
        n.needed = false;
        n.runs = false;
    }

    private static void accumulate(Node n, Tensor g) {
        n.pendingGrad = n.pendingGrad == null ? g : n.pendingGrad.add(g);
    }

    private static Tensor[] seeds(Tensor[] roots, Tensor[] rootGrads) {
        Tensor[] seeds = new Tensor[roots.length];
        for (int i = 0; i < roots.length; i++) {
            Tensor root = roots[i];
            if (!root.requiresGrad)
                throw new IllegalStateException("element " + i + " of tensors does not require grad and does not have a grad_fn");
            Tensor g = rootGrads == null ? null : rootGrads[i];
            if (g == null) {
                if (root.numel() != 1) throw new IllegalStateException("grad can be implicitly created only for scalar outputs");
                g = Tensor.onesLike(root);
            } else if (!Arrays.equals(g.shape, root.shape)) {
                throw new IllegalArgumentException("Mismatch in shape: grad_output[" + i + "] has a shape of " + Shapes.size(g.shape)
                        + " and output[" + i + "] has a shape of " + Shapes.size(root.shape) + ".");
            }
            seeds[i] = g;
        }
        return seeds;
    }

    private static Node[] captureNodes(Tensor[] inputs) {
        Node[] nodes = new Node[inputs.length];
        for (int k = 0; k < inputs.length; k++) {
            if (!inputs[k].requiresGrad) throw new IllegalStateException("One of the differentiated Tensors does not require grad");
            nodes[k] = Graph.edge(inputs[k]);
        }
        return nodes;
    }
}

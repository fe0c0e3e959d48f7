package io.tracediff.autograd;

/** The sink node of a leaf that requires grad: gradients reaching it are added into the leaf's {@code .grad}. */
final class AccumulateGrad extends Node {
    private static final Node[] NO_INPUTS = new Node[0];
    final Tensor leaf;

    AccumulateGrad(Tensor leaf) {
        super("AccumulateGrad", null, NO_INPUTS, new Tensor[0]);
        this.leaf = leaf;
    }
}

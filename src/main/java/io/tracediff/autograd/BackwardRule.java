package io.tracediff.autograd;

/**
 * The backward half of one operation: given dL/d(output), the gradients for each input (null where
 * {@link Node#needsInputGrad(int)} is false). Rules are written with Tensor operations, so when the
 * engine runs them with grad mode on (create_graph) the backward pass is itself recorded.
 */
@FunctionalInterface
interface BackwardRule {
    Tensor[] apply(Node node, Tensor gradOutput);
}

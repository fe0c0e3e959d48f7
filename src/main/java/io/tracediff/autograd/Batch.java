package io.tracediff.autograd;

/**
 * The batch context of a vectorized backward pass (batched vector–Jacobian products): while it runs, every gradient
 * carries one extra leading dimension, the batch. A rule marked batchable writes its shape-dependent steps through
 * these helpers, which are the plain operations when no batch is active; other rules run once per batch slice.
 */
final class Batch {
    private static final ThreadLocal<int[]> RANK = ThreadLocal.withInitial(() -> new int[1]);

    private Batch() {}

    /** 1 inside a vectorized pass, 0 otherwise. */
    static int rank() { return RANK.get()[0]; }

    /** A scope that restores the previous rank. */
    interface Scope extends AutoCloseable {
        @Override void close();
    }

    /** Sets the rank until closed (restores the previous one). */
    static Scope with(int rank) {
        int[] slot = RANK.get();
        int previous = slot[0];
        slot[0] = rank;
        return () -> slot[0] = previous;
    }

    /** A dimension of the unbatched tensor, counted in the batched one. */
    static int dim(int d) { return d + rank(); }

    /** g (batch ++ some shape with as many elements as {@code shape}) viewed as batch ++ shape. */
    static Tensor reshape(Tensor g, int[] shape) {
        return rank() == 0 ? g.reshape(shape) : g.reshape(Shapes.concat(new int[] {g.shape[0]}, shape));
    }

    /** g (batch ++ a shape that broadcasts to {@code shape}) broadcast to batch ++ shape. */
    static Tensor expand(Tensor g, int[] shape) {
        if (rank() == 0) return g.expand(shape);
        int b = g.shape[0];
        int[] own = java.util.Arrays.copyOfRange(g.shape, 1, g.shape.length);
        return g.reshape(Shapes.concat(new int[] {b}, padded(own, shape.length))).expand(Shapes.concat(new int[] {b}, shape));
    }

    /** g (batch ++ a shape that {@code shape} broadcasts to) summed to batch ++ shape. */
    static Tensor sumTo(Tensor g, int[] shape) {
        if (rank() == 0) return g.sumToSize(shape);
        int b = g.shape[0], rankOut = g.shape.length - 1;
        if (shape.length > rankOut) throw new IllegalStateException("cannot sum batched shape " + java.util.Arrays.toString(g.shape) + " to " + java.util.Arrays.toString(shape));
        return g.sumToSize(Shapes.concat(new int[] {b}, padded(shape, rankOut))).reshape(Shapes.concat(new int[] {b}, shape));
    }

    /** {@code shape} with leading 1s up to {@code rank} dimensions. */
    private static int[] padded(int[] shape, int rank) {
        int[] out = new int[rank];
        java.util.Arrays.fill(out, 1);
        System.arraycopy(shape, 0, out, rank - shape.length, shape.length);
        return out;
    }
}

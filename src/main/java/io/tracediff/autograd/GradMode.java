package io.tracediff.autograd;

/**
 * Per-thread switch for recording operations, restored when closed: the result of
 * {@link Autograd#noGrad()} and {@link Autograd#enableGrad()}, used in try-with-resources.
 */
public final class GradMode implements AutoCloseable {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private final boolean previous;
    private boolean closed;

    GradMode(boolean enabled) {
        boolean[] flag = ENABLED.get();
        previous = flag[0];
        flag[0] = enabled;
    }

    static boolean isEnabled() { return ENABLED.get()[0]; }

    /** Restores the mode that was active when this guard was opened. */
    @Override public void close() {
        if (closed) return;
        closed = true;
        ENABLED.get()[0] = previous;
    }
}

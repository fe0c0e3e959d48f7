package io.tracediff.symja.engine;

import java.util.function.Supplier;

/**
 * Symja work on a daemon thread of its own, awaited until a deadline: Symja's Simplify can run on past its own time
 * limit holding Symja's locks, and then neither the caller (the command's thread) nor the JVM may wait for it.
 */
final class OnDaemon {
    private OnDaemon() {}

    /** The work's value, or null when it had not finished by {@code deadlineMillis} (currentTimeMillis): it is then abandoned. */
    @SuppressWarnings("unchecked")
    static <T> T run(String name, long deadlineMillis, Supplier<T> work) {
        Object[] value = new Object[1];
        Throwable[] failure = new Throwable[1];
        // The stack of the command's own thread (Main.STACK_BYTES): expansions recurse as deep as the expression.
        Thread t = new Thread(null, () -> {
            try {
                value[0] = work.get();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, name, 256L << 20);
        t.setDaemon(true);
        t.setContextClassLoader(OnDaemon.class.getClassLoader());   // Symja finds its providers through it
        t.start();
        try {
            t.join(Math.max(1, deadlineMillis - System.currentTimeMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            t.interrupt();   // a request only: Symja may not stop, but nothing waits for it any more
            return null;
        }
        if (failure[0] instanceof RuntimeException e) throw e;
        if (failure[0] instanceof Error e) throw e;
        return (T) value[0];
    }
}

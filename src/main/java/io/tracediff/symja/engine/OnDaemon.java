package io.tracediff.symja.engine;

import java.util.function.Supplier;

/**
 * Symja work on a daemon thread of its own, awaited until a deadline: Symja's Simplify can run on past its own time
 * limit holding Symja's locks, and then neither the caller (the command's thread) nor the JVM may wait for it.
 */
final class OnDaemon {
    private OnDaemon() {}

    /** Work given up on that may still hold Symja's locks: in one batch or server process, later Symja work would wait on it. */
    private static final java.util.Set<Thread> ABANDONED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * The work's value, or null when it had not finished by {@code deadlineMillis} (currentTimeMillis): it is then abandoned.
     * New work first waits, until its own deadline, for abandoned work still running (it holds Symja's locks), and is
     * refused, saying why, when that has not ended by then.
     */
    @SuppressWarnings("unchecked")
    static <T> T run(String name, long deadlineMillis, Supplier<T> work) {
        for (Thread a : ABANDONED) {
            try {
                a.join(Math.max(1, deadlineMillis - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (a.isAlive())
                throw new io.tracediff.core.UserError("Symja is still busy with an earlier computation of this process that ran past its time limit"
                        + " (check --exact or a --fn derivative); run this request in a process of its own, or again once that one has ended");
            ABANDONED.remove(a);
        }
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
            ABANDONED.add(t);
            return null;
        }
        if (failure[0] instanceof RuntimeException e) throw e;
        if (failure[0] instanceof Error e) throw e;
        return (T) value[0];
    }
}

package io.tracediff.web;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs API computations: at most {@code size} at once and {@code queue} more waiting for a turn; a call beyond
 * that is refused at once with 503 (nothing queues without bound). Each runs on its own thread with the CLI's large stack and a time limit. A computation past its limit is
 * interrupted and then stopped, and the request answers 422 with a message saying so.
 */
public final class Workers {
    /** How long a computation gets to end after its interrupt before it is stopped. */
    private static final long GRACE_MILLIS = 200;

    private final Semaphore admitted;
    private final Semaphore slots;
    private final int size, queue;
    private final long limitMillis;
    /** The stack each computation runs on: the CLI's, so the same expressions fit. */
    private final long stackBytes;
    private final AtomicInteger started = new AtomicInteger();

    public Workers(int size, int queue, long limitMillis, long stackBytes) {
        if (size < 1 || queue < 0) throw new IllegalArgumentException("size " + size + ", queue " + queue);
        this.size = size;
        this.queue = queue;
        this.admitted = new Semaphore(size + queue);
        this.slots = new Semaphore(size, true);
        this.limitMillis = limitMillis;
        this.stackBytes = stackBytes;
    }

    public int size() { return size; }

    public long limitMillis() { return limitMillis; }

    /** Computations running now (a stopped one counts until its thread has ended). */
    public int busy() { return size - slots.availablePermits(); }

    public <T> T call(Callable<T> work) throws Exception {
        if (!admitted.tryAcquire())
            throw new ApiError(503, "the server is busy: " + size + " computations are running and " + queue
                    + " waiting; retry in a moment");
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            admitted.release();
            throw e;
        }
        FutureTask<T> task = new FutureTask<>(work);
        Thread t = new Thread(null, () -> {
            try {
                task.run();
            } finally {
                slots.release();  // only when the thread is done, so a stopped runaway never overbooks the pool
                admitted.release();
            }
        }, "tracediff-api-" + started.incrementAndGet(), stackBytes);
        t.setDaemon(true);
        try {
            t.start();
        } catch (OutOfMemoryError e) {  // no thread could be made: give the turn back
            slots.release();
            admitted.release();
            throw new ApiError(503, "the server cannot start another computation now; retry in a moment");
        }
        try {
            return task.get(limitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stop(t);
            throw new ApiError(422, "stopped after the time limit of " + seconds() + ": this computation is too large for the server; "
                    + "try a smaller expression or run the command locally");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof OutOfMemoryError)
                throw new ApiError(422, "the computation needed more memory than the server has; try smaller sizes (in \"let\" or \"at\")");
            if (cause instanceof Exception x) throw x;
            throw new IllegalStateException(cause);
        }
    }

    /**
     * Interrupts, then stops the thread. Stopping is the only way to end a derivation that does not poll for
     * interrupts; classes are initialised before the server accepts calls (see WebServer's warm-up), so the
     * stop cannot leave one half-initialised. A thread inside Symja is stopped only once it is out of it (its one
     * shared evaluator must not be left mid-evaluation; each Symja call has its own time budget), by a watcher.
     */
    private static void stop(Thread t) throws InterruptedException {
        t.interrupt();
        t.join(GRACE_MILLIS);
        if (!t.isAlive() || stopOutsideSymja(t)) return;
        Thread watcher = new Thread(() -> {
            try {
                while (t.isAlive() && !stopOutsideSymja(t)) Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, t.getName() + "-stopper");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Stops {@code t} unless it is inside Symja; true when stopped (or when stopping is impossible on this Java). */
    @SuppressWarnings({"removal", "deprecation"})
    private static boolean stopOutsideSymja(Thread t) {
        for (StackTraceElement frame : t.getStackTrace())
            if (frame.getClassName().startsWith("org.matheclipse.")) return false;
        try {
            t.stop();
        } catch (UnsupportedOperationException e) {
            // Java 20 and later: the thread runs on and keeps its slot until it ends
        }
        return true;
    }

    private String seconds() {
        return limitMillis % 1000 == 0 ? limitMillis / 1000 + " s" : limitMillis + " ms";
    }
}

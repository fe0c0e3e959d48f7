package io.tracediff.symja.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.core.UserError;
import org.junit.jupiter.api.Test;

/**
 * Symja work past its deadline is abandoned (it may ignore interrupts, as Simplify does); while it runs, later work in
 * the same process (a batch, the server) is refused at once instead of waiting on its locks until its own deadline.
 */
class OnDaemonTest {
    /** Busy for {@code millis}, deaf to interrupts, as Symja's Simplify past its clock. */
    private static String busy(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) Thread.onSpinWait();
        return "done";
    }

    @Test void workStillRunningPastItsDeadlineHoldsTheNextUntilItsOwnDeadlineThenRefusesIt() {
        assertNull(OnDaemon.run("test-abandoned", System.currentTimeMillis() + 50, () -> busy(1_500)));
        // due before the abandoned work ends: refused, saying why (it waited on Symja's locks and said "ran out of time")
        UserError e = assertThrows(UserError.class, () -> OnDaemon.run("test-next", System.currentTimeMillis() + 200, () -> "next"));
        assertTrue(e.getMessage().startsWith("Symja is still busy with an earlier computation of this process"), e.getMessage());
        // due after it ends: waits for it, then runs
        assertEquals("next", OnDaemon.run("test-after", System.currentTimeMillis() + 5_000, () -> "next"));
    }
}

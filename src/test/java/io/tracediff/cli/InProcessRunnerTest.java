package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.core.UserError;
import io.tracediff.web.CommandRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The web layer's view of a command (io.tracediff.web.CommandRun) agrees with the CLI's exit codes and output. */
class InProcessRunnerTest {

    @Test
    void theWebLayersExitCodesAreTheClis() {
        assertEquals(ExitCodes.OK, CommandRun.OK);
        assertEquals(ExitCodes.USER_ERROR, CommandRun.USER_ERROR);
        assertEquals(ExitCodes.DISAGREE, CommandRun.DISAGREE);
        assertEquals(Main.STACK_BYTES, new InProcessRunner().stackBytes());
    }

    @Test
    void aCommandRunsAsTheCliRunsIt() {
        CommandRun r = new InProcessRunner().run(List.of("print", "--", "a'*exp(X*b)"));
        assertTrue(r.ok(), r.err());
        assertEquals("aᵀ exp(X b)", r.out().lines().findFirst().orElseThrow());
    }

    @Test
    void aUserErrorIsExitTwoWithTheErrorKept() {
        CommandRun r = new InProcessRunner().run(List.of("print", "--", "a +* b"));
        assertEquals(ExitCodes.USER_ERROR, r.exitCode());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertInstanceOf(UserError.class, r.failure());
    }

    /** A request field's value is a value even when it starts like an option: "let": "-h" is a (malformed) declaration. */
    @Test
    void aFieldsValueIsNeverAnOption() {
        CommandRun r = new InProcessRunner().run(List.of("print", "--let=-h", "--", "x"));
        assertEquals(ExitCodes.USER_ERROR, r.exitCode());
        assertTrue(r.err().startsWith("error: malformed declaration"), r.err());
        CommandRun w = new InProcessRunner().run(List.of("grad", "--wrt=--json", "--", "x'*x"));
        assertTrue(w.err().startsWith("error: --wrt --json: '--json' does not occur in x'*x"), w.err());
    }
}

package io.tracediff.symja.engine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The one place tracediff starts Symja. Loading it costs 1–2 s, so it happens on first use (a
 * holder class), only when a user function is defined or a test asks.
 */
public final class Symja {
    private Symja() {}

    private static final class Holder {
        static final long START = System.nanoTime();
        static final ExprEvaluator EVALUATOR = start();
        static final long INIT_NANOS = System.nanoTime() - START;
    }

    /**
     * Settings that must precede the first load of Symja's F class (JAS's non-daemon thread pool keeps the JVM alive
     * ~60 s at exit): called when the engine class loads, since building an expansion loads F before Symja starts.
     */
    static void configure() { org.matheclipse.core.basic.Config.JAS_NO_THREADS = true; }

    private static ExprEvaluator start() {
        configure();
        // log4j-api without a backend complains on stderr; its simple logger is silent below ERROR.
        if (System.getProperty("log4j2.loggerContextFactory") == null)
            System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        // slf4j 1.7 without a binding prints a three-line notice while Symja starts; keep it off the user's terminal.
        // Bounds on what one evaluation may build, so a hostile body fails fast instead of filling the heap.
        org.matheclipse.core.basic.Config.MAX_AST_SIZE = 1 << 20;
        org.matheclipse.core.basic.Config.MAX_BIT_LENGTH = 1 << 20;
        org.matheclipse.core.basic.Config.MAX_POLYNOMIAL_DEGREE = 1 << 14;
        org.matheclipse.core.basic.Config.MAX_INPUT_LEAVES = 1L << 20;
        PrintStream err = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true));
        // Symja's libraries look up their providers (log4j's factory) through the thread's context loader: make it
        // the one that loaded Symja, which is not the application's when bin/tracediff deferred Symja's jars.
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(Symja.class.getClassLoader());
        try {
            ExprEvaluator evaluator = new ExprEvaluator(false, (short) 100);
            // Symja's warnings ("Power: Infinite expression 1/0 encountered.") go nowhere: tracediff reports problems itself.
            PrintStream sink = new PrintStream(java.io.OutputStream.nullOutputStream());
            evaluator.getEvalEngine().setQuietMode(true);
            evaluator.getEvalEngine().setOutPrintStream(sink);
            evaluator.getEvalEngine().setErrorPrintStream(sink);
            return evaluator;
        } finally {
            System.setErr(err);
            thread.setContextClassLoader(context);
        }
    }

    /** Evaluates Symja input (relaxed syntax: {@code D(Log(1+Exp(x)), x)}). */
    public static synchronized IExpr eval(String input) { return Holder.EVALUATOR.eval(input); }

    /** Parses Symja input without evaluating it. */
    static synchronized IExpr parse(String input) { return Holder.EVALUATOR.parse(input); }

    /** Evaluates a Symja expression tree. */
    public static synchronized IExpr eval(IExpr expr) { return Holder.EVALUATOR.eval(expr); }

    /**
     * Evaluates within a time limit (Symja's TimeConstrained); null when the limit is reached. Symja's
     * messages about the abort are kept off the user's terminal.
     */
    public static synchronized IExpr evalWithin(IExpr expr, long seconds) {
        return quietly(engine -> {
            IExpr r = Holder.EVALUATOR.eval(org.matheclipse.core.expression.F.TimeConstrained(expr,
                    org.matheclipse.core.expression.F.ZZ(seconds), org.matheclipse.core.expression.S.$Aborted));
            return r == org.matheclipse.core.expression.S.$Aborted ? null : r;
        });
    }

    /**
     * Evaluates on this thread with Symja's own clock set to {@code deadlineMillis} (System.currentTimeMillis); null
     * when it runs out. Unlike TimeConstrained it starts no thread: TimeConstrained's pool thread is not a daemon and
     * runs on when Symja ignores the clock (Simplify's pattern matching does), so callers that must end by a deadline
     * run this on a daemon thread of their own and stop waiting for it (ExactProver).
     */
    public static synchronized IExpr evalBefore(IExpr expr, long deadlineMillis) {
        return quietly(engine -> {
            engine.setTimeConstrainedMillis(deadlineMillis);
            try {
                IExpr r = Holder.EVALUATOR.eval(expr);
                return r == org.matheclipse.core.expression.S.$Aborted || System.currentTimeMillis() > deadlineMillis ? null : r;
            } catch (org.matheclipse.core.eval.exception.TimeoutException e) {
                return null;
            } finally {
                engine.setTimeConstrainedMillis(-1);
                engine.setStopRequested(false);
            }
        });
    }

    /** {@code run} with Symja's messages (about an abort, say) kept off the user's terminal, its streams restored after. */
    private static IExpr quietly(java.util.function.Function<org.matheclipse.core.eval.EvalEngine, IExpr> run) {
        org.matheclipse.core.eval.EvalEngine engine = Holder.EVALUATOR.getEvalEngine();
        PrintStream out = engine.getOutPrintStream(), err = engine.getErrorPrintStream();
        boolean quiet = engine.isQuietMode();
        PrintStream sink = new PrintStream(java.io.OutputStream.nullOutputStream());
        engine.setQuietMode(true);
        engine.setOutPrintStream(sink);
        engine.setErrorPrintStream(sink);
        try {
            return run.apply(engine);
        } finally {
            engine.setQuietMode(quiet);
            engine.setOutPrintStream(out);
            engine.setErrorPrintStream(err);
        }
    }

    /**
     * d/dx of Symja input in x, in the forms worth printing: as D returns it, simplified, and factored
     * (each wins somewhere: Factor keeps e^x (1 + e^x + x)/(1 + e^x)^2 where Simplify brings in Cosh).
     */
    static java.util.List<IExpr> derivative(String fx) { return derivative(fx, deadline()); }

    /** A deadline {@link io.tracediff.limits.Limit#SYMJA_SECONDS} from now, shared by every step of one --fn. */
    static long deadline() { return System.nanoTime() + io.tracediff.limits.Limit.SYMJA_SECONDS.value() * 1_000_000_000L; }

    /** Whole seconds left before the deadline (TimeConstrained takes seconds); 0 when it has passed. */
    static long secondsLeft(long deadline) { return Math.max(0, (deadline - System.nanoTime()) / 1_000_000_000L); }

    static java.util.List<IExpr> derivative(String fx, long deadline) {
        long seconds = secondsLeft(deadline);
        IExpr d = seconds == 0 ? null : evalWithin(Holder.EVALUATOR.parse("D(" + fx + ", x)"), seconds);
        if (d == null) throw io.tracediff.limits.Limit.SYMJA_SECONDS.exceeded("Symja did not finish the derivative in time");
        java.util.List<IExpr> forms = new java.util.ArrayList<>(java.util.List.of(d));
        // Rewrites cost seconds on big results (Factor expands a nest of three sigmoids to 7,000 leaves): sizes bound them.
        long leaves = d.leafCount();
        java.util.List<IExpr> rewrites = new java.util.ArrayList<>();
        if (leaves <= SIMPLIFY_LEAVES) rewrites.add(org.matheclipse.core.expression.F.Simplify(d));
        if (leaves <= FACTOR_LEAVES) rewrites.add(org.matheclipse.core.expression.F.Factor(d));
        for (IExpr rewrite : rewrites) {
            try {
                long left = secondsLeft(deadline);
                if (left == 0) break;   // D's own form is correct; the rewrites only make it shorter
                IExpr r = evalWithin(rewrite, left);
                if (r != null) forms.add(r);
            } catch (RuntimeException e) {
                // a rewrite that fails leaves D's own form, which is correct
            }
        }
        return forms;
    }

    static final int SIMPLIFY_LEAVES = 300, FACTOR_LEAVES = 80;

    /** How long starting Symja took in this JVM (starting it if it has not started). */
    public static long initMillis() { return Holder.INIT_NANOS / 1_000_000; }
}

package io.tracediff.symja.engine;

import io.tracediff.core.UserError;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.symja.ExactCheck;
import io.tracediff.symja.SymjaService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Symja's side of tracediff ({@link SymjaService}). It and everything in this package may name Symja's classes;
 * nothing outside the package names it (ArchitectureTest), so it can be loaded with Symja's jars, after start-up.
 */
public final class SymjaEngine implements SymjaService {
    static { Symja.configure(); }   // the way in to Symja: before any class here loads F

    public SymjaEngine() {}

    /** What starting Symja (1–2 s, more on a busy machine) may add to a derivative's own time limit. */
    static final long START_MILLIS = 30_000;

    @Override public String derivative(String definition, String name, String fx) {
        long limit = io.tracediff.limits.Limit.SYMJA_SECONDS.value() * 1000 + START_MILLIS;
        String d = OnDaemon.run("tracediff-symja", System.currentTimeMillis() + limit, () -> derivativeOf(definition, name, fx));
        if (d == null) throw io.tracediff.limits.Limit.SYMJA_SECONDS.exceeded("Symja did not finish the derivative of " + name + " in time");
        return d;
    }

    @Override public ExactCheck.Report proveGradients(Expr f, List<Var> wrt, Map<String, Expr> gradients, int size) {
        return ExactProver.gradients(f, wrt, gradients, size);
    }

    /**
     * D in x of {@code fx} (Symja input: the body of the user function {@code name}, defined by {@code definition}),
     * the shortest of D's own form and its rewrites, as a formula tracediff reads. A UserError names the function
     * when the body or its derivative is undefined, Symja fails or runs out of time, or no form can be written.
     */
    static String derivativeOf(String definition, String name, String fx) {
        List<org.matheclipse.core.interfaces.IExpr> candidates;
        try {
            org.matheclipse.core.interfaces.IExpr parsed = Symja.parse(fx);   // starts Symja (seconds) before the clock does
            long deadline = Symja.deadline();
            if (undefined(Symja.evalWithin(parsed, io.tracediff.limits.Limit.SYMJA_SECONDS.value())))
                throw new UserError("the body of " + name + " is undefined (it divides by zero or is infinite for every x): "
                        + UserError.excerpt(definition.substring(definition.indexOf('=') + 1).strip()));
            candidates = Symja.derivative(fx, deadline);
        } catch (UserError e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // Symja's own message quotes its internal form of the whole body: name the failure, not the dump.
            throw new UserError("Symja could not differentiate " + name + " (" + e.getClass().getSimpleName()
                    + "); shorten its body or give its derivative in a rules file (--rules DIR): " + name + ": " + name + "'(x) = … ; source");
        }
        if (undefined(candidates.get(0)))
            throw new UserError("the derivative of " + name + " is undefined (Symja gives " + UserError.excerpt(candidates.get(0).toString())
                    + "); check its body");
        FromSymja.Piece best = null;
        List<String> unsupported = new ArrayList<>();
        for (var d : candidates) {
            try {
                FromSymja.Piece p = FromSymja.translate(d);
                if (best == null || p.size() < best.size()) best = p;
            } catch (FromSymja.Unsupported e) {
                unsupported.add(e.getMessage());
            }
        }
        if (best == null) {
            int eq = definition.indexOf('=') + 1, start = eq + (definition.length() - eq - definition.substring(eq).stripLeading().length());
            throw UserError.at("Symja's derivative of " + name + " is " + UserError.excerpt(candidates.get(0).toString()) + "; tracediff cannot write "
                    + UserError.excerpt(unsupported.get(0)) + " in a formula. Give the derivative in a rules file (--rules DIR), a line like  "
                    + name + ": " + name + "'(x) = … ; source", definition, start, definition.stripTrailing().length());
        }
        return best.text();
    }

    /** Whether Symja's value is or holds an infinity or Indeterminate (as 1/0 and 0/0 are); null (timed out) is not. */
    private static boolean undefined(org.matheclipse.core.interfaces.IExpr e) {
        return e != null && (e.isComplexInfinity() || e.isIndeterminate() || e.isDirectedInfinity()
                || e.has(x -> x.isComplexInfinity() || x.isIndeterminate() || x.isDirectedInfinity(), true));
    }
}

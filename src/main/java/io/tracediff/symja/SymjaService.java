package io.tracediff.symja;

import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import java.util.List;
import java.util.Map;

/**
 * What tracediff asks of Symja. Its one implementation, {@code engine.SymjaEngine}, is the only way in to Symja,
 * and it is loaded on first use by {@link SymjaJars}, so a run that never needs Symja never opens its jars.
 */
public interface SymjaService {
    /**
     * D in x of {@code fx} (Symja input: the body of the user function {@code name}, from {@code definition}), the
     * shortest of D's own form and its rewrites, as a formula tracediff reads; a UserError names the function when
     * the body or its derivative is undefined, Symja fails or runs out of time, or no form can be written.
     */
    String derivative(String definition, String name, String fx);

    /** {@link ExactCheck#gradients(Expr, List, Map, int)}. */
    ExactCheck.Report proveGradients(Expr f, List<Var> wrt, Map<String, Expr> gradients, int size);

    /** The engine, loaded on the first call. */
    static SymjaService get() { return SymjaJars.service(); }
}

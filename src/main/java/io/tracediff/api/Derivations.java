package io.tracediff.api;

import io.tracediff.codegen.derive.Derivatives;
import io.tracediff.check.CrossCheck;
import io.tracediff.check.SelfCheck;
import io.tracediff.codegen.CompiledFunction;
import io.tracediff.codegen.JavaGenerator;
import io.tracediff.codegen.PythonGenerator;
import io.tracediff.codegen.PythonTarget;
import io.tracediff.diff.CommonSubexpressions;
import io.tracediff.diff.Gradients;
import io.tracediff.egraph.Saturation;
import io.tracediff.eval.Matrix;
import io.tracediff.eval.tree.Evaluator;
import io.tracediff.eval.tree.RandomPoints;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.jacobian.Hessians;
import io.tracediff.jacobian.Jacobians;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The closed forms of a {@link Problem}, as the commands derive them: gradient, Jacobian, Hessian and the
 * generated source computing them. Each self-checks its result against reverse mode unless told not to
 * (a failure throws {@link io.tracediff.check.SelfCheck.Failed}; nothing wrong is returned).
 */
public final class Derivations {
    private Derivations() {}

    /** How to derive: the mathematics, whether to self-check, and whether to simplify further by equality saturation. */
    public record Options(Mathematics mathematics, boolean selfCheck, boolean egraph) {
        /** The built-in rules, self-checked, greedy simplification then the e-graph: what a plain {@code tracediff grad} does. */
        public static final Options DEFAULT = new Options(Mathematics.builtin(), true, true);

        public Options withSelfCheck(boolean on) { return new Options(mathematics, on, egraph); }
    }

    /** ∂f/∂X for each {@code wrt} variable of a scalar problem ({@code tracediff grad}). */
    public static Gradients.Result gradient(Problem p, List<Var> wrt) { return gradient(p, wrt, Options.DEFAULT); }

    /** As {@link #gradient(Problem, List)} with these options. */
    public static Gradients.Result gradient(Problem p, List<Var> wrt, Options o) {
        Mathematics m = o.mathematics();
        return blamingUserRules(m, () -> Gradients.of(p.expr(), wrt, m.rules(), m.functions(), o.selfCheck(), o.egraph() ? Saturation.Limits.DEFAULT : null));
    }

    /**
     * A form that fails its self-check under rules from a --rules folder is a user error naming them: the built-in
     * rules are proved by the test suite, the user's are not, so theirs are the likely cause (exit 2, not a bug report).
     */
    private static <T> T blamingUserRules(Mathematics m, java.util.function.Supplier<T> derive) {
        try {
            return derive.get();
        } catch (SelfCheck.Failed failed) {
            var user = m.rules().fromUser();
            if (user.isEmpty()) throw failed;
            String names = String.join(", ", user.stream().limit(8).toList()) + (user.size() > 8 ? ", … (" + user.size() + " in all)" : "");
            throw new io.tracediff.core.UserError(failed.getMessage().replace("; please report this expression", "")
                    + "; rules from --rules were in use (" + names + "), and a wrong one is the likely cause: "
                    + "tracediff check with the same --rules shows the disagreement, and the form without --rules is the built-in one");
        }
    }

    /** ∂vec(F)/∂vec(X)ᵀ for each {@code wrt} variable of a vector- or matrix-valued problem ({@code tracediff jacobian}). */
    public static Jacobians.Result jacobian(Problem p, List<Var> wrt, Options o) {
        Mathematics m = o.mathematics();
        return blamingUserRules(m, () -> Jacobians.of(p.requireNonScalar().expr(), wrt, m.rules(), m.functions(), o.selfCheck()));
    }

    /** Every Hessian block ∂vec(∂f/∂X)/∂vec(Y)ᵀ over the {@code wrt} variables of a scalar problem ({@code tracediff hessian}). */
    public static Hessians.Result hessian(Problem p, List<Var> wrt, Options o) {
        Mathematics m = o.mathematics();
        return blamingUserRules(m, () -> Hessians.of(p.expr(), wrt, m.rules(), m.functions(), o.selfCheck()));
    }

    /** The named outputs code is generated from (value, grad_X, jacobian_X or hessian_X_Y); a Jacobian needs a non-scalar problem. */
    public static Derivatives forCode(Derivatives.Mode mode, Problem p, List<Var> wrt, Options o) {
        Problem q = mode == Derivatives.Mode.JACOBIAN ? p.requireNonScalar() : p;
        String valueName = q.variables().containsKey("value") ? "f" : "value";
        Mathematics m = o.mathematics();
        return blamingUserRules(m, () -> Derivatives.of(mode, q.expr(), wrt, valueName, m.rules(), m.functions(), o.selfCheck()));
    }

    /** A Java class computing {@code d}'s outputs from all of {@code p}'s variables ({@code tracediff codegen}). */
    public static String javaSource(Problem p, Derivatives d, JavaGenerator.Options options) {
        List<Var> inputs = new ArrayList<>(p.variables().values());
        String source = JavaGenerator.standalone(inputs, d.outputs(), options);
        if (d.selfCheck().checked()) checkLowered(p, d);
        return source;
    }

    /**
     * The self-check reaches the code: the lowered body the class is written from, compiled (the in-memory flavour
     * shares it statement for statement), must compile and equal the interpreter on the checked forms at two random
     * points. A failure is a bug in the code generator, so nothing is written.
     */
    private static void checkLowered(Problem p, Derivatives d) {
        CompiledFunction f = CompiledFunction.compile(new ArrayList<>(p.variables().values()), d.outputs());
        if (f.source() != null && !f.isCompiled() && io.tracediff.codegen.SourceCompiler.preferred() != null)
            throw new SelfCheck.Failed("the generated Java does not compile");
        if (!f.isCompiled()) return;
        List<Expr> defined = new ArrayList<>(d.outputs().values());
        for (RandomPoints.Point point : RandomPoints.sample(defined, p.variables(), 2, 20261130L)) {
            Map<String, Matrix> compiled = f.evaluate(point.values());
            for (Map.Entry<String, Expr> o : d.outputs().entrySet()) {
                Matrix want = Evaluator.eval(o.getValue(), point.bindings()), have = compiled.get(o.getKey());
                double worst = want.rows == have.rows && want.cols == have.cols ? 0 : Double.POSITIVE_INFINITY;
                for (int k = 0; k < want.data.length && worst == 0; k++) {
                    double diff = Math.abs(want.data[k] - have.data[k]);
                    if (Double.isNaN(want.data[k]) != Double.isNaN(have.data[k])) diff = Double.POSITIVE_INFINITY;
                    if (diff > CrossCheck.EXACT_ATOL + CrossCheck.EXACT_RTOL * Math.abs(want.data[k])) worst = Math.max(worst, diff / Math.max(1, Math.abs(want.data[k])));
                }
                if (worst > 0)
                    throw new SelfCheck.Failed("the generated Java's " + o.getKey() + " differs from the checked closed form (relative error "
                            + String.format(java.util.Locale.ROOT, "%.3g", worst) + ")");
                SelfCheck.confirmRounding("the generated Java's " + o.getKey(), o.getValue(), point, want, have, CrossCheck.EXACT_RTOL);
            }
        }
    }

    /** A Python module (NumPy, PyTorch or JAX) computing {@code d}'s outputs ({@code tracediff codegen --lang …}). */
    public static String pythonSource(Problem p, Derivatives d, PythonTarget target) {
        String what = switch (d.mode()) { case GRADIENT -> "gradient"; case JACOBIAN -> "Jacobian"; case HESSIAN -> "Hessian"; };
        return PythonGenerator.module(target, new ArrayList<>(p.variables().values()), d.outputs(), d.matrixOutputs(),
                (d.mode() == Derivatives.Mode.JACOBIAN ? "F" : "f") + " and its " + what + " (formulas below)");
    }

    /**
     * Repeated subexpressions of {@code results} named t0, t1, … for {@code --cse}; s0, s1, … (or u, v, r, q) when a
     * variable is already of the t family (t, t0, t_1: on paper t₀ and t_{1} would read as one family with them).
     */
    public static CommonSubexpressions.Result shared(List<Expr> results, Problem p) {
        java.util.Set<String> taken = new java.util.HashSet<>(p.variables().keySet());
        String prefix = "t";
        for (String candidate : List.of("t", "s", "u", "v", "r", "q")) {
            prefix = candidate;
            boolean family = false;
            for (String v : taken) family |= v.matches(candidate + "_?[0-9]*");
            if (!family) break;
        }
        for (String v : p.variables().keySet()) if (v.matches("[a-z]_?[0-9]+")) taken.add(v.replace("_", ""));
        return CommonSubexpressions.of(results, taken, prefix);
    }
}

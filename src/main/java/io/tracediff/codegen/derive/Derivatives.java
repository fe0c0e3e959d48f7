package io.tracediff.codegen.derive;

import io.tracediff.diff.Gradients;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.jacobian.Hessians;
import io.tracediff.jacobian.Jacobians;
import io.tracediff.ops.Functions;
import io.tracediff.core.UserError;
import io.tracediff.rules.RuleSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one derivation every target is generated from: f (or F) and its gradients, Jacobians or Hessian
 * blocks as named closed forms, in --wrt order, with the names every language uses: {@code value},
 * {@code grad_X}, {@code jacobian_X}, {@code hessian_X_Y}.
 */
public record Derivatives(Mode mode, List<Var> wrt, Map<String, Expr> outputs, io.tracediff.check.SelfCheck.Outcome selfCheck) {

    public enum Mode {
        GRADIENT, JACOBIAN, HESSIAN;

        /** The output name of the derivative with respect to x (and y for a Hessian block). */
        public String name(String x, String y) {
            return switch (this) {
                case GRADIENT -> "grad_" + x;
                case JACOBIAN -> "jacobian_" + x;
                case HESSIAN -> "hessian_" + x + "_" + y;
            };
        }
    }

    public Derivatives {
        outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    /**
     * Derives f's outputs for {@code mode}; {@code valueName} is "value" unless an input already has that name.
     * Two outputs that would share a name (hessian_a_b_c from a_b, c and from a, b_c) are refused.
     */
    public static Derivatives of(Mode mode, Expr f, List<Var> wrt, String valueName, RuleSet rules, Functions functions) {
        return of(mode, f, wrt, valueName, rules, functions, true);
    }

    /** With {@code selfCheck} (the default) the forms the code is generated from pass the self-check first. */
    public static Derivatives of(Mode mode, Expr f, List<Var> wrt, String valueName, RuleSet rules, Functions functions, boolean selfCheck) {
        Map<String, Expr> out = new LinkedHashMap<>();
        out.put(valueName, f);
        io.tracediff.check.SelfCheck.Outcome check;
        switch (mode) {
            case GRADIENT -> {
                Gradients.Result r = Gradients.of(f, wrt, rules, functions, selfCheck);
                for (Var x : wrt) put(out, mode.name(x.name(), null), r.gradients().get(x.name()));
                check = r.selfCheck();
            }
            case JACOBIAN -> {
                Jacobians.Result r = Jacobians.of(f, wrt, rules, functions, selfCheck);
                for (Var x : wrt) put(out, mode.name(x.name(), null), r.jacobians().get(x.name()));
                check = r.selfCheck();
            }
            default -> {
                Hessians.Result r = Hessians.of(f, wrt, rules, functions, selfCheck);
                for (Var x : wrt) for (Var y : wrt) put(out, mode.name(x.name(), y.name()), r.block(x.name(), y.name()));
                check = r.selfCheck();
            }
        }
        return new Derivatives(mode, List.copyOf(wrt), out, check);
    }

    /**
     * The outputs written as 2-D arrays in Python: every derivative of a Jacobian or Hessian, and the gradient of a variable
     * declared as a matrix (matrix(n, 1) gives (n, 1), matrix(1, 1) gives (1, 1), as the input is); never the value.
     */
    public Set<String> matrixOutputs() {
        Set<String> matrices = new LinkedHashSet<>(outputs.keySet());
        if (mode == Mode.GRADIENT) {
            matrices.clear();
            for (Var x : wrt)
                if (x.kind() == io.tracediff.expr.VarKind.MATRIX || x.kind().symmetric()) matrices.add(mode.name(x.name(), null));
        } else matrices.remove(outputs.keySet().iterator().next());
        return matrices;
    }

    private static void put(Map<String, Expr> out, String name, Expr e) {
        if (out.putIfAbsent(name, e) != null)
            throw new UserError("two outputs would both be named '" + name + "'; rename a variable (e.g. without '_')");
    }
}

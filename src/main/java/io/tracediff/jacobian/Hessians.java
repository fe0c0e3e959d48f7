package io.tracediff.jacobian;

import io.tracediff.check.SelfCheck;
import io.tracediff.diff.Gradients;
import io.tracediff.diff.Simplifier;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.ops.Functions;
import io.tracediff.core.UserError;
import io.tracediff.print.Printer;
import io.tracediff.rules.RuleSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Hessian of a scalar f as the Jacobian of its gradient: block (X, Y) is ∂vec(∂f/∂X)/∂vec(Y)ᵀ,
 * len(vec X) × len(vec Y), so entry (i, j) is ∂²f/∂vec(X)_i ∂vec(Y)_j. For a symmetric X the gradient is
 * the symmetric one the grad command gives, differentiated with the entries of X independent.
 */
public final class Hessians {

    /** f, its gradients, the blocks by row variable then column variable (in --wrt order), and the derivation. */
    public record Result(Expr f, Map<String, Expr> gradients, Map<String, Map<String, Expr>> blocks, Steps steps, SelfCheck.Outcome selfCheck) {
        /** The single block of a one-variable Hessian, or the (x, y) block. */
        public Expr block(String x, String y) { return blocks.get(x).get(y); }
    }

    private Hessians() {}

    public static Result of(Expr f, List<Var> wrt) { return of(f, wrt, RuleSet.builtin(), Functions.builtin()); }

    public static Result of(Expr f, List<Var> wrt, RuleSet rules, Functions functions) { return of(f, wrt, rules, functions, true); }

    /**
     * With {@code selfCheck} (the default) the gradients and every block are compared with reverse mode on f
     * (second derivatives through f itself, not through the derived gradient) before they are returned.
     */
    public static Result of(Expr f, List<Var> wrt, RuleSet rules, Functions functions, boolean selfCheck) {
        if (!f.isScalar()) {
            // -N/2*logdet(S) with N undeclared is a matrix: the message says so, beside the Jacobian for a matrix-valued f.
            String undeclared = io.tracediff.parse.UndeclaredHint.of(f.shape().toString(), io.tracediff.print.VariableNames.variables(f)::contains);
            throw new UserError("the Hessian needs a scalar function, but " + Printer.ascii(f) + " is " + f.shape()
                    + "; for a vector- or matrix-valued expression use the Jacobian (tracediff jacobian)" + undeclared);
        }
        Gradients.Result g = Gradients.of(f, wrt, rules, functions, selfCheck);
        Simplifier simplifier = new Simplifier(rules, functions);
        Steps.Recorder steps = new Steps.Recorder();
        Map<String, Map<String, Expr>> blocks = new LinkedHashMap<>();
        for (Var x : wrt) {
            Expr gx = g.gradients().get(x.name());
            Jacobians.Result j = Jacobians.of(gx, wrt, rules, functions, simplifier, x.name());
            steps.addAll(j.steps());
            Map<String, Expr> row = new LinkedHashMap<>();
            for (Var y : wrt) row.put(y.name(), j.jacobians().get(y.name()));
            blocks.put(x.name(), row);
        }
        SelfCheck.Outcome check = selfCheck ? SelfCheck.hessians(f, wrt, blocks) : SelfCheck.SKIPPED;
        return new Result(f, g.gradients(), blocks, steps.done(), check);
    }
}

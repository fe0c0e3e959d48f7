package io.tracediff.check;

import io.tracediff.autograd.Tensor;
import io.tracediff.check.tensor.AutogradFacet;
import io.tracediff.eval.Matrix;
import io.tracediff.eval.Perturbation;
import io.tracediff.shape.Sizes;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.Var;
import io.tracediff.core.UserError;
import io.tracediff.print.Printer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs any tracediff expression on the reverse-mode engine: each operator's {@code autograd} twin builds
 * the tensor graph (shared subexpressions once), one backward pass gives every gradient. Independent of
 * the symbolic engine, so the two check each other.
 */
public final class AutogradBridge {
    private AutogradBridge() {}

    /** f and ∂f/∂X for each X in {@code wrt} (the symmetric gradient for symmetric X, as the closed form gives). */
    public record Result(double value, Map<String, Matrix> gradients) {}

    public static Result gradients(Expr f, Map<String, Matrix> values, List<Var> wrt, Sizes sizes) {
        return gradients(f, values, wrt, sizes, null);
    }

    /** {@link #gradients} with every operand perturbed where it is read, by {@code perturbation} (null: none; see {@link #forward}). */
    public static Result gradients(Expr f, Map<String, Matrix> values, List<Var> wrt, Sizes sizes, Perturbation perturbation) {
        if (!f.isScalar()) throw new UserError("reverse mode needs a scalar function, but " + Printer.ascii(f) + " is " + f.shape());
        Map<String, Tensor> leaves = new HashMap<>();
        for (Var v : wrt) {
            Matrix m = values.get(v.name());
            leaves.put(v.name(), Tensor.fromArray(m.data.clone(), m.rows, m.cols).requiresGrad(true));
        }
        Tensor out = forward(f, values, leaves, sizes, perturbation);
        if (out.requiresGrad()) out.sum().backward(); // else f does not depend on them: every gradient is zero
        Map<String, Matrix> grads = new LinkedHashMap<>();
        for (Var v : wrt) {
            Tensor g = leaves.get(v.name()).grad();
            Matrix m = values.get(v.name());
            Matrix gm = g == null ? new Matrix(m.rows, m.cols) : new Matrix(m.rows, m.cols, g.toArray());
            if (v.kind().symmetric()) {
                Matrix t = gm.transpose();
                for (int i = 0; i < gm.data.length; i++) gm.data[i] = (gm.data[i] + t.data[i]) / 2;
            }
            grads.put(v.name(), gm);
        }
        return new Result(out.item(), grads);
    }

    /** ∂vec(F)/∂vec(X)ᵀ on the reverse-mode engine (one backward pass per entry of F). */
    public static Matrix jacobian(Expr f, Map<String, Matrix> values, Var x, Sizes sizes) { return jacobian(f, values, x, sizes, null); }

    /** {@link #jacobian} under {@code perturbation} (null: none). */
    public static Matrix jacobian(Expr f, Map<String, Matrix> values, Var x, Sizes sizes, Perturbation perturbation) {
        Matrix x0 = values.get(x.name());
        Tensor j = io.tracediff.autograd.Functional.jacobian(
                z -> vecOf(forward(f, values, Map.of(x.name(), unvec(z, x0.rows, x0.cols)), sizes, perturbation)), vecOf(tensor(x0)));
        return new Matrix(j.size(0), j.size(1), j.toArray());
    }

    /**
     * The Hessian of a scalar f over [vec(X₁); vec(X₂); …] on the reverse-mode engine: reverse passes through a
     * gradient graph built with createGraph, independent of any derived closed form.
     */
    public static Matrix hessian(Expr f, Map<String, Matrix> values, List<Var> wrt, Sizes sizes) { return hessian(f, values, wrt, sizes, null); }

    /** {@link #hessian} under {@code perturbation} (null: none). */
    public static Matrix hessian(Expr f, Map<String, Matrix> values, List<Var> wrt, Sizes sizes, Perturbation perturbation) {
        List<Tensor> parts = new ArrayList<>();
        for (Var v : wrt) parts.add(vecOf(tensor(values.get(v.name()))));
        Tensor all = Tensor.cat(parts, 0);
        Tensor h = io.tracediff.autograd.Functional.hessian(z -> {
            Map<String, Tensor> leaves = new HashMap<>();
            int at = 0;
            for (Var v : wrt) {
                Matrix m = values.get(v.name());
                leaves.put(v.name(), unvec(z.narrow(0, at, m.rows * m.cols), m.rows, m.cols));
                at += m.rows * m.cols;
            }
            return forward(f, values, leaves, sizes, perturbation).sum();
        }, all);
        return new Matrix(h.size(0), h.size(1), h.toArray());
    }

    private static Tensor tensor(Matrix m) { return Tensor.fromArray(m.data.clone(), m.rows, m.cols); }

    /** vec of a rows×cols tensor as a 1-D tensor (column-major). */
    private static Tensor vecOf(Tensor t) { return t.t().reshape(t.numel()); }

    private static Tensor unvec(Tensor v, int rows, int cols) { return v.reshape(cols, rows).t(); }

    /** The tensor graph of e, post-order with an explicit stack (deep expressions do not overflow); {@code leaves} replace values. */
    public static Tensor forward(Expr root, Map<String, Matrix> values, Map<String, Tensor> leaves, Sizes sizes) {
        return forward(root, values, leaves, sizes, null);
    }

    /**
     * {@link #forward} with each operand multiplied by {@code perturbation}'s factors where an operator reads it (null:
     * none), a draw for each use: x./x is then not exactly 1. The factors sit in the graph, so the backward pass scales
     * each adjoint by them too, and its rounding is modelled with the forward's.
     */
    public static Tensor forward(Expr root, Map<String, Matrix> values, Map<String, Tensor> leaves, Sizes sizes, Perturbation perturbation) {
        Map<Expr, Boolean> numbers = new java.util.IdentityHashMap<>();
        Map<Expr, Object> exactParts = new java.util.IdentityHashMap<>();
        return io.tracediff.expr.PostOrder.<Tensor>fold(root, new HashMap<>(), (e, args) -> {
            // A sum or product of numbers (10²⁰ + 1 − 10²⁰) is the exact value every evaluator gives it.
            if (io.tracediff.eval.tree.Evaluator.madeOfNumbers(e, numbers)) {
                Matrix v = io.tracediff.eval.tree.Evaluator.exactValue(e, exactParts);
                if (v != null) return Tensor.fromArray(v.data.clone(), v.rows, v.cols);
            }
            if (perturbation == null || !(e instanceof Apply a)) return node(e, args, values, leaves, sizes);
            List<Tensor> moved = new ArrayList<>(args.size());
            for (int i = 0; i < args.size(); i++) {
                Tensor t = args.get(i);
                perturbation.observe(t.toArray());
                Tensor m = Perturbation.perturbs(a.arg(i)) ? t.mul(Tensor.fromArray(perturbation.factors(t.numel()), t.shape())) : t;
                // The backward pass's adjoints are seen too: c/u with c = 10⁻¹⁸, u = 10³⁰⁰ is subnormal there only.
                if (m != t && m.requiresGrad()) m.registerHook(g -> { perturbation.observe(g.toArray()); return null; });
                moved.add(m);
            }
            return node(e, moved, values, leaves, sizes);
        });
    }

    private static Tensor node(Expr e, List<Tensor> args, Map<String, Matrix> values, Map<String, Tensor> leaves, Sizes sizes) {
        if (e instanceof Num n) return Tensor.fromArray(new double[] {n.value()}, 1, 1);
        if (e instanceof Var v) {
            Tensor t = leaves.get(v.name());
            if (t != null) return t;
            Matrix m = values.get(v.name());
            if (m == null) throw new UserError("no value given for variable '" + v.name() + "'");
            return Tensor.fromArray(m.data.clone(), m.rows, m.cols);
        }
        Apply a = (Apply) e;
        // X − logsumexp(X) as log_softmax over all entries, from X alone, as every evaluator computes it (LogSumExp.isLogSoftmax)
        if (io.tracediff.ops.LogSumExp.isLogSoftmax(a)) {
            Tensor x = args.get(0);
            return x.reshape(x.numel()).logSoftmax(0).reshape(x.shape());
        }
        try {
            return AutogradFacet.of(a.op()).autograd(args, sizes);
        } catch (UnsupportedOperationException ex) {
            throw new UserError("cannot run " + Printer.ascii(e) + " in reverse mode: " + ex.getMessage());
        }
    }
}

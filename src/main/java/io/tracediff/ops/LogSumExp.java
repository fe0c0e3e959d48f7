package io.tracediff.ops;

import io.tracediff.autograd.Tensor;
import io.tracediff.check.tensor.AutogradFacet;
import io.tracediff.codegen.template.CodegenFacet;
import io.tracediff.codegen.template.Template;
import io.tracediff.eval.EvalFacet;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Op;
import io.tracediff.print.notation.Format;
import io.tracediff.print.notation.Notation;
import io.tracediff.print.notation.NotationFacet;
import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;
import io.tracediff.shape.Sizes;
import io.tracediff.symja.entries.EntriesFacet;
import io.tracediff.symja.entries.EntryAlgebra;
import java.util.List;

/**
 * logsumexp(X) = log Σᵢⱼ exp(Xᵢⱼ) over all entries, a scalar; evaluated as m + log Σ exp(Xᵢⱼ − m) with m the
 * largest entry, so no exp overflows. Its gradient is exp(X − logsumexp(X)), softmax(x) for a vector.
 */
public enum LogSumExp implements Op, NotationFacet, EvalFacet, AutogradFacet, EntriesFacet, CodegenFacet {
    OP;
    @Override public String key() { return "logsumexp"; }
    @Override public int arity() { return 1; }
    @Override public Shape shape(ShapeArgs a) { return Shape.SCALAR; }
    @Override public Notation notation(Format f, List<Expr> args) { return Notation.function(f == Format.LATEX ? "\\operatorname{logsumexp}" : "logsumexp"); }
    @Override public Matrix eval(List<Matrix> v) { return Matrix.scalar(of(v.get(0).data)); }

    /** log Σ exp(x), shifted by the maximum; +∞ or −∞ where the maximum is (NaN with a NaN entry). */
    public static double of(double[] x) {
        double m = Double.NEGATIVE_INFINITY;
        for (double e : x) { if (Double.isNaN(e)) return e; m = Math.max(m, e); }
        if (Double.isInfinite(m)) return m;
        double s = 0;
        for (double e : x) s += Math.exp(e - m);
        return m + Math.log(s);
    }

    /** Whether {@code a} is X − logsumexp(X), the log of the softmax over all entries of a vector or matrix X. */
    public static boolean isLogSoftmax(Apply a) {
        return a.op() == Sub.OP && !a.arg(0).isScalar() && a.arg(1) instanceof Apply l && l.op() == OP && l.arg(0).equals(a.arg(0));
    }

    /**
     * x − logsumexp(x) entrywise as (x − m) − log Σ exp(x − m), m the largest entry: in doubles x − logsumexp(x) cancels
     * where the entries are large (at x = 10¹⁶ each logsumexp(x) − x = log n rounds to 2, and exp of the weights gave
     * 0.135 for 1/6). Null where m is not finite: the plain difference says what that is.
     */
    public static double[] logSoftmax(double[] x) {
        double m = Double.NEGATIVE_INFINITY;
        for (double e : x) { if (Double.isNaN(e)) return null; m = Math.max(m, e); }
        if (Double.isInfinite(m)) return null;
        double s = 0;
        for (double e : x) s += Math.exp(e - m);
        double logS = Math.log(s), out[] = new double[x.length];
        for (int i = 0; i < x.length; i++) out[i] = (x[i] - m) - logS;
        return out;
    }

    /** The routine generated code calls; built when code is generated (String.indent runs streams, slow in a cold start). */
    static String java() {
        return """
            /** log Σ exp(a) over all entries, shifted by the largest so nothing overflows. */
            static double logsumexp(double[] a, int r, int c) {
                double m = Double.NEGATIVE_INFINITY;
                for (double e : a) { if (Double.isNaN(e)) return e; m = Math.max(m, e); }
                if (Double.isInfinite(m)) return m;
                double s = 0.0;
                for (double e : a) s += Math.exp(e - m);
                return m + Math.log(s);
            }""".indent(4).strip();
    }

    /** The routine generated Java calls for X − logsumexp(X) ({@link #isLogSoftmax}): {@link #logSoftmax}, NaN and ±∞ as the plain difference. */
    public static String logSoftmaxJava() {
        return """
            /** x − logsumexp(x) over all entries as (x − m) − log Σ exp(x − m), m the largest: no cancellation for large entries. */
            static void logSoftmax(double[] out, double[] a) {
                double m = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < out.length; i++) m = Math.max(m, a[i]);
                if (Double.isNaN(m) || Double.isInfinite(m)) { for (int i = 0; i < out.length; i++) out[i] = a[i] - m; return; }
                double s = 0.0;
                for (int i = 0; i < out.length; i++) s += Math.exp(a[i] - m);
                double logS = Math.log(s);
                for (int i = 0; i < out.length; i++) out[i] = (a[i] - m) - logS;
            }""".indent(4).strip();
    }

    @Override public Template codegen(List<Expr> args) { return new Template.Routine("logsumexp", java()); }

    /** torch.logsumexp over the flattened entries (LogsumexpBackward0), as a 1×1 tensor. */
    @Override public Tensor autograd(List<Tensor> a, Sizes s) {
        Tensor x = a.get(0);
        return x.reshape(x.numel()).logsumexp(0, false).reshape(1, 1);
    }

    @Override public <M, T> M entries(Apply self, List<M> x, EntryAlgebra<M, T> alg, Sizes sizes) {
        return alg.scalar(alg.log(alg.sum(x.get(0), false, t -> alg.apply(Softmax.EXP, t))));
    }
}

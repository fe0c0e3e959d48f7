package io.tracediff.ops.added;

import io.tracediff.autograd.Tensor;
import io.tracediff.codegen.template.Template;
import io.tracediff.eval.Matrix;
import io.tracediff.shape.Sizes;
import io.tracediff.expr.Apply;
import io.tracediff.symja.entries.EntryAlgebra;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Op;
import io.tracediff.print.notation.Format;
import io.tracediff.print.notation.Notation;
import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;
import io.tracediff.print.notation.NotationFacet;
import io.tracediff.eval.EvalFacet;
import io.tracediff.check.tensor.AutogradFacet;
import io.tracediff.symja.entries.EntriesFacet;
import io.tracediff.codegen.template.CodegenFacet;
import java.util.List;

/** inner(A, B) = Σᵢⱼ Aᵢⱼ Bᵢⱼ, the Frobenius inner product: a two-operand function added from outside the engine. */
public enum Inner implements Op, NotationFacet, EvalFacet, AutogradFacet, EntriesFacet, CodegenFacet {
    OP;
    @Override public String key() { return "inner"; }
    @Override public int arity() { return 2; }
    @Override public boolean commutative() { return true; }
    @Override public Shape shape(ShapeArgs a) { a.sameShape(0, 1); return Shape.SCALAR; }
    @Override public Notation notation(Format f, List<Expr> args) { return Notation.function(f == Format.LATEX ? "\\operatorname{inner}" : "inner"); }
    @Override public Matrix eval(List<Matrix> v) {
        double s = 0;
        for (int i = 0; i < v.get(0).data.length; i++) s += v.get(0).data[i] * v.get(1).data[i];
        return Matrix.scalar(s);
    }
    @Override public Tensor autograd(List<Tensor> a, Sizes s) { return a.get(0).mul(a.get(1)).sum().reshape(1, 1); }
    @Override public <M, T> M entries(Apply self, List<M> x, EntryAlgebra<M, T> alg, Sizes sizes) {
        M a = x.get(0), b = x.get(1);
        return alg.scalar(alg.sum(alg.build(alg.rows(a), alg.cols(a), (i, j) -> alg.multiply(alg.get(a, i, j), alg.get(b, i, j))), false, t -> t));
    }
    @Override public Template codegen(List<Expr> args) {
        return new Template.Routine("inner", "static double inner(double[] a, int ar, int ac, double[] b, int br, int bc) { "
                + "double s = 0; for (int i = 0; i < a.length; i++) s += a[i] * b[i]; return s; }");
    }
}

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

/** softsign(X) = X ⊘ (1 + |X|) entry by entry: an elementwise function added from outside the engine. */
public enum Softsign implements Op, NotationFacet, EvalFacet, AutogradFacet, EntriesFacet, CodegenFacet {
    OP;
    @Override public String key() { return "softsign"; }
    @Override public int arity() { return 1; }
    @Override public Shape shape(ShapeArgs a) { return a.shape(0); }
    @Override public Notation notation(Format f, List<Expr> args) { return Notation.function(f == Format.LATEX ? "\\operatorname{softsign}" : "softsign"); }
    @Override public Matrix eval(List<Matrix> v) {
        Matrix x = v.get(0), out = new Matrix(x.rows, x.cols);
        for (int i = 0; i < x.data.length; i++) out.data[i] = x.data[i] / (1 + Math.abs(x.data[i]));
        return out;
    }
    @Override public Tensor autograd(List<Tensor> a, Sizes s) { return a.get(0).div(a.get(0).abs().add(1)); }
    @Override public <M, T> M entries(Apply self, List<M> x, EntryAlgebra<M, T> alg, Sizes sizes) {
        return alg.map(x.get(0), u -> alg.divide(u, alg.add(alg.one(), alg.abs(u))));
    }
    @Override public Template codegen(List<Expr> args) { return new Template.Pointwise("(%1$s / (1.0 + Math.abs(%1$s)))"); }
}

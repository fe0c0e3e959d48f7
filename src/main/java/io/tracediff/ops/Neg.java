package io.tracediff.ops;

import io.tracediff.autograd.Tensor;
import io.tracediff.check.tensor.AutogradFacet;
import io.tracediff.codegen.template.CodegenFacet;
import io.tracediff.codegen.template.Template;
import io.tracediff.eval.EvalFacet;
import io.tracediff.eval.EntrywiseMap;
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

/** −A. In the input language it binds tighter than * (so -A*B is (−A)B); on paper it binds looser. */
public enum Neg implements Op, NotationFacet, EvalFacet, AutogradFacet, EntriesFacet, CodegenFacet {
    OP;
    @Override public String key() { return "neg"; }
    @Override public int arity() { return 1; }
    @Override public Shape shape(ShapeArgs a) { return a.shape(0); }
    @Override public Notation notation(Format f, List<Expr> args) {
        return Notation.prefix(f == Format.UNICODE ? "−" : "-", Notation.NEG);
    }
    @Override public Matrix eval(List<Matrix> v) { return EntrywiseMap.map(v.get(0), x -> -x); }
    @Override public Template codegen(List<Expr> args) { return new Template.Pointwise("(-%1$s)"); }

    /** The same operation on the reverse-mode engine: every value a rows×cols tensor, scalars 1×1. */
    @Override public Tensor autograd(List<Tensor> a, Sizes s) {
        return a.get(0).neg();
    }

    @Override public <M, T> M entries(Apply self, List<M> x, EntryAlgebra<M, T> alg, Sizes sizes) {
        return alg.map(x.get(0), alg::negate);
    }
}

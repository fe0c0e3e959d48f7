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

/** Aᵀ; written {@code A'} in the input. (X⁻¹)ᵀ prints as X⁻ᵀ. */
public enum Transpose implements Op, NotationFacet, EvalFacet, AutogradFacet, EntriesFacet, CodegenFacet {
    OP;
    @Override public String key() { return "'"; }
    @Override public int arity() { return 1; }
    @Override public Shape shape(ShapeArgs a) { return a.shape(0).transposed(); }
    @Override public Notation notation(Format f, List<Expr> args) {
        boolean ofInverse = args.get(0) instanceof Apply ap && ap.op() == Inv.OP;
        return switch (f) {
            case ASCII -> Notation.postfix("'");
            case UNICODE -> Notation.postfix(ofInverse ? "⁻ᵀ" : "ᵀ");
            case LATEX -> Notation.postfix(ofInverse ? "^{-\\top}" : "^\\top");
        };
    }
    @Override public Matrix eval(List<Matrix> v) { return v.get(0).transpose(); }
    @Override public Template codegen(List<Expr> args) { return new Template.Transposed(); }

    /** The same operation on the reverse-mode engine: every value a rows×cols tensor, scalars 1×1. */
    @Override public Tensor autograd(List<Tensor> a, Sizes s) {
        return a.get(0).t();
    }

    @Override public <M, T> M entries(Apply self, List<M> x, EntryAlgebra<M, T> alg, Sizes sizes) {
        return alg.build(alg.cols(x.get(0)), alg.rows(x.get(0)), (i, j) -> alg.get(x.get(0), j, i));
    }
}

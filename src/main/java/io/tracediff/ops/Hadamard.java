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

/** A ⊙ B, the Hadamard (elementwise) product. */
public enum Hadamard implements Op, NotationFacet, EvalFacet, AutogradFacet, EntriesFacet, CodegenFacet {
    OP;
    @Override public String key() { return ".*"; }
    @Override public int arity() { return 2; }
    @Override public boolean commutative() { return true; }
    @Override public Shape shape(ShapeArgs a) { return Broadcast.shape(a); }
    @Override public Notation notation(Format f, List<Expr> args) {
        return switch (f) {
            case ASCII -> Notation.infix(".*", Notation.HADAMARD);
            case UNICODE -> Notation.infix(" ⊙ ", Notation.HADAMARD);
            case LATEX -> Notation.infix(" \\odot ", Notation.HADAMARD);
        };
    }
    @Override public Matrix eval(List<Matrix> v) { return EntrywiseMap.zip(v.get(0), v.get(1), (x, y) -> x * y); }
    @Override public Template codegen(List<Expr> args) { return new Template.Pointwise("(%1$s * %2$s)"); }

    /** The same operation on the reverse-mode engine: every value a rows×cols tensor, scalars 1×1. */
    @Override public Tensor autograd(List<Tensor> a, Sizes s) {
        return a.get(0).mul(a.get(1));
    }

    @Override public <M, T> M entries(Apply self, List<M> x, EntryAlgebra<M, T> alg, Sizes sizes) {
        return alg.zip(sizes.size(self.shape().rows()), sizes.size(self.shape().cols()), x.get(0), x.get(1), alg::multiply);
    }
}

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

/** A .^ p, elementwise power (also the scalar power x^p). */
public enum ElementPow implements Op, NotationFacet, EvalFacet, AutogradFacet, EntriesFacet, CodegenFacet {
    OP;
    @Override public String key() { return ".^"; }
    @Override public int arity() { return 2; }
    @Override public Shape shape(ShapeArgs a) { return Broadcast.shape(a); }
    @Override public Notation notation(Format f, List<Expr> args) {
        // 2^C with a matrix exponent is entrywise too (not the matrix exponential 2^C = e^(C ln 2)): marked as X∘².
        Expr matrix = !args.get(0).isScalar() ? args.get(0) : !args.get(1).isScalar() ? args.get(1) : null;
        if (f == Format.ASCII) return Notation.infixRight(matrix == null ? "^" : ".^", Notation.POWER);
        if (f == Format.LATEX && matrix != null) return Notation.infixRight("^{\\circ ", Notation.POWER);
        // Marked on every matrix, as LaTeX marks it: a reader cannot tell a square X from an n×m one (X⁻¹ would read as an
        // inverse, X² as X X). A vector's x² is the entrywise square as ML papers write it (g²), but x⁻¹ reads as an inverse.
        boolean vector = matrix != null && (matrix.shape().cols().isOne() || matrix.shape().rows().isOne());
        boolean negative = args.get(1) instanceof io.tracediff.expr.Num k && k.value() < 0;
        if (f == Format.UNICODE && matrix != null && (!vector || negative)) return Notation.infixRight("^∘", Notation.POWER);
        return Notation.infixRight("^", Notation.POWER);
    }
    @Override public Matrix eval(List<Matrix> v) { return EntrywiseMap.zip(v.get(0), v.get(1), ElementPow::pow); }

    /** Integer powers by multiplication: exact for negative bases and cheap for squares. */
    static double pow(double x, double p) {
        if (p == 2) return x * x;
        if (p == 1) return x;
        return Math.pow(x, p);
    }
    @Override public Template codegen(List<Expr> args) { return new Template.Pointwise("pow(%1$s, %2$s)"); }

    /** The same operation on the reverse-mode engine: every value a rows×cols tensor, scalars 1×1. */
    @Override public Tensor autograd(List<Tensor> a, Sizes s) {
        return a.get(0).pow(a.get(1));
    }

    @Override public <M, T> M entries(Apply self, List<M> x, EntryAlgebra<M, T> alg, Sizes sizes) {
        return alg.zip(sizes.size(self.shape().rows()), sizes.size(self.shape().cols()), x.get(0), x.get(1), alg::power);
    }
}

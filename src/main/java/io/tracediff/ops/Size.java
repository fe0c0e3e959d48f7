package io.tracediff.ops;

import io.tracediff.autograd.Tensor;
import io.tracediff.check.tensor.AutogradFacet;
import io.tracediff.codegen.template.CodegenFacet;
import io.tracediff.codegen.template.Template;
import io.tracediff.eval.EvalFacet;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Apply;
import io.tracediff.print.notation.NotationFacet;
import io.tracediff.shape.Sizes;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Op;
import io.tracediff.print.notation.Format;
import io.tracediff.print.notation.Notation;
import io.tracediff.shape.Dim;
import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;
import io.tracediff.symja.entries.EntriesFacet;
import io.tracediff.symja.entries.EntryAlgebra;
import java.util.List;

/**
 * The size of a symbolic dimension as a scalar of the algebra: 𝟏ᵀ𝟏 = N, tr(I) = n, sum(𝟏𝟏ᵀ) = m n.
 * A size is a number the engine must carry, never drop; it is known once values fix the dimension.
 * Only named dimensions appear here: a fixed size is a number and m·n a product of two sizes
 * ({@code algebra.Alg.size}).
 */
public record Size(Dim.Sym dim) implements Op, NotationFacet, EvalFacet, AutogradFacet, EntriesFacet, CodegenFacet {
    // Written out, as Zeros does: a record's generated equals and hashCode are bootstrapped through method handles, slow cold.
    @Override public boolean equals(Object o) { return o instanceof Size s && s.dim.equals(dim); }
    @Override public int hashCode() { return dim.hashCode(); }

    @Override public String key() { return "size"; }
    @Override public int arity() { return 0; }
    @Override public Shape shape(ShapeArgs a) { return Shape.SCALAR; }
    /** A dimension in LaTeX, as a size prints there: m_{X} for m_X, a product's factors juxtaposed. */
    public static String latex(Dim d) {
        if (d instanceof Dim.Product p) return latex(p.left()) + " " + latex(p.right());
        if (d instanceof Dim.Sym s) return new Size(s).notation(Format.LATEX, List.of()).symbol();
        return d.toString();
    }

    @Override public Notation notation(Format f, List<Expr> args) {
        String n = dim.name();
        if (f == Format.LATEX) {
            int u = n.indexOf('_');
            return Notation.atom(u > 0 ? n.substring(0, u) + "_{" + n.substring(u + 1).replace("_", "\\_") + "}" : n);
        }
        return Notation.atom(n);
    }
    @Override public Matrix eval(List<Matrix> v) { return eval(v, Sizes.FIXED_ONLY); }
    @Override public Matrix eval(List<Matrix> v, Sizes s) { return Matrix.scalar(s.size(dim)); }
    @Override public Template codegen(List<Expr> args) { return new Template.SizeOf(dim); }

    @Override public <M, T> M entries(Apply self, List<M> x, EntryAlgebra<M, T> alg, Sizes sizes) {
        int n = sizes.size(dim);
        T t = alg.one();
        for (int i = 1; i < n; i++) t = alg.add(t, alg.one());
        return alg.scalar(t);
    }

    /** The same value on the reverse-mode engine: a constant 1×1 tensor. */
    @Override public Tensor autograd(List<Tensor> a, Sizes s) {
        return Tensor.scalar(s.size(dim)).reshape(1, 1);
    }
}

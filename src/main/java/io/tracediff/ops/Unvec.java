package io.tracediff.ops;

import io.tracediff.autograd.Tensor;
import io.tracediff.check.tensor.AutogradFacet;
import io.tracediff.codegen.template.CodegenFacet;
import io.tracediff.codegen.template.Template;
import io.tracediff.eval.EvalFacet;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Apply;
import io.tracediff.print.notation.NotationFacet;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Op;
import io.tracediff.print.notation.Format;
import io.tracediff.print.notation.Notation;
import io.tracediff.shape.Dim;
import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;
import io.tracediff.shape.Sizes;
import io.tracediff.symja.entries.EntriesFacet;
import io.tracediff.symja.entries.EntryAlgebra;
import java.util.List;

/** unvec(v, m, n): the m×n matrix whose vec is v (the inverse of vec). */
public record Unvec(Dim rows, Dim cols) implements Op, NotationFacet, EvalFacet, AutogradFacet, EntriesFacet, CodegenFacet {
    // Written out, as Zeros does: a record's generated equals and hashCode are bootstrapped through method handles, slow cold.
    @Override public boolean equals(Object o) { return o instanceof Unvec u && u.rows.equals(rows) && u.cols.equals(cols); }
    @Override public int hashCode() { return 31 * rows.hashCode() + cols.hashCode(); }

    @Override public String key() { return "unvec"; }
    @Override public int arity() { return 1; }
    @Override public Shape shape(ShapeArgs a) {
        Shape v = a.shape(0);
        if (!a.resolve(v.cols()).isOne() || !a.equal(v.rows(), Dim.times(rows, cols)))
            throw a.mismatch("unvec to " + rows + "×" + cols + " needs a column of length " + Dim.times(rows, cols) + ", but " + a.describe(0));
        return Shape.of(rows, cols);
    }
    @Override public Notation notation(Format f, List<Expr> args) {
        // ASCII reads back: the sizes are operands of unvec in the input language.
        return f == Format.ASCII ? Notation.wrap("unvec(", ", " + rows.ascii() + ", " + cols.ascii() + ")") : Notation.function(f == Format.LATEX ? "\\operatorname{vec}^{-1}" : "vec⁻¹");
    }
    @Override public Matrix eval(List<Matrix> v) { return eval(v, Sizes.FIXED_ONLY); }
    @Override public Matrix eval(List<Matrix> v, Sizes s) {
        int m = s.size(rows), n = s.size(cols);
        Matrix x = v.get(0), out = new Matrix(m, n);
        for (int j = 0, k = 0; j < n; j++)
            for (int i = 0; i < m; i++) out.data[i * n + j] = x.data[k++];
        return out;
    }
    @Override public Template codegen(List<Expr> args) { return new Template.Routine("unvec", "static void unvec(double[] out, int r, int c, double[] v, int vr, int vc) { int k = 0; for (int j = 0; j < c; j++) for (int i = 0; i < r; i++) out[i * c + j] = v[k++]; }"); }

    /** The same operation on the reverse-mode engine: every value a rows×cols tensor, scalars 1×1. */
    @Override public Tensor autograd(List<Tensor> a, Sizes s) {
        return a.get(0).reshape(s.size(cols), s.size(rows)).t();
    }

    @Override public <M, T> M entries(Apply self, List<M> x, EntryAlgebra<M, T> alg, Sizes sizes) {
        int r = s(sizes, rows), c = s(sizes, cols);
        return alg.build(r, c, (i, j) -> alg.get(x.get(0), j * r + i, 0));
    }

    private static int s(Sizes sizes, io.tracediff.shape.Dim d) { return sizes.size(d); }
}

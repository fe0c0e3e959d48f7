package io.tracediff.ops;

import io.tracediff.autograd.Tensor;
import io.tracediff.check.tensor.AutogradFacet;
import io.tracediff.eval.EvalFacet;
import io.tracediff.eval.Matrix;
import io.tracediff.print.notation.NotationFacet;
import io.tracediff.shape.Sizes;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Op;
import io.tracediff.print.notation.Format;
import io.tracediff.print.notation.Notation;
import io.tracediff.shape.Dim;
import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;
import java.util.List;

/**
 * K(m, n), the mn×mn commutation matrix: K vec(A) = vec(Aᵀ) for every m×n A (Magnus &amp; Neudecker 3.7).
 * A permutation; written commutation(m, n) in rules and ASCII, K in print.
 */
public record Commutation(Dim m, Dim n) implements Op, NotationFacet, EvalFacet, AutogradFacet {
    // Written out, as Zeros does: a record's generated equals and hashCode are bootstrapped through method handles, slow cold.
    @Override public boolean equals(Object o) { return o instanceof Commutation k && k.m.equals(m) && k.n.equals(n); }
    @Override public int hashCode() { return 31 * m.hashCode() + n.hashCode(); }

    @Override public String key() { return "commutation"; }
    @Override public int arity() { return 0; }
    @Override public Shape shape(ShapeArgs a) { Dim mn = Dim.times(m, n); return Shape.of(mn, mn); }
    @Override public Notation notation(Format f, List<Expr> args) { return notation(f, args, Taken.NONE); }

    /**
     * K_(m,n), LaTeX K_{m,n}: K_{m,n} and K_{n,m} have one shape and are each other's transposes, so K shows its sizes
     * unless they are equal. Beside a variable K: commutation(m, n), LaTeX \mathbf{K}_{m,n}.
     */
    @Override public Notation notation(Format f, List<Expr> args, Taken taken) {
        String ascii = "commutation(" + m.ascii() + ", " + n.ascii() + ")";
        if (f == Format.ASCII) return Notation.atom(ascii);
        boolean variable = taken.takes("K");
        if (!variable && m.equals(n)) return Notation.atom("K");
        if (f == Format.LATEX) return Notation.atom((variable ? "\\mathbf{K}" : "K") + "_{" + Size.latex(m) + "," + Size.latex(n) + "}");
        return Notation.atom(variable ? ascii : "K_(" + m + "," + n + ")");
    }
    @Override public Matrix eval(List<Matrix> v) { return eval(v, Sizes.FIXED_ONLY); }
    @Override public Matrix eval(List<Matrix> v, Sizes s) { return matrix(s.size(m), s.size(n)); }

    /** Entry (i, j) of A is vec(A)[i + j·m] and vec(Aᵀ)[j + i·n]; K maps the one to the other. No generated code: m may be symbolic. */
    public static Matrix matrix(int m, int n) {
        int mn = io.tracediff.kernel.Entries.dimension(m, n);
        Matrix k = new Matrix(mn, mn);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) k.data[(j + i * n) * mn + (i + j * m)] = 1;
        return k;
    }

    @Override public Tensor autograd(List<Tensor> a, Sizes s) {
        Matrix k = matrix(s.size(m), s.size(n));
        return Tensor.fromArray(k.data, k.rows, k.cols);
    }
}

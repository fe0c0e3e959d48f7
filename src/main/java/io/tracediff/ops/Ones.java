package io.tracediff.ops;

import io.tracediff.autograd.Tensor;
import io.tracediff.check.tensor.AutogradFacet;
import io.tracediff.codegen.template.CodegenFacet;
import io.tracediff.codegen.template.Template;
import io.tracediff.eval.EvalFacet;
import io.tracediff.eval.Matrix;
import io.tracediff.print.notation.NotationFacet;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Op;
import io.tracediff.print.notation.Format;
import io.tracediff.print.notation.Notation;
import io.tracediff.shape.Dim;
import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;
import io.tracediff.shape.Sizes;
import java.util.List;

/** ones(m, n), the all-ones matrix (ones(n) is a column). */
public record Ones(Dim rows, Dim cols) implements Op, NotationFacet, EvalFacet, AutogradFacet, CodegenFacet {
    // Written out, as Zeros does: a record's generated equals and hashCode are bootstrapped through method handles, slow cold.
    @Override public boolean equals(Object o) { return o instanceof Ones x && x.rows.equals(rows) && x.cols.equals(cols); }
    @Override public int hashCode() { return 31 * rows.hashCode() + cols.hashCode(); }

    @Override public String key() { return "ones"; }
    @Override public int arity() { return 0; }
    @Override public Shape shape(ShapeArgs a) { return Shape.of(rows, cols); }
    @Override public Notation notation(Format f, List<Expr> args) { return notation(f, args, Taken.NONE); }

    /**
     * 𝟏, 𝟏ᵀ and 𝟏𝟏ᵀ; with their sizes (𝟏ₘ𝟏ₘᵀ, \mathbf{1}_{m}) in an output where I and 𝟏 stand for several sizes: I ⊗ 𝟏𝟏ᵀ of
     * size mn would read either way round.
     */
    @Override public Notation notation(Format f, List<Expr> args, Taken taken) {
        if (f != Format.ASCII && taken.sized("𝟏")) {
            String r = sized(f, rows), c = sized(f, cols);
            String t = f == Format.LATEX ? "^\\top" : "ᵀ";
            return cols.isOne() ? Notation.atom(r) : Notation.superscriptedAtom(rows.isOne() ? c + t : r + c + t);
        }
        return switch (f) {
            case ASCII -> Notation.atom(cols.isOne() ? "ones(" + rows.ascii() + ")" : "ones(" + rows.ascii() + ", " + cols.ascii() + ")");
            case UNICODE -> cols.isOne() ? Notation.atom("𝟏") : Notation.superscriptedAtom(rows.isOne() ? "𝟏ᵀ" : "𝟏𝟏ᵀ");
            case LATEX -> cols.isOne() ? Notation.atom("\\mathbf{1}") : Notation.superscriptedAtom(rows.isOne() ? "\\mathbf{1}^\\top" : "\\mathbf{1}\\mathbf{1}^\\top");
        };
    }
    private static String sized(Format f, Dim d) {
        if (f == Format.LATEX) return "\\mathbf{1}_{" + Size.latex(d) + "}";
        String sub = Notation.subscript(d.ascii());
        return "𝟏" + (sub != null ? sub : "_(" + d.ascii().replace("*", " ") + ")");
    }

    @Override public String sizedSymbol() { return "𝟏"; }

    @Override public Matrix eval(List<Matrix> v) { return eval(v, Sizes.FIXED_ONLY); }
    @Override public Matrix eval(List<Matrix> v, Sizes s) { return Matrix.filled(s.size(rows), s.size(cols), 1); }
    @Override public Template codegen(List<Expr> args) { return new Template.Pointwise("1.0"); }

    /** The same operation on the reverse-mode engine: every value a rows×cols tensor, scalars 1×1. */
    @Override public Tensor autograd(List<Tensor> a, Sizes s) {
        return Tensor.ones(s.size(rows), s.size(cols));
    }
}

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

/** eye(n), the n×n identity I. */
public record Eye(Dim n) implements Op, NotationFacet, EvalFacet, AutogradFacet, CodegenFacet {
    // Written out, as Zeros does: a record's generated equals and hashCode are bootstrapped through method handles, slow cold.
    @Override public boolean equals(Object o) { return o instanceof Eye e && e.n.equals(n); }
    @Override public int hashCode() { return n.hashCode(); }

    @Override public String key() { return "eye"; }
    @Override public int arity() { return 0; }
    @Override public Shape shape(ShapeArgs a) { return Shape.of(n, n); }
    @Override public Notation notation(Format f, List<Expr> args) { return notation(f, args, Taken.NONE); }

    /**
     * I; beside a variable I, with its size: eye(n), and \mathbf{I}_{n} in LaTeX (bold, as no variable prints: I_n is
     * I_{n}); in an output with identities of several sizes, each with its size: Iₘ (I_(m n) where a size has no
     * subscript letters) and \mathbf{I}_{m}.
     */
    @Override public Notation notation(Format f, List<Expr> args, Taken taken) {
        if (f == Format.ASCII) return Notation.atom("eye(" + n.ascii() + ")");
        if (taken.takes("I")) return Notation.atom(f == Format.LATEX ? "\\mathbf{I}_{" + Size.latex(n) + "}" : "eye(" + n.ascii() + ")");
        if (!taken.sized("I")) return Notation.atom("I");
        if (f == Format.LATEX) return Notation.atom("\\mathbf{I}_{" + Size.latex(n) + "}");
        String sub = Notation.subscript(n.ascii());
        return Notation.atom(sub != null ? "I" + sub : "I_(" + n.ascii().replace("*", " ") + ")");
    }

    @Override public String sizedSymbol() { return "I"; }

    @Override public Matrix eval(List<Matrix> v) { return eval(v, Sizes.FIXED_ONLY); }
    @Override public Matrix eval(List<Matrix> v, Sizes s) { return Matrix.identity(s.size(n)); }
    @Override public Template codegen(List<Expr> args) { return new Template.Routine("eye", "static void eye(double[] out, int r, int c) { java.util.Arrays.fill(out, 0.0); for (int i = 0; i < r; i++) out[i * c + i] = 1.0; }"); }

    /** The same operation on the reverse-mode engine: every value a rows×cols tensor, scalars 1×1. */
    @Override public Tensor autograd(List<Tensor> a, Sizes s) {
        return Tensor.eye(s.size(n));
    }
}

package io.tracediff.ops;

import io.tracediff.eval.EvalFacet;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Op;
import io.tracediff.expr.Var;
import io.tracediff.print.notation.Format;
import io.tracediff.print.notation.Notation;
import io.tracediff.print.notation.NotationFacet;
import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;
import io.tracediff.shape.Sizes;
import io.tracediff.symja.entries.EntriesFacet;
import io.tracediff.symja.entries.EntryAlgebra;
import java.util.List;

/** dX, the differential of a variable: the leaf of every differential form. Evaluates to a given direction. */
public enum Differential implements Op, NotationFacet, EvalFacet, EntriesFacet {
    OP;
    @Override public String key() { return "d"; }
    @Override public int arity() { return 1; }
    @Override public Shape shape(ShapeArgs a) { return a.shape(0); }
    @Override public Notation notation(Format f, List<Expr> args) { return notation(f, args, Taken.NONE); }

    /** dX; beside a variable d, or dX beside X, d(X) in Unicode (LaTeX sets \mathrm{d}X apart from \mathit{dX}). */
    @Override public Notation notation(Format f, List<Expr> args, Taken taken) {
        if (f == Format.ASCII || f == Format.UNICODE && taken.takes("d")) return Notation.function("d");
        String d = f == Format.LATEX ? "\\mathrm{d}" : "d";
        return args.get(0) instanceof Var ? Notation.prefix(d, Notation.ATOM_LEVEL) : Notation.function(d);
    }
    /** A differential has a value only along a chosen direction, which the evaluator supplies. */
    @Override public Matrix eval(List<Matrix> v) {
        throw new IllegalStateException("a differential is evaluated along a direction; bind d(X) in the evaluator");
    }

    @Override public <M, T> M entries(Apply self, List<M> x, EntryAlgebra<M, T> alg, Sizes sizes) {
        return alg.map(x.get(0), alg::differential);
    }
}

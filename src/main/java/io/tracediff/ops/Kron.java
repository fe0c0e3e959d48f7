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
import io.tracediff.shape.Dim;
import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;
import io.tracediff.shape.Sizes;
import io.tracediff.symja.entries.EntriesFacet;
import io.tracediff.symja.entries.EntryAlgebra;
import java.util.List;

/**
 * A ⊗ B, the Kronecker product: for A p×q and B r×s the pr×qs block matrix [a_ij B]. It is what
 * vec(A X B) = (Bᵀ ⊗ A) vec(X) produces; evaluation that never builds it is in io.tracediff.jacobian.
 */
public enum Kron implements Op, NotationFacet, EvalFacet, AutogradFacet, EntriesFacet, CodegenFacet {
    OP;
    @Override public String key() { return "kron"; }
    @Override public int arity() { return 2; }
    @Override public Shape shape(ShapeArgs a) {
        Shape l = a.shape(0), r = a.shape(1);
        return Shape.of(Dim.times(a.resolve(l.rows()), a.resolve(r.rows())), Dim.times(a.resolve(l.cols()), a.resolve(r.cols())));
    }
    @Override public Notation notation(Format f, List<Expr> args) {
        return switch (f) {
            case ASCII -> Notation.function("kron");
            case UNICODE -> Notation.infix(" ⊗ ", Notation.HADAMARD);
            case LATEX -> Notation.infix(" \\otimes ", Notation.HADAMARD);
        };
    }
    @Override public Matrix eval(List<Matrix> v) {
        Matrix a = v.get(0), b = v.get(1);
        int rows = io.tracediff.kernel.Entries.dimension(a.rows, b.rows), cols = io.tracediff.kernel.Entries.dimension(a.cols, b.cols);
        Matrix out = new Matrix(rows, cols);
        for (int i = 0; i < a.rows; i++)
            for (int j = 0; j < a.cols; j++) {
                double aij = a.data[i * a.cols + j];
                if (aij == 0) continue;
                for (int k = 0; k < b.rows; k++) {
                    int o = (i * b.rows + k) * cols + j * b.cols, bo = k * b.cols;
                    for (int l = 0; l < b.cols; l++) out.data[o + l] = aij * b.data[bo + l];
                }
            }
        return out;
    }
    @Override public Template codegen(List<Expr> args) {
        return new Template.Routine("kron", "static void kron(double[] out, int r, int c, double[] a, int ar, int ac, double[] b, int br, int bc) { "
                + "for (int i = 0; i < ar; i++) for (int j = 0; j < ac; j++) { double x = a[i * ac + j]; "
                + "for (int k = 0; k < br; k++) for (int l = 0; l < bc; l++) out[(i * br + k) * c + j * bc + l] = x * b[k * bc + l]; } }");
    }

    /** (A ⊗ B)[i·r + k, j·s + l] = A[i, j] B[k, l]: a broadcast product of A as p×1×q×1 and B as 1×r×1×s. */
    @Override public Tensor autograd(List<Tensor> t, Sizes s) {
        var a = t.get(0);
        var b = t.get(1);
        int p = a.size(0), q = a.size(1), r = b.size(0), c = b.size(1);
        return a.reshape(p, 1, q, 1).mul(b.reshape(1, r, 1, c)).reshape(p * r, q * c);
    }

    @Override public <M, T> M entries(Apply self, List<M> x, EntryAlgebra<M, T> alg, Sizes sizes) {
        M p = x.get(0), q = x.get(1); // (A ⊗ B)[i·p + k, j·q + l] = A[i, j] B[k, l], B p×q
        return alg.build(alg.rows(p) * alg.rows(q), alg.cols(p) * alg.cols(q),
                (i, j) -> alg.multiply(alg.get(p, i / alg.rows(q), j / alg.cols(q)), alg.get(q, i % alg.rows(q), j % alg.cols(q))));
    }
}

package io.tracediff.codegen;

import io.tracediff.codegen.template.CodegenFacet;
import io.tracediff.codegen.template.Template;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.ops.Commutation;
import io.tracediff.ops.Kron;

/**
 * The Java target's forms for the structured factors of Jacobians and Hessians: (A ⊗ B) V, V (A ⊗ B),
 * K V and V K as index maps (Magnus &amp; Neudecker Thm 2.2 and 3.7; as jacobian.StructuredEvaluator does),
 * never a dense ⊗ or K multiplied; K alone as a filled permutation. Java-owned, keyed by operator, so
 * expr.Op gains no method for it.
 */
final class StructuredProducts {
    private StructuredProducts() {}

    /** A routine form for K, which has no Op template (its size m·n may be symbolic); every other operator's own. */
    static Template template(Apply a) { return template(a.op(), a.args()); }

    static Template template(io.tracediff.expr.Op op, java.util.List<Expr> args) {
        if (op instanceof Commutation) return new Template.Routine("commutation", COMMUTATION);
        return CodegenFacet.of(op).codegen(args);
    }

    static boolean isCommutation(Expr e) { return e instanceof Apply a && a.op() instanceof Commutation; }

    static boolean isKron(Expr e) { return e instanceof Apply a && a.op() == Kron.OP && !a.arg(0).isScalar() && !a.arg(1).isScalar(); }

    /** ⊗ and K are applied by the product that uses them, so they are not built up front. */
    static boolean isIndexMap(Expr e) { return isKron(e) || isCommutation(e); }

    /** K(m, n) into {@code out}. */
    static String commutation(Lowering low, Apply k, String out) {
        Commutation c = (Commutation) k.op();
        low.routines.putIfAbsent("commutation", COMMUTATION);
        return "commutation(" + out + ", " + low.dim(c.m()) + ", " + low.dim(c.n()) + ");";
    }

    /** The statement writing l·r into {@code out} as an index map, or null when neither side is ⊗ or K. */
    static String java(Lowering low, Expr l, Expr r, String out) {
        // K first: (A ⊗ B) K permutes the columns of A ⊗ B, cheaper than applying A ⊗ B to a built K
        if (isCommutation(l)) {
            Commutation c = (Commutation) ((Apply) l).op();
            low.routines.putIfAbsent("commutationTimes", COMMUTATION_TIMES);
            return "commutationTimes(" + out + ", " + low.dim(c.m()) + ", " + low.dim(c.n()) + ", " + array(low, r) + ", " + low.dim(r.shape().cols()) + ");";
        }
        if (isCommutation(r)) {
            Commutation c = (Commutation) ((Apply) r).op();
            low.routines.putIfAbsent("timesCommutation", TIMES_COMMUTATION);
            return "timesCommutation(" + out + ", " + array(low, l) + ", " + low.dim(l.shape().rows()) + ", " + low.dim(c.m()) + ", " + low.dim(c.n()) + ");";
        }
        if (isKron(l)) {
            Apply k = (Apply) l;
            Expr a = k.arg(0), b = k.arg(1);
            low.routines.putIfAbsent("kronTimes", KRON_TIMES);
            return "kronTimes(" + out + ", " + array(low, a) + ", " + low.dim(a.shape().rows()) + ", " + low.dim(a.shape().cols()) + ", "
                    + array(low, b) + ", " + low.dim(b.shape().rows()) + ", " + low.dim(b.shape().cols()) + ", "
                    + array(low, r) + ", " + low.dim(r.shape().cols()) + ");";
        }
        if (isKron(r)) {
            Apply k = (Apply) r;
            Expr a = k.arg(0), b = k.arg(1);
            low.routines.putIfAbsent("timesKron", TIMES_KRON);
            return "timesKron(" + out + ", " + array(low, l) + ", " + low.dim(l.shape().rows()) + ", "
                    + array(low, a) + ", " + low.dim(a.shape().rows()) + ", " + low.dim(a.shape().cols()) + ", "
                    + array(low, b) + ", " + low.dim(b.shape().rows()) + ", " + low.dim(b.shape().cols()) + ");";
        }
        return null;
    }

    private static String array(Lowering low, Expr e) {
        Lowering.Val v = low.mat(e);
        if (v instanceof Lowering.Mat m) return m.array();
        return "new double[] {" + ((Lowering.Scalar) v).java() + "}";   // a 1×1 factor
    }

    static final String COMMUTATION = """
            /** K(m, n), the mn×mn permutation with K vec(A) = vec(Aᵀ) for A m×n. */
                static void commutation(double[] out, int m, int n) {
                    int mn = m * n;
                    java.util.Arrays.fill(out, 0.0);
                    for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) out[(j + i * n) * mn + i + j * m] = 1.0;
                }""";

    static final String COMMUTATION_TIMES = """
            /** K(m, n) V for V mn×c: row j + i·n of the result is row i + j·m of V. */
                static void commutationTimes(double[] out, int m, int n, double[] v, int c) {
                    for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) System.arraycopy(v, (i + j * m) * c, out, (j + i * n) * c, c);
                }""";

    static final String TIMES_COMMUTATION = """
            /** V K(m, n) for V r×mn: column i + j·m of the result is column j + i·n of V. */
                static void timesCommutation(double[] out, double[] v, int r, int m, int n) {
                    int mn = m * n;
                    for (int row = 0; row < r; row++)
                        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) out[row * mn + i + j * m] = v[row * mn + j + i * n];
                }""";

    static final String KRON_TIMES = """
            /** (A ⊗ B) V for A p×q, B r×s, V qs×c: column k is vec(B Y Aᵀ) with Y = unvec(V[:, k]) (Magnus & Neudecker 2.2). */
                static void kronTimes(double[] out, double[] a, int p, int q, double[] b, int r, int s, double[] v, int c) {
                    double[] t = new double[q * r * c];   // t[jj][i][k] = Σ_ii B[i, ii] V[ii + jj·s, k]
                    for (int jj = 0; jj < q; jj++)
                        for (int i = 0; i < r; i++)
                            for (int ii = 0; ii < s; ii++) {
                                double bi = b[i * s + ii];
                                if (bi == 0.0) continue;
                                for (int k = 0, to = (jj * r + i) * c, vo = (ii + jj * s) * c; k < c; k++) t[to + k] += bi * v[vo + k];
                            }
                    java.util.Arrays.fill(out, 0, p * r * c, 0.0);
                    for (int j = 0; j < p; j++)
                        for (int jj = 0; jj < q; jj++) {
                            double aj = a[j * q + jj];
                            if (aj == 0.0) continue;
                            for (int i = 0; i < r; i++)
                                for (int k = 0, o = (i + j * r) * c, to = (jj * r + i) * c; k < c; k++) out[o + k] += aj * t[to + k];
                        }
                }""";

    static final String TIMES_KRON = """
            /** V (A ⊗ B) for V c×pr, A p×q, B r×s: entry (k, ii + jj·s) is Σ V[k, i + j·r] A[j, jj] B[i, ii]. */
                static void timesKron(double[] out, double[] v, int c, double[] a, int p, int q, double[] b, int r, int s) {
                    double[] u = new double[c * p * s];   // u[k][j][ii] = Σ_i V[k, i + j·r] B[i, ii]
                    for (int k = 0; k < c; k++)
                        for (int j = 0; j < p; j++)
                            for (int i = 0; i < r; i++) {
                                double vk = v[k * p * r + i + j * r];
                                if (vk == 0.0) continue;
                                for (int ii = 0, uo = (k * p + j) * s, bo = i * s; ii < s; ii++) u[uo + ii] += vk * b[bo + ii];
                            }
                    java.util.Arrays.fill(out, 0, c * q * s, 0.0);
                    for (int k = 0; k < c; k++)
                        for (int j = 0; j < p; j++)
                            for (int jj = 0; jj < q; jj++) {
                                double aj = a[j * q + jj];
                                if (aj == 0.0) continue;
                                for (int ii = 0, o = k * q * s + jj * s, uo = (k * p + j) * s; ii < s; ii++) out[o + ii] += aj * u[uo + ii];
                            }
                }""";
}

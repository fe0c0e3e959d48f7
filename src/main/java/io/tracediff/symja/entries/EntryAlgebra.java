package io.tracediff.symja.entries;

import io.tracediff.expr.Expr;
import io.tracediff.expr.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * Scalar arithmetic on entries of some kind T (exact symbolic terms, say) and matrices M of them: what an
 * operator needs to expand itself entry by entry ({@link EntriesFacet}). A 1×1 matrix broadcasts where a
 * scalar may stand.
 */
public interface EntryAlgebra<M, T> {
    int rows(M m);

    int cols(M m);

    T get(M m, int i, int j);

    /** The matrix with entry (i, j) = f(i, j). */
    M build(int rows, int cols, Entry<T> f);

    T add(T a, T b);

    T subtract(T a, T b);

    T multiply(T a, T b);

    T divide(T a, T b);

    T power(T a, T b);

    T negate(T a);

    T sqrt(T a);

    T abs(T a);

    T log(T a);

    T zero();

    T one();

    /** The elementwise-function operator {@code function} (an ops.ElementFn) applied to one entry. */
    T apply(Op function, T a);

    T det(M m);

    /** The inverse of m; {@code at} names it in messages. */
    M inverse(M m, Expr at);

    /** The differential of one entry along the directions of the variables. */
    T differential(T a);

    interface Entry<T> { T at(int i, int j); }

    default boolean isScalar(M m) { return rows(m) == 1 && cols(m) == 1; }

    default M scalar(T t) { return build(1, 1, (i, j) -> t); }

    default M map(M m, UnaryOperator<T> f) { return build(rows(m), cols(m), (i, j) -> f.apply(get(m, i, j))); }

    /** Entrywise, rows×cols, a 1×1 operand broadcast. */
    default M zip(int rows, int cols, M a, M b, BinaryOperator<T> f) {
        return build(rows, cols, (i, j) -> f.apply(get(a, isScalar(a) ? 0 : i, isScalar(a) ? 0 : j), get(b, isScalar(b) ? 0 : i, isScalar(b) ? 0 : j)));
    }

    default M product(M a, M b) {
        return build(rows(a), cols(b), (i, j) -> {
            T s = zero();
            for (int k = 0; k < cols(a); k++) s = k == 0 ? multiply(get(a, i, k), get(b, k, j)) : add(s, multiply(get(a, i, k), get(b, k, j)));
            return s;
        });
    }

    /** Σ f(entry) over all entries, or over the diagonal only. */
    default T sum(M m, boolean diagonalOnly, UnaryOperator<T> f) {
        List<T> terms = new ArrayList<>();
        for (int i = 0; i < rows(m); i++)
            for (int j = 0; j < cols(m); j++) if (!diagonalOnly || i == j) terms.add(f.apply(get(m, i, j)));
        T s = terms.isEmpty() ? zero() : terms.get(0);
        for (int k = 1; k < terms.size(); k++) s = add(s, terms.get(k));
        return s;
    }

    default M identity(int n) { return build(n, n, (i, j) -> i == j ? one() : zero()); }
}

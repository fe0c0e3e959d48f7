package io.tracediff.diff;

import io.tracediff.api.Problem;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.Op;
import io.tracediff.expr.Var;
import io.tracediff.ops.*;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Random well-typed expressions over X, A (n×n), x, y (n) and a (scalar), inside the domains the
 * operators need at the points {@link io.tracediff.eval.tree.RandomPoints} draws (positive entries, square
 * matrices with a dominant diagonal): inverses and determinants only of sums of the square variables.
 */
final class RandomExpressions {
    static final Map<String, Var> VARS = Problem.of("a*(x'*X*y) + tr(A)", "X: matrix(n); A: matrix(n); x: vector(n); y: vector(n); a: scalar").variables();
    private static final Functions FNS = Functions.builtin();

    private RandomExpressions() {}

    static Var v(String name) { return VARS.get(name); }

    private static Expr ap(Op op, Expr... args) { return Apply.of(op, args); }

    private static Expr fn(String name, Expr arg) { return ap(new ElementFn(FNS.get(name).orElseThrow()), arg); }

    static Arbitrary<Expr> scalar(int depth) {
        Arbitrary<Expr> leaf = Arbitraries.of(v("a"), new Num(2), new Num(0.5));
        if (depth == 0) return leaf;
        return Arbitraries.oneOf(leaf,
                vector(depth - 1).flatMap(p -> vector(depth - 1).map(q -> ap(Mul.OP, ap(Transpose.OP, p), q))),
                vector(depth - 1).map(p -> ap(Sum.OP, p)),
                matrix(depth - 1).map(m -> ap(Trace.OP, m)),
                vector(depth - 1).map(p -> ap(ElementPow.OP, ap(Norm2.OP, p), new Num(2))),
                invertible().map(m -> ap(LogDet.OP, m)),
                scalar(depth - 1).flatMap(s -> scalar(depth - 1).map(t -> ap(Mul.OP, s, t))),
                scalar(depth - 1).flatMap(s -> scalar(depth - 1).map(t -> ap(Add.OP, s, t))),
                vector(depth - 1).flatMap(p -> matrix(depth - 1).flatMap(m -> vector(depth - 1).map(q -> ap(Mul.OP, ap(Mul.OP, ap(Transpose.OP, p), m), q)))));
    }

    static Arbitrary<Expr> vector(int depth) {
        Arbitrary<Expr> leaf = Arbitraries.of(v("x"), v("y"));
        if (depth == 0) return leaf;
        return Arbitraries.oneOf(leaf,
                matrix(depth - 1).flatMap(m -> vector(depth - 1).map(p -> ap(Mul.OP, m, p))),
                vector(depth - 1).flatMap(p -> vector(depth - 1).map(q -> ap(Hadamard.OP, p, q))),
                vector(depth - 1).flatMap(p -> vector(depth - 1).map(q -> ap(Add.OP, p, q))),
                vector(depth - 1).flatMap(p -> vector(depth - 1).map(q -> ap(Sub.OP, p, q))),
                Arbitraries.of("exp", "tanh", "sigmoid", "sin", "softplus").flatMap(f -> vector(depth - 1).map(p -> fn(f, p))),
                scalar(depth - 1).flatMap(s -> vector(depth - 1).map(p -> ap(Mul.OP, s, p))),
                matrix(depth - 1).map(m -> ap(DiagVector.OP, m)));
    }

    static Arbitrary<Expr> matrix(int depth) {
        Arbitrary<Expr> leaf = Arbitraries.of(v("X"), v("A"), ap(Transpose.OP, v("X")));
        if (depth == 0) return leaf;
        return Arbitraries.oneOf(leaf,
                matrix(depth - 1).flatMap(m -> matrix(depth - 1).map(k -> ap(Mul.OP, m, k))),
                matrix(depth - 1).flatMap(m -> matrix(depth - 1).map(k -> ap(Add.OP, m, k))),
                matrix(depth - 1).flatMap(m -> matrix(depth - 1).map(k -> ap(Hadamard.OP, m, k))),
                matrix(depth - 1).map(m -> ap(Transpose.OP, m)),
                Arbitraries.of("exp", "tanh", "sigmoid", "cos").flatMap(f -> matrix(depth - 1).map(m -> fn(f, m))),
                invertible().map(m -> ap(Inv.OP, m)),
                vector(depth - 1).flatMap(p -> vector(depth - 1).map(q -> ap(Mul.OP, p, ap(Transpose.OP, q)))),
                vector(depth - 1).map(p -> ap(DiagMatrix.OP, p)));
    }

    /** Sums of the square variables: positive entries and a dominant diagonal at the sampled points. */
    static Arbitrary<Expr> invertible() {
        return Arbitraries.of(v("X"), v("A"), ap(Add.OP, v("X"), v("A")), ap(Transpose.OP, v("X")), ap(Add.OP, v("X"), ap(Transpose.OP, v("A"))));
    }
}

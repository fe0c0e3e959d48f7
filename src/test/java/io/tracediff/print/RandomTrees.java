package io.tracediff.print;

import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.Op;
import io.tracediff.expr.Var;
import io.tracediff.ops.*;
import io.tracediff.parse.Declarations;
import io.tracediff.shape.Dim;
import io.tracediff.shape.Shape;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random well-typed trees over every printable operator, for the printers' round-trip properties. */
final class RandomTrees {

    static final String DECLS = "a: scalar; b: scalar; x: vector(n); y: vector(n); w: vector(m); "
            + "A: matrix(n, n); S: symmetric(n); X: matrix(n, m); P: matrix(m, m); "
            // names whose paper forms could read as another's or as a constant: λ twice, σ the sigmoid, I the identity
            + "lam: scalar; lambda: scalar; sigma: scalar; I: matrix(n, n)";
    static final Declarations D = Declarations.parse(DECLS);
    static final Functions FNS = Functions.builtin();
    static final List<String> NAMES = List.of("a", "b", "x", "y", "w", "A", "S", "X", "P", "lam", "lambda", "sigma", "I");
    private static final Dim ONE = Dim.ONE, N = Dim.sym("n"), M = Dim.sym("m");
    private static final List<Dim> DIMS = List.of(ONE, N, M);
    static final List<String> FN_NAMES = List.of("exp", "log", "sin", "tanh", "sigmoid", "relu", "softplus", "sqrt", "abs", "arctan");

    private RandomTrees() {}

    static Arbitrary<Expr> scalars() { return gen(ONE, ONE, 4).filter(e -> !dividesByZero(e)); }

    static Arbitrary<Expr> matrices() {
        return Arbitraries.of(DIMS).flatMap(r -> Arbitraries.of(DIMS).flatMap(c -> gen(r, c, 4))).filter(e -> !dividesByZero(e));
    }

    /** Whether a divisor is 0 as written (x/0, a./sum(zeros(1, m))) or a number has no real value: the parser refuses such a tree, by design. */
    static boolean dividesByZero(Expr root) {
        var stack = new java.util.ArrayDeque<Expr>(List.of(root));
        while (!stack.isEmpty()) {
            Expr e = stack.pop();
            if (e instanceof io.tracediff.expr.Apply a) {
                if ((a.op() == io.tracediff.ops.Div.OP || a.op() == io.tracediff.ops.ElementDiv.OP)
                        && (io.tracediff.expr.PostOrder.<Expr>fold(a.arg(1), new java.util.IdentityHashMap<>(), (x, kids) ->
                                x instanceof io.tracediff.expr.Apply ap && !kids.isEmpty() ? io.tracediff.algebra.Alg.apply(ap.op(), kids) : x)
                                instanceof io.tracediff.expr.Num n && n.value() == 0
                            || exactlyZero(io.tracediff.algebra.Alg.exactConstant(a.arg(1)))))
                    return true;
                if (io.tracediff.parse.Typer.noRealValue(a) != null) return true;   // log(0), sqrt(-1): refused as written too
                stack.addAll(a.args());
            }
        }
        return false;
    }

    private static boolean exactlyZero(io.tracediff.algebra.Rational q) { return q != null && q.signum() == 0; }

    static Var v(String name) {
        var d = D.get(name);
        return new Var(name, d.shape(), d.kind());
    }

    private static Expr ap(Op op, Expr... args) { return Apply.of(op, args); }

    /** Leaves of shape r×c: variables (transposed where only the transpose is declared), constants, constructors. */
    private static Arbitrary<Expr> leaf(Dim r, Dim c) {
        List<Expr> xs = new ArrayList<>();
        Shape s = Shape.of(r, c);
        for (String name : NAMES) {
            Var var = v(name);
            if (var.shape().equals(s)) xs.add(var);
            else if (!var.isScalar() && var.shape().transposed().equals(s)) xs.add(ap(Transpose.OP, var));
        }
        if (!(r.isOne() && c.isOne())) {
            xs.add(Apply.of(new Ones(r, c)));
            xs.add(Apply.of(new Zeros(r, c)));
        }
        if (r.equals(c) && !r.isOne()) xs.add(Apply.of(new Eye(r)));
        Arbitrary<Expr> vars = Arbitraries.of(xs);
        if (!(r.isOne() && c.isOne())) return vars;
        Arbitrary<Expr> nums = Arbitraries.oneOf(
                Arbitraries.integers().between(-5, 9).map(k -> (Expr) new Num(k)),
                Arbitraries.of(0.5, -0.25, 1e-3, 2.5e-7, 1e20, 3.14159).map(k -> (Expr) new Num(k)),
                Arbitraries.doubles().between(-1e3, 1e3).map(k -> (Expr) new Num(k)));
        return Arbitraries.oneOf(vars, nums);
    }

    private static Arbitrary<Expr> gen(Dim r, Dim c, int depth) {
        if (depth == 0) return leaf(r, c);
        int d = depth - 1;
        boolean scalar = r.isOne() && c.isOne(), square = r.equals(c) && !scalar;
        List<Arbitrary<? extends Expr>> choices = new ArrayList<>();
        choices.add(leaf(r, c));
        choices.add(Arbitraries.lazy(() -> gen(r, c, d).map(e -> ap(Neg.OP, e))));
        choices.add(Arbitraries.lazy(() -> Combinators.combine(Arbitraries.of(FN_NAMES), gen(r, c, d))
                .as((f, e) -> ap(new ElementFn(FNS.get(f).orElseThrow()), e))));
        choices.add(Arbitraries.lazy(() -> gen(c, r, d).map(e -> ap(Transpose.OP, e))));
        for (Op op : List.of(Add.OP, Sub.OP, Hadamard.OP, ElementDiv.OP))
            choices.add(Arbitraries.lazy(() -> Combinators.combine(gen(r, c, d), gen(r, c, d)).as((p, q) -> ap(op, p, q))));
        if (!scalar) {
            // Broadcasting: a scalar on either side.
            choices.add(Arbitraries.lazy(() -> Combinators.combine(gen(ONE, ONE, d), gen(r, c, d)).as((p, q) -> ap(Add.OP, p, q))));
            choices.add(Arbitraries.lazy(() -> Combinators.combine(gen(r, c, d), gen(ONE, ONE, d)).as((p, q) -> ap(Hadamard.OP, p, q))));
            choices.add(Arbitraries.lazy(() -> Combinators.combine(gen(ONE, ONE, d), gen(r, c, d)).as((p, q) -> ap(Mul.OP, p, q))));
        }
        choices.add(Arbitraries.lazy(() -> Arbitraries.of(DIMS).flatMap(k -> Combinators.combine(gen(r, k, d), gen(k, c, d))
                .as((p, q) -> ap(Mul.OP, p, q)))));
        choices.add(Arbitraries.lazy(() -> Combinators.combine(gen(r, c, d), gen(ONE, ONE, d)).as((p, q) -> ap(Div.OP, p, q))));
        choices.add(Arbitraries.lazy(() -> Combinators.combine(gen(r, c, d), gen(ONE, ONE, d)).as((p, q) -> ap(ElementPow.OP, p, q))));
        if (scalar) {
            for (Op op : List.of(Trace.OP, Det.OP, LogDet.OP))
                choices.add(Arbitraries.lazy(() -> Arbitraries.of(DIMS).flatMap(k -> gen(k, k, d)).map(e -> ap(op, e))));
            for (Op op : List.of(Sum.OP, Norm1.OP, Norm2.OP))
                choices.add(Arbitraries.lazy(() -> Arbitraries.of(DIMS).flatMap(p -> Arbitraries.of(DIMS).flatMap(q -> gen(p, q, d)))
                        .map(e -> ap(op, e))));
        }
        if (square) {
            choices.add(Arbitraries.lazy(() -> gen(r, r, d).map(e -> ap(Inv.OP, e))));
            choices.add(Arbitraries.lazy(() -> Combinators.combine(gen(r, r, d), Arbitraries.integers().between(0, 4))
                    .as((e, k) -> ap(MatrixPow.OP, e, new Num(k)))));
            choices.add(Arbitraries.lazy(() -> gen(r, ONE, d).map(e -> ap(DiagMatrix.OP, e))));
        }
        if (!r.isOne() && c.isOne()) choices.add(Arbitraries.lazy(() -> gen(r, r, d).map(e -> ap(DiagVector.OP, e))));
        return Arbitraries.oneOf(choices);
    }
}

package io.tracediff.check;

import io.tracediff.algebra.Alg;
import io.tracediff.api.Problem;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.Op;
import io.tracediff.expr.Var;
import io.tracediff.ops.*;
import io.tracediff.shape.Dim;
import io.tracediff.shape.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random well-typed expressions over every operator, function and constructor of the language, with four
 * distinct dimensions m, n, p and N (N sizes no variable: it enters only through ones(N), zeros and sizes
 * as scalars), so a factor such as 𝟏ᵀ𝟏 = N or tr(I) = n that an engine drops changes the value. Operands
 * are kept inside their operators' domains at the points {@link io.tracediff.eval.tree.RandomPoints} draws: log, sqrt and ⊘ get positive
 * operands, inv/det/logdet get matrices that stay invertible (I + 0.1 tanh(M), XᵀX + I, declared spd).
 */
public final class ExpressionGenerator {
    public static final String DECLARATIONS =
            "X: matrix(n); S: spd(n); A: matrix(m, n); B: matrix(n, p); x: vector(n); y: vector(m); z: vector(p); a: scalar; b: scalar; w: positive(n)";
    public static final Map<String, Var> VARS = Problem.of("a*b*(y'*A*x) + z'*B'*x + tr(X) + tr(S) + sum(w)", DECLARATIONS).variables();

    private static final Dim M = Dim.sym("m"), N = Dim.sym("n"), P = Dim.sym("p"), BATCH = Dim.sym("N");
    private static final List<Dim> DIMS = List.of(Dim.ONE, M, N, P, BATCH);
    private static final Functions FNS = Functions.builtin();
    /** Smooth on the whole line (and away from kinks at random points for abs, relu, sign, step). */
    private static final List<String> TOTAL = List.of("exp", "tanh", "sigmoid", "sin", "cos", "softplus", "arctan", "abs", "relu", "sign", "step",
            "sinh", "cosh", "expm1", "erf");

    private final Random r;
    private final int maxDepth;

    public ExpressionGenerator(long seed, int maxDepth) {
        this.r = new Random(seed);
        this.maxDepth = maxDepth;
    }

    public static Var v(String name) { return VARS.get(name); }

    /** A scalar function of the variables. */
    public Expr scalar() { return readingAVariable(() -> gen(Shape.SCALAR, maxDepth)); }

    /** Constants have nothing to differentiate: draw again (a few times) until a variable is read. */
    private Expr readingAVariable(java.util.function.Supplier<Expr> draw) {
        Expr e = draw.get();
        for (int i = 0; i < 5 && variablesOf(e).isEmpty(); i++) e = draw.get();
        return e;
    }

    /** A vector- or matrix-valued function (at least one dimension above 1). */
    public Expr nonScalar() {
        Shape s;
        do s = Shape.of(pick(DIMS), pick(DIMS)); while (s.isScalar());
        Shape shape = s;
        return readingAVariable(() -> gen(shape, maxDepth));
    }

    /** The variables an expression reads, in declaration order. */
    public static List<Var> variablesOf(Expr e) {
        var used = SelfCheck.variables(e);
        List<Var> out = new ArrayList<>();
        for (Var v : VARS.values()) if (used.containsKey(v.name())) out.add(v);
        return out;
    }

    /** The keys of the operators and functions e applies. */
    public static java.util.Set<String> operatorKeys(Expr e) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        var stack = new java.util.ArrayDeque<Expr>(List.of(e));
        while (!stack.isEmpty()) {
            Expr x = stack.pop();
            if (x instanceof Apply a) keys.add(a.op().key());
            for (Expr arg : x.args()) stack.push(arg);
        }
        return keys;
    }

    private <T> T pick(List<T> xs) { return xs.get(r.nextInt(xs.size())); }

    private static Expr ap(Op op, Expr... args) { return Apply.of(op, args); }

    private static Expr fn(String name, Expr arg) { return ap(new ElementFn(FNS.get(name).orElseThrow()), arg); }

    Expr gen(Shape s, int depth) {
        if (depth <= 0 || r.nextInt(10) < 2) return leaf(s);
        int d = depth - 1;
        Dim rows = s.rows(), cols = s.cols();
        boolean square = rows.equals(cols);
        for (int tries = 0; ; tries++) {
            switch (r.nextInt(s.isScalar() ? 27 : 19)) {
                case 0, 1: return ap(Add.OP, gen(s, d), gen(s, d));
                case 2: return ap(Sub.OP, gen(s, d), gen(s, d));
                case 3: { Dim k = pick(DIMS); return ap(Mul.OP, gen(Shape.of(rows, k), d), gen(Shape.of(k, cols), d)); }
                case 4: return ap(Mul.OP, gen(Shape.SCALAR, d), gen(s, d));
                case 5: return ap(Hadamard.OP, gen(s, d), gen(s, d));
                case 6: return ap(ElementDiv.OP, gen(s, d), positive(s, d));
                case 7: return ap(Neg.OP, gen(s, d));
                case 8: return ap(Transpose.OP, gen(s.transposed(), d));
                case 9: return fn(pick(TOTAL), gen(s, d));
                case 10: return fn(pick(List.of("log", "sqrt", "log1p")), positive(s, d));
                case 11: return fn(r.nextBoolean() ? "arcsin" : "arccos", ap(Mul.OP, new Num(0.5), fn("tanh", gen(s, d))));
                case 12: return ap(ElementPow.OP, positive(s, d), pick(List.of(new Num(2), new Num(3), new Num(0.5), gen(Shape.SCALAR, 0))));
                case 13: return ap(Div.OP, gen(s, d), positive(Shape.SCALAR, d));
                case 14: // a scalar broadcast over a matrix
                    if (!s.isScalar()) return ap(r.nextBoolean() ? Add.OP : Sub.OP, gen(Shape.SCALAR, d), gen(s, d));
                    break;
                case 15:
                    if (square && !s.isScalar()) return r.nextBoolean() ? ap(Inv.OP, invertible(rows, d))
                            : ap(MatrixPow.OP, gen(s, d), new Num(r.nextInt(4)));  // X⁰ = I included
                    if (cols.isOne() && !rows.isOne()) return ap(DiagVector.OP, gen(Shape.of(rows, rows), d));
                    break;
                case 16:
                    if (square && !s.isScalar()) return ap(DiagMatrix.OP, gen(Shape.vector(rows), d));
                    if (rows.isOne() && !cols.isOne()) return ap(Transpose.OP, ap(DiagVector.OP, gen(Shape.of(cols, cols), d)));
                    break;
                case 17: // vec of a matrix as a column: (vec(G)ᵀ vec(H)) M
                    if (!s.isScalar()) {
                        Shape v = Shape.of(pick(DIMS), pick(DIMS));
                        return ap(Mul.OP, ap(Mul.OP, ap(Transpose.OP, ap(Vec.OP, gen(v, d))), ap(Vec.OP, gen(v, d))), gen(s, d));
                    }
                    break;
                case 18: return ap(Softmax.OP, gen(s, d));   // column by column: a 1-row argument gives ones
                // scalar-only productions
                case 19: { Dim k = pick(DIMS); return ap(Trace.OP, gen(Shape.of(k, k), d)); }
                case 20: return ap(Sum.OP, gen(Shape.of(pick(DIMS), pick(DIMS)), d));
                case 21: return ap(r.nextBoolean() ? Norm2.OP : Norm1.OP, gen(Shape.of(pick(DIMS), pick(DIMS)), d));
                case 22: { Dim k = pick(List.of(M, N, P, BATCH)); return ap(r.nextBoolean() ? Det.OP : LogDet.OP, invertible(k, d)); }
                case 23: { Dim k = pick(DIMS); Shape v = Shape.of(k, pick(DIMS));
                    return ap(Mul.OP, ap(Transpose.OP, ap(Vec.OP, gen(v, d))), ap(Vec.OP, gen(v, d))); }
                case 24: return ap(ElementPow.OP, ap(Norm2.OP, gen(Shape.of(pick(DIMS), pick(DIMS)), d)), new Num(2));
                case 25: return ap(LogSumExp.OP, gen(Shape.of(pick(DIMS), pick(DIMS)), d));
                case 26: return ap(r.nextBoolean() ? Extremum.MAX : Extremum.MIN, gen(Shape.of(pick(DIMS), pick(DIMS)), d));  // ties: no point, no verdict
                default: break;
            }
            if (tries > 20) return leaf(s);
        }
    }

    /** Entries > 0 at every point drawn. */
    Expr positive(Shape s, int depth) {
        int d = Math.max(0, depth - 1);
        return switch (r.nextInt(7)) {
            case 0 -> fn("exp", gen(s, d));
            case 1 -> fn("sigmoid", gen(s, d));
            case 2 -> fn("softplus", gen(s, d));
            case 3 -> ap(Add.OP, new Num(1), ap(ElementPow.OP, gen(s, d), new Num(2)));
            case 4 -> s.isScalar() ? pick(List.of(v("a"), v("b"), size())) : ones(s);
            case 5 -> s.equals(v("w").shape()) ? v("w") : s.isScalar() ? ap(Sum.OP, v("w")) : ap(Add.OP, new Num(2), fn("sin", gen(s, d)));
            default -> ap(Add.OP, new Num(2), fn("tanh", gen(s, d)));
        };
    }

    /** k×k and invertible with a positive determinant at every point drawn. */
    Expr invertible(Dim k, int depth) {
        int d = Math.max(0, depth - 1);
        Expr eye = ap(new Eye(k));
        if (k.equals(N) && r.nextInt(3) == 0) return pick(List.of(v("X"), v("S"), ap(Transpose.OP, v("X")), ap(Add.OP, v("X"), v("S"))));
        if (k.equals(N) && r.nextInt(3) == 0) return ap(Add.OP, ap(Mul.OP, ap(Transpose.OP, v("A")), v("A")), eye);
        if (k.equals(M) && r.nextInt(3) == 0) return ap(Add.OP, ap(Mul.OP, v("A"), ap(Transpose.OP, v("A"))), eye);
        return ap(Add.OP, eye, ap(Mul.OP, new Num(0.1), fn("tanh", gen(Shape.of(k, k), d))));
    }

    private Expr ones(Shape s) { return ap(new Ones(s.rows(), s.cols())); }

    private Expr size() {
        Dim d = pick(List.of(M, N, P, BATCH));
        return r.nextInt(4) == 0 ? Alg.mul(Alg.size(d), Alg.size(pick(List.of(M, N, P, BATCH)))) : Alg.size(d);
    }

    Expr leaf(Shape s) {
        List<Expr> options = new ArrayList<>();
        for (Var v : VARS.values()) {
            if (v.shape().equals(s)) { options.add(v); options.add(v); }
            if (!s.isScalar() && v.shape().transposed().equals(s) && !v.shape().equals(s)) options.add(ap(Transpose.OP, v));
        }
        options.add(ones(s));
        if (s.isScalar()) { options.add(new Num(1.5)); options.add(new Num(-0.5)); options.add(size()); }
        else if (r.nextInt(8) == 0) options.add(ap(new Zeros(s.rows(), s.cols())));
        if (s.rows().equals(s.cols()) && !s.isScalar()) options.add(ap(new Eye(s.rows())));
        // A leaf that reads a variable even where none has this shape: a product through one (𝟏 yᵀ A x …).
        if (options.size() <= 2 && r.nextBoolean()) {
            Var v = pick(List.copyOf(VARS.values()));
            Shape vs = v.shape();
            return Apply.of(Mul.OP, Apply.of(Mul.OP, ones(Shape.of(s.rows(), vs.rows())), v), ones(Shape.of(vs.cols(), s.cols())));
        }
        return pick(options);
    }
}

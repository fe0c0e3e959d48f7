package io.tracediff.codegen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.eval.tree.Evaluator;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.Op;
import io.tracediff.expr.Var;
import io.tracediff.expr.VarKind;
import io.tracediff.ops.*;
import io.tracediff.print.Printer;
import io.tracediff.shape.Dim;
import io.tracediff.shape.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random well-typed expressions over every operator with a code form: the compiled values equal the
 * interpreter's. Each try compiles five outputs together, so shared subtrees across outputs are exercised too.
 */
class CompiledEqualsInterpretedPropertyTest {
    static final Dim N = Dim.sym("n"), M = Dim.sym("m");
    static final Var A = new Var("A", Shape.of(N, N), VarKind.MATRIX), B = new Var("B", Shape.of(N, N), VarKind.MATRIX),
            C = new Var("C", Shape.of(N, M), VarKind.MATRIX), u = new Var("u", Shape.vector(N), VarKind.VECTOR),
            v = new Var("v", Shape.vector(N), VarKind.VECTOR), c = new Var("c", Shape.SCALAR, VarKind.SCALAR);
    static final List<Var> INPUTS = List.of(A, B, C, u, v, c);
    static final Functions FNS = Functions.builtin();

    /** VEC n×1, ROW 1×n, SQUARE n×n, WIDE m×n, TALL n×m. */
    enum Kind { SCALAR, VEC, ROW, SQUARE, WIDE, TALL }

    /** Builds a random expression of the given kind from a seed; smaller depth means closer to the leaves. */
    static final class Gen {
        final Random r;

        Gen(long seed) { r = new Random(seed); }

        static Expr ap(Op op, Expr... args) { return Apply.of(op, args); }

        Expr fn(Expr x) {
            String name = List.of("tanh", "sin", "cos", "sigmoid", "softplus", "exp", "abs").get(r.nextInt(7));
            Expr arg = name.equals("exp") ? ap(Mul.OP, new Num(0.25), x) : x;
            return ap(new ElementFn(FNS.get(name).orElseThrow()), arg);
        }

        /** A well-conditioned n×n matrix: X Xᵀ + n I. */
        Expr spd(int depth) {
            Expr x = gen(Kind.SQUARE, depth);
            return ap(Add.OP, ap(Mul.OP, x, ap(Transpose.OP, x)), ap(Mul.OP, new Num(3), Apply.of(new Eye(N))));
        }

        Expr gen(Kind k, int depth) {
            if (depth == 0 || r.nextInt(4) == 0) return leaf(k);
            int d = depth - 1;
            if (k != Kind.SCALAR && r.nextInt(3) == 0) {          // elementwise forms, any non-scalar kind
                return switch (r.nextInt(7)) {
                    case 0 -> ap(Add.OP, gen(k, d), gen(k, d));
                    case 1 -> ap(Sub.OP, gen(k, d), gen(k, d));
                    case 2 -> ap(Hadamard.OP, gen(k, d), gen(k, d));
                    case 3 -> ap(Neg.OP, gen(k, d));
                    case 4 -> ap(Mul.OP, gen(Kind.SCALAR, d), gen(k, d));
                    case 5 -> ap(ElementDiv.OP, gen(k, d), ap(Add.OP, Num.ONE, ap(ElementPow.OP, gen(k, d), Num.TWO)));
                    default -> fn(gen(k, d));
                };
            }
            return switch (k) {
                case SCALAR -> switch (r.nextInt(10)) {
                    case 0 -> ap(Sum.OP, gen(Kind.SQUARE, d));
                    case 1 -> ap(Trace.OP, gen(Kind.SQUARE, d));
                    case 2 -> ap(Norm2.OP, gen(Kind.TALL, d));
                    case 3 -> ap(Norm1.OP, gen(Kind.VEC, d));
                    case 4 -> ap(Mul.OP, gen(Kind.ROW, d), gen(Kind.VEC, d));
                    case 5 -> ap(LogDet.OP, spd(Math.min(d, 1)));
                    case 6 -> ap(Det.OP, spd(Math.min(d, 1)));
                    case 7 -> ap(Add.OP, gen(Kind.SCALAR, d), gen(Kind.SCALAR, d));
                    case 8 -> ap(Mul.OP, gen(Kind.SCALAR, d), gen(Kind.SCALAR, d));
                    default -> fn(gen(Kind.SCALAR, d));
                };
                case VEC -> switch (r.nextInt(6)) {
                    case 0 -> ap(Mul.OP, gen(Kind.SQUARE, d), gen(Kind.VEC, d));
                    case 1 -> ap(DiagVector.OP, gen(Kind.SQUARE, d));
                    case 2 -> ap(Transpose.OP, gen(Kind.ROW, d));
                    case 3 -> ap(Mul.OP, ap(Inv.OP, spd(Math.min(d, 1))), gen(Kind.VEC, d));
                    case 4 -> ap(Mul.OP, ap(DiagMatrix.OP, gen(Kind.VEC, d)), gen(Kind.VEC, d));
                    default -> ap(Mul.OP, gen(Kind.TALL, d), ap(Mul.OP, ap(Transpose.OP, gen(Kind.TALL, d)), gen(Kind.VEC, d)));
                };
                case ROW -> switch (r.nextInt(3)) {
                    case 0 -> ap(Transpose.OP, gen(Kind.VEC, d));
                    case 1 -> ap(Mul.OP, gen(Kind.ROW, d), gen(Kind.SQUARE, d));
                    default -> ap(Mul.OP, ap(Transpose.OP, gen(Kind.VEC, d)), ap(Transpose.OP, gen(Kind.SQUARE, d)));
                };
                case SQUARE -> switch (r.nextInt(11)) {
                    case 0 -> ap(Mul.OP, gen(Kind.SQUARE, d), gen(Kind.SQUARE, d));
                    case 1 -> ap(Mul.OP, ap(Transpose.OP, gen(Kind.WIDE, d)), gen(Kind.WIDE, d));
                    case 2 -> ap(Mul.OP, gen(Kind.VEC, d), gen(Kind.ROW, d));
                    case 3 -> ap(Transpose.OP, gen(Kind.SQUARE, d));
                    case 4 -> ap(Mul.OP, ap(DiagMatrix.OP, gen(Kind.VEC, d)), gen(Kind.SQUARE, d));
                    case 5 -> ap(Mul.OP, gen(Kind.SQUARE, d), ap(DiagMatrix.OP, gen(Kind.VEC, d)));
                    case 6 -> ap(Mul.OP, Apply.of(new Ones(N, Dim.ONE)), gen(Kind.ROW, d));
                    case 7 -> ap(Inv.OP, spd(Math.min(d, 1)));
                    case 8 -> ap(MatrixPow.OP, gen(Kind.SQUARE, d), new Num(r.nextInt(4)));
                    case 9 -> ap(new Unvec(N, N), ap(Vec.OP, gen(Kind.SQUARE, d)));
                    default -> ap(Mul.OP, ap(Transpose.OP, gen(Kind.SQUARE, d)), ap(Transpose.OP, gen(Kind.SQUARE, d)));
                };
                case WIDE -> switch (r.nextInt(3)) {
                    case 0 -> ap(Mul.OP, gen(Kind.WIDE, d), gen(Kind.SQUARE, d));
                    case 1 -> ap(Transpose.OP, gen(Kind.TALL, d));
                    default -> ap(Mul.OP, gen(Kind.WIDE, d), ap(DiagMatrix.OP, gen(Kind.VEC, d)));
                };
                case TALL -> switch (r.nextInt(4)) {
                    case 0 -> ap(Transpose.OP, gen(Kind.WIDE, d));
                    case 1 -> ap(Mul.OP, gen(Kind.SQUARE, d), ap(Transpose.OP, gen(Kind.WIDE, d)));
                    case 2 -> ap(Mul.OP, gen(Kind.VEC, d), ap(Mul.OP, Apply.of(new Ones(Dim.ONE, N)), gen(Kind.TALL, d)));
                    default -> ap(Mul.OP, gen(Kind.TALL, d), ap(DiagMatrix.OP, ap(Transpose.OP, ap(Mul.OP, gen(Kind.ROW, d), gen(Kind.TALL, d)))));
                };
            };
        }

        Expr leaf(Kind k) {
            return switch (k) {
                case SCALAR -> r.nextBoolean() ? c : new Num(r.nextInt(5) - 2 + 0.5);
                case VEC -> r.nextBoolean() ? u : v;
                case ROW -> ap(Transpose.OP, r.nextBoolean() ? u : v);
                case SQUARE -> r.nextInt(5) == 0 ? Apply.of(new Ones(N, N)) : r.nextBoolean() ? A : B;
                case WIDE -> ap(Transpose.OP, C);
                case TALL -> C;
            };
        }
    }

    @Property(tries = 100, seed = "20261123")
    void compiledEqualsInterpreted(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int depth) {
        Gen g = new Gen(seed);
        Map<String, Expr> outputs = new LinkedHashMap<>();
        Kind[] kinds = Kind.values();
        for (int i = 0; i < 5; i++) outputs.put("out" + i, g.gen(kinds[g.r.nextInt(kinds.length)], depth));
        outputs.put("again", outputs.get("out0"));               // the same tree twice: two distinct output arrays
        Map<String, Integer> sizes = Map.of("n", 3, "m", 2);
        Map<String, Matrix> values = Cases.random(INPUTS, sizes, seed);
        Map<String, Matrix> got = CompiledFunction.compile(INPUTS, outputs).evaluate(values);
        Evaluator interpreter = new Evaluator(values, Map.of(), d -> Cases.size(d, sizes));
        for (var e : outputs.entrySet()) {
            Matrix want = interpreter.value(e.getValue()), have = got.get(e.getKey());
            double tol = 1e-9 * Math.max(1, want.maxAbs());
            assertTrue(want.maxAbsDiff(have) <= tol || Double.isNaN(want.maxAbsDiff(have)) && allNaNAlike(want, have),
                    e.getKey() + " = " + Printer.ascii(e.getValue()) + "\nwant " + want + "\ngot  " + have);
        }
        assertTrue(got.get("again") != got.get("out0") && got.get("again").data != got.get("out0").data);
    }

    private static boolean allNaNAlike(Matrix a, Matrix b) {
        for (int i = 0; i < a.data.length; i++)
            if (Double.isNaN(a.data[i]) != Double.isNaN(b.data[i]) || !Double.isNaN(a.data[i]) && Math.abs(a.data[i] - b.data[i]) > 1e-9 * Math.max(1, Math.abs(a.data[i])))
                return false;
        return true;
    }
}

package io.tracediff.rules;

import io.tracediff.expr.Alg;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.Op;
import io.tracediff.ops.DiagMatrix;
import io.tracediff.ops.DiagVector;
import io.tracediff.ops.ElementFn;
import io.tracediff.ops.ElementPow;
import io.tracediff.ops.Eye;
import io.tracediff.ops.MatrixPow;
import io.tracediff.ops.Neg;
import io.tracediff.ops.Ones;
import io.tracediff.ops.ScalarFunction;
import io.tracediff.ops.Transpose;
import io.tracediff.ops.Unvec;
import io.tracediff.ops.Zeros;
import io.tracediff.parse.OpTable;
import io.tracediff.shape.Dim;
import io.tracediff.shape.Shape;
import java.util.ArrayList;
import java.util.List;

/** Builds the expression a pattern denotes under some bindings, through {@link Alg} so results come out canonical. */
public final class PatternBuilder {

    /** What building needs from the engine: the differential of a subexpression and elementwise derivatives. */
    public interface Context {
        Expr differential(Expr e);

        /** f′(arg), entrywise. */
        Expr derivative(ScalarFunction f, Expr arg);

        /** An elementwise function by name, or null. */
        ScalarFunction function(String name);
    }

    /** Thrown when a strict builder would create a new broadcast (scalar + matrix), which a rewrite must not. */
    public static final class Rejected extends RuntimeException {
        Rejected(String why) { super(why, null, false, false); }
    }

    private final Context ctx;
    private final boolean strict;

    public PatternBuilder(Context ctx) { this(ctx, false); }

    /** A builder for rules that rewrite finished expressions: no d(·) or f′ on their right sides, functions by name. */
    public static PatternBuilder forRewriting(io.tracediff.ops.Functions functions, String kind, boolean strict) {
        return new PatternBuilder(new Context() {
            @Override public Expr differential(Expr e) { throw new IllegalStateException(kind + " rules take no differentials"); }
            @Override public Expr derivative(ScalarFunction f, Expr arg) { throw new IllegalStateException(kind + " rules take no derivatives"); }
            @Override public ScalarFunction function(String name) { return functions.get(name).orElse(null); }
        }, strict);
    }

    /**
     * {@code strict}: refuse to build a scalar + matrix sum. Rewriting A b + A C to A (b + C) is right
     * for matrices but wrong when b is a scalar (b + C would broadcast), so simplification builds strictly.
     */
    public PatternBuilder(Context ctx, boolean strict) {
        this.ctx = ctx;
        this.strict = strict;
    }

    public Expr build(Pattern p, PatternBindings b) {
        if (p instanceof Pattern.Var v) {
            Expr e = b.get(v.name());
            if (e == null) throw new IllegalStateException("?" + v.name() + " is not bound");
            return e;
        }
        if (p instanceof Pattern.Num n) return new Num(n.value());
        if (p instanceof Pattern.Call c) {
            Expr arg = build(c.args().get(0), b);
            return switch (c.name()) {
                case "d" -> ctx.differential(arg);
                case "?f" -> Alg.apply(new ElementFn(b.fn()), arg);
                case "?f'" -> ctx.derivative(b.fn(), arg);
                default -> throw new IllegalStateException(c.name() + "(…) is a dimension, not a value");
            };
        }
        Pattern.App a = (Pattern.App) p;
        String key = a.key();
        switch (key) {
            case "ones", "zeros", "eye", "commutation" -> { return constructor(key, a.args(), b); }
            case "unvec" -> {
                Expr v = build(a.args().get(0), b);
                return Alg.apply(new Unvec(dim(a.args().get(1), b), dim(a.args().get(2), b)), v);
            }
            default -> { }
        }
        List<Expr> args = new ArrayList<>(a.args().size());
        for (Pattern arg : a.args()) args.add(build(arg, b));
        if (strict && (key.equals("+") || key.equals("-")) && args.get(0).isScalar() != args.get(1).isScalar())
            throw new Rejected("would broadcast a scalar over a matrix");
        return Alg.apply(op(key, args), args);
    }

    private Op op(String key, List<Expr> args) {
        Op op = OpTable.binary(key);
        if (op != null) return op;
        switch (key) {
            case "^": return args.get(0).isScalar() ? ElementPow.OP : MatrixPow.OP;
            case "neg": return Neg.OP;
            case "'": return Transpose.OP;
            case "diag": return args.get(0).shape().cols().isOne() ? DiagMatrix.OP : DiagVector.OP;
            default: break;
        }
        op = OpTable.function(key);
        if (op != null) return op;
        ScalarFunction f = ctx.function(key);
        if (f != null) return new ElementFn(f);
        throw new IllegalStateException("unknown operator '" + key + "' in a rule");
    }

    private Expr constructor(String key, List<Pattern> dims, PatternBindings b) {
        Dim r = dim(dims.get(0), b), c = dims.size() > 1 ? dim(dims.get(1), b) : key.equals("eye") ? r : Dim.ONE;
        Op op = switch (key) {
            case "ones" -> new Ones(r, c);
            case "zeros" -> new Zeros(r, c);
            case "commutation" -> new io.tracediff.ops.Commutation(r, c);
            default -> new Eye(r);
        };
        return Alg.apply(op, List.of());
    }

    private Dim dim(Pattern p, PatternBindings b) {
        if (p instanceof Pattern.Num n) return Dim.of((int) n.value());
        if (p instanceof Pattern.Call c && (c.name().equals("rows") || c.name().equals("cols"))) {
            Shape s = build(c.args().get(0), b).shape();
            return c.name().equals("rows") ? s.rows() : s.cols();
        }
        throw new IllegalStateException("a dimension in a rule is a number, rows(…) or cols(…)");
    }
}

package io.tracediff.rules;

import io.tracediff.algebra.Alg;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.Op;
import io.tracediff.ops.ElementFn;
import io.tracediff.ops.Operators;
import io.tracediff.ops.ScalarFunction;
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
        Operators.Syntax.Constructor k = Operators.constructor(key);
        if (k != null) {
            List<Expr> values = new ArrayList<>(k.values());
            for (Pattern arg : a.args().subList(0, k.values())) values.add(build(arg, b));
            List<Dim> dims = new ArrayList<>();
            for (Pattern arg : a.args().subList(k.values(), a.args().size())) dims.add(dim(arg, b));
            Op op = dims.size() < k.minDims() || dims.size() > k.maxDims() ? null : Operators.construct(key, dims);
            if (op == null) throw new IllegalStateException(key + " cannot take the dimensions " + dims + " in a rule");
            return Alg.apply(op, values);
        }
        List<Expr> args = new ArrayList<>(a.args().size());
        for (Pattern arg : a.args()) args.add(build(arg, b));
        if (strict && (key.equals("+") || key.equals("-")) && args.get(0).isScalar() != args.get(1).isScalar())
            throw new Rejected("would broadcast a scalar over a matrix");
        return Alg.apply(op(key, args), args);
    }

    private Op op(String key, List<Expr> args) {
        List<Shape> shapes = new ArrayList<>(args.size());
        for (Expr e : args) shapes.add(e.shape());
        Op op = Operators.resolve(key, shapes, d -> d);
        if (op != null) return op;
        ScalarFunction f = ctx.function(key);
        if (f != null) return new ElementFn(f);
        throw new IllegalStateException("unknown operator '" + key + "' in a rule");
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

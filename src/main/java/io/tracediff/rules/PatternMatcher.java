package io.tracediff.rules;

import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.ops.Differential;
import io.tracediff.ops.ElementFn;
import io.tracediff.expr.Op;
import io.tracediff.ops.Operators;
import io.tracediff.shape.Dim;
import io.tracediff.shape.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Matches a {@link Pattern} against an expression. Syntactic, except that the operands of a
 * commutative operator (+, ⊙) may match in either order, so one rule covers both sides.
 */
public final class PatternMatcher {
    private PatternMatcher() {}

    /** The first match, or null. */
    public static PatternBindings match(Pattern p, Expr e, PatternBindings b) {
        List<PatternBindings> all = matches(p, e, b);
        return all.isEmpty() ? null : all.get(0);
    }

    /** Every way {@code p} matches {@code e} extending {@code b}, written order first. */
    public static List<PatternBindings> matches(Pattern p, Expr e, PatternBindings b) {
        List<PatternBindings> out = new ArrayList<>(1);
        collect(p, e, b, out);
        return out;
    }

    private static void collect(Pattern p, Expr e, PatternBindings b, List<PatternBindings> out) {
        if (p instanceof Pattern.Var v) {
            Expr bound = b.get(v.name());
            if (bound != null) { if (bound.equals(e)) out.add(b); return; }
            if (v.scalarOnly() && !e.isScalar()) return;
            if (v.vectorOrScalar() && !e.shape().cols().isOne()) return;
            out.add(b.with(v.name(), e));
            return;
        }
        if (p instanceof Pattern.Num n) { if (e instanceof Num x && x.value() == n.value()) out.add(b); return; }
        if (!(e instanceof Apply a)) return;
        if (p instanceof Pattern.Call c) {
            if (c.name().equals("d") && a.op() == Differential.OP) collect(c.args().get(0), a.arg(0), b, out);
            else if (c.name().equals("?f") && a.op() instanceof ElementFn f && (b.fn() == null || b.fn().name().equals(f.fn().name())))
                collect(c.args().get(0), a.arg(0), b.withFn(f.fn()), out);
            return;
        }
        Pattern.App app = (Pattern.App) p;
        if (!keyMatches(app, a)) return;
        // A constructor's dimensions are checked once the whole left side is bound (constructorsAgree): ones(1, rows(?A))
        // must not match the 1×1 ones that scales, nor ones(p, n) with p ≠ rows(A).
        if ((a.op().arity() == 0 || a.op() instanceof io.tracediff.ops.Unvec) && Operators.constructor(app.key()) != null) b = b.withConstructor(app, a.op());
        if (a.op().arity() == 0) { out.add(b); return; }
        // unvec(?v, m, n) matches on its value operand; its dimensions, too, follow from the context.
        List<Pattern> operands = app.matched() < app.args().size() ? app.args().subList(0, app.matched()) : app.args();
        if (operands.size() != a.args().size()) return;
        sequence(operands, a.args(), 0, b, out);
        if (a.op().commutative() && a.args().size() == 2 && !a.arg(0).equals(a.arg(1)))
            sequence(operands, List.of(a.arg(1), a.arg(0)), 0, b, out);
    }

    /**
     * Whether every constructor the left side met has the dimensions the rule gives it under {@code b}'s bindings;
     * a dimension read off a variable the left side does not bind follows from the context and is not checked.
     */
    public static boolean constructorsAgree(PatternBindings b) {
        for (PatternBindings.Constructor c : b.constructors()) {
            Operators.Syntax.Constructor k = Operators.constructor(c.pattern().key());
            List<Dim> dims = new ArrayList<>();
            boolean known = true;
            for (Pattern arg : c.pattern().args().subList(k.values(), c.pattern().args().size())) {
                Dim d = dim(arg, b);
                if (d == null) { known = false; break; }
                dims.add(d);
            }
            if (!known) continue;
            Op expected = dims.size() < k.minDims() || dims.size() > k.maxDims() ? null : Operators.construct(c.pattern().key(), dims);
            if (expected == null || !expected.equals(c.met())) return false;
        }
        return true;
    }

    private static Dim dim(Pattern p, PatternBindings b) {
        if (p instanceof Pattern.Num n) return Dim.of((int) n.value());
        if (p instanceof Pattern.Call c && (c.name().equals("rows") || c.name().equals("cols"))
                && c.args().get(0) instanceof Pattern.Var v && b.get(v.name()) != null) {
            Shape s = b.get(v.name()).shape();
            return c.name().equals("rows") ? s.rows() : s.cols();
        }
        return null;
    }

    private static void sequence(List<Pattern> ps, List<Expr> es, int i, PatternBindings b, List<PatternBindings> out) {
        if (i == ps.size()) { out.add(b); return; }
        for (PatternBindings next : matches(ps.get(i), es.get(i), b)) sequence(ps, es, i + 1, next, out);
    }

    /**
     * Whether a rule's operator name denotes {@code a}'s operator: its key, or for a name several operators share
     * ("^": matrix power, or the scalar power of a scalar) the one {@link Operators} resolves for these operands.
     */
    private static boolean keyMatches(Pattern.App app, Apply a) {
        if (a.op().key().equals(app.key())) return true;
        Operators.Entry e = app.shared();
        if (e == null || a.args().size() != app.matched()) return false;
        List<io.tracediff.shape.Shape> shapes = new ArrayList<>(a.args().size());
        for (Expr x : a.args()) shapes.add(x.shape());
        return e.resolve(shapes) == a.op();
    }
}

package io.tracediff.rules;

import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.ops.Differential;
import io.tracediff.ops.ElementFn;
import io.tracediff.ops.ElementPow;
import io.tracediff.ops.MatrixPow;
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
        if (!keyMatches(app.key(), a)) return;
        if (a.op().arity() == 0) { out.add(b); return; } // constructors: their dimensions follow from the context
        if (app.args().size() != a.args().size()) return;
        sequence(app.args(), a.args(), 0, b, out);
        if (a.op().commutative() && a.args().size() == 2 && !a.arg(0).equals(a.arg(1)))
            sequence(app.args(), List.of(a.arg(1), a.arg(0)), 0, b, out);
    }

    private static void sequence(List<Pattern> ps, List<Expr> es, int i, PatternBindings b, List<PatternBindings> out) {
        if (i == ps.size()) { out.add(b); return; }
        for (PatternBindings next : matches(ps.get(i), es.get(i), b)) sequence(ps, es, i + 1, next, out);
    }

    /** "^" in a rule is the power the language's ^ denotes: matrix power, or the scalar power of a scalar. */
    private static boolean keyMatches(String key, Apply a) {
        if (key.equals("^")) return a.op() == MatrixPow.OP || a.op() == ElementPow.OP && a.arg(0).isScalar();
        return a.op().key().equals(key);
    }
}

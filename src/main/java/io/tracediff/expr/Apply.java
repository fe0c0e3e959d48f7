package io.tracediff.expr;

import io.tracediff.shape.Dim;
import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;
import java.util.List;

/**
 * An operator applied to operands. The shape is computed (and the operands checked) by the
 * operator's own rule when the node is built; the hash is cached because trees are used as keys.
 */
public record Apply(Op op, List<Expr> args, Shape shape, int hash) implements Expr {

    public Apply {
        args = List.copyOf(args);
    }

    /** Builds and shape-checks {@code op(args)}; throws {@link io.tracediff.shape.ShapeException} when they do not fit. */
    public static Apply of(Op op, List<Expr> args) {
        if (op.arity() >= 0 && args.size() != op.arity())
            throw new IllegalArgumentException(op.key() + " takes " + op.arity() + " operand(s), got " + args.size());
        Shape s = op.shape(new Checked(op, args));
        return new Apply(op, args, s, 31 * op.hashCode() + args.hashCode());
    }

    public static Apply of(Op op, Expr... args) { return of(op, List.of(args)); }

    public Expr arg(int i) { return args.get(i); }

    @Override public int hashCode() { return hash; }

    @Override public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Apply a) || a.hash != hash || !a.op.equals(op) || a.args.size() != args.size()) return false;
        int left = equalWithin(this, a, RECURSIVE_STEPS);
        return left == UNEQUAL ? false : left == RAN_OUT ? equalShared(this, a) : true;
    }

    /** Node pairs compared by plain recursion before {@link #equalShared} takes over: most comparisons end far sooner. */
    private static final int RECURSIVE_STEPS = 2_000;

    /** What {@link #equalWithin} returns for unequal trees, and when its steps ran out (a deep or widely shared tree). */
    private static final int UNEQUAL = -1, RAN_OUT = -2;

    /** l against r by recursion, within {@code steps} node pairs: the steps left (≥ 0) when equal, else UNEQUAL or RAN_OUT. */
    private static int equalWithin(Apply l, Apply r, int steps) {
        if (--steps < 0) return RAN_OUT;
        for (int i = 0; i < l.args.size(); i++) {
            Expr x = l.args.get(i), y = r.args.get(i);
            if (x == y || repeats(l.args, r.args, i)) continue;
            if (!(x instanceof Apply xa && y instanceof Apply ya)) {
                if (!x.equals(y)) return UNEQUAL;
                continue;
            }
            if (xa.hash != ya.hash || !xa.op.equals(ya.op) || xa.args.size() != ya.args.size()) return UNEQUAL;
            steps = equalWithin(xa, ya, steps);
            if (steps < 0) return steps;
        }
        return steps;
    }

    /**
     * Whether l equals r, each pair of nodes compared once, without recursion: a tree made by a rule that doubles it
     * (?A -> ?A + ?A) shares its halves, and a plain recursion would compare 2^depth pairs of them or overflow the stack.
     */
    private static boolean equalShared(Apply l, Apply r) {
        record Pair(Expr l, Expr r) {
            @Override public boolean equals(Object o) { return o instanceof Pair p && p.l == l && p.r == r; }
            @Override public int hashCode() { return 31 * System.identityHashCode(l) + System.identityHashCode(r); }
        }
        var seen = new java.util.HashSet<Pair>();
        var stack = new java.util.ArrayDeque<Pair>();
        stack.push(new Pair(l, r));
        while (!stack.isEmpty()) {
            Pair p = stack.pop();
            if (p.l == p.r || !seen.add(p)) continue;
            if (!(p.l instanceof Apply x && p.r instanceof Apply y)) {
                if (!p.l.equals(p.r)) return false;
                continue;
            }
            if (x.hash != y.hash || !x.op.equals(y.op) || x.args.size() != y.args.size()) return false;
            for (int i = 0; i < x.args.size(); i++) stack.push(new Pair(x.args.get(i), y.args.get(i)));
        }
        return true;
    }

    /** Whether operand pair i was compared already: X·X against X'·X' (squares of squares of X^k) compares once, not 2^depth times. */
    private static boolean repeats(List<Expr> l, List<Expr> r, int i) {
        for (int j = 0; j < i; j++) if (l.get(j) == l.get(i) && r.get(j) == r.get(i)) return true;
        return false;
    }

    @Override public String toString() { return Text.WRITER.write(this); }

    /** The writer the printer provides (META-INF/services), looked up on first use; a debug form without one. */
    private static final class Text {
        static final ExprWriter WRITER = java.util.ServiceLoader.load(ExprWriter.class, ExprWriter.class.getClassLoader())
                .findFirst().orElse(Text::debug);

        /** key(operand, …) with leaves as written: readable enough for a message, never used for output. */
        private static String debug(Expr root) {
            return PostOrder.<String>fold(root, new java.util.IdentityHashMap<>(), (e, args) ->
                    e instanceof Apply a ? a.op().key() + "(" + String.join(", ", args) + ")" : e.toString());
        }
    }

    /** Shape arguments of already-built operands: equal means identical. */
    private record Checked(Op op, List<Expr> args) implements ShapeArgs {
        @Override public int size() { return args.size(); }
        @Override public Shape shape(int i) { return args.get(i).shape(); }
        @Override public String label(int i) { return Text.WRITER.write(args.get(i)); }
        @Override public String text() { return op.key() + "(…)"; }
        @Override public boolean equal(Dim a, Dim b) { return a.equals(b); }
        @Override public Dim resolve(Dim d) { return d; }
    }
}

package io.tracediff.expr;

import io.tracediff.api.Problem;
import java.util.stream.Collectors;

/** Test helper: a tree as a fully parenthesised prefix form, so tests can state its structure exactly. */
public final class Sexp {
    private Sexp() {}

    /** {@code a'*X'*b} becomes {@code (* (* (' a) (' X)) b)}. */
    public static String of(Expr e) {
        if (e instanceof Var v) return v.name();
        if (e instanceof Num n) return n.value() == Math.rint(n.value()) ? Long.toString((long) n.value()) : Double.toString(n.value());
        Apply a = (Apply) e;
        String head = a.op().key() + opSuffix(a.op());
        if (a.args().isEmpty()) return "(" + head + ")";
        return "(" + head + " " + a.args().stream().map(Sexp::of).collect(Collectors.joining(" ")) + ")";
    }

    private static String opSuffix(Op op) {
        if (op instanceof io.tracediff.ops.Eye eye) return " " + eye.n();
        if (op instanceof io.tracediff.ops.Ones o) return " " + o.rows() + " " + o.cols();
        if (op instanceof io.tracediff.ops.Zeros z) return " " + z.rows() + " " + z.cols();
        return "";
    }

    /** Parses and type-checks with the built-in functions. */
    public static Problem typed(String src, String decls) {
        return Problem.of(src, decls);
    }

    public static String parse(String src) { return of(typed(src, "").expr()); }

    public static String parse(String src, String decls) { return of(typed(src, decls).expr()); }
}

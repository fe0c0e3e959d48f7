package io.tracediff.cli;

import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.expr.VarKind;
import io.tracediff.ops.Functions;
import io.tracediff.parse.Declarations;
import io.tracediff.parse.Typer;
import io.tracediff.shape.Shape;
import java.util.List;
import java.util.Map;

/**
 * A typed problem: the expression as written, its declarations, the functions it may call and the
 * shape-checked tree with its variables. Every subcommand starts from one (see {@link ProblemOptions#problem()}).
 */
public record Problem(String source, Declarations declarations, Functions functions, Typer.Result typed) {

    /** Parses and type-checks {@code expr} under the {@code --let} texts; throws UserError on bad input. */
    public static Problem of(String expr, List<String> lets) { return of(expr, lets, Functions.builtin()); }

    /**
     * The one reading every command and the API give an expression. Undeclared a–g are scalars by default,
     * but in a'*exp(X*b) only vectors make the expression a scalar: when the defaults do not give a scalar
     * and reading those names as vectors does, that is the reading.
     */
    public static Problem of(String expr, List<String> lets, Functions functions) {
        Problem first;
        try {
            first = asDeclared(expr, lets, functions);
            if (first.expr().isScalar()) return first;
        } catch (io.tracediff.core.UserError e) {
            first = null;
            if (!(e.getMessage().contains("×"))) throw e; // only shape conflicts may come from the defaults
        }
        Declarations declared = Declarations.parse(lets);
        java.util.Set<String> flexible = new java.util.LinkedHashSet<>();
        List<io.tracediff.parse.Token> tokens = io.tracediff.parse.Lexer.lex(expr);
        for (int i = 0; i < tokens.size(); i++) {
            var t = tokens.get(i);
            boolean call = i + 1 < tokens.size() && tokens.get(i + 1).is("(");
            char c = t.text().isEmpty() ? ' ' : t.text().charAt(0);
            if (t.kind() == io.tracediff.parse.Token.Kind.NAME && !call && c >= 'a' && c <= 'g' && declared.get(t.text()) == null
                    && !declared.isDimName(t.text()))
                flexible.add(t.text());
        }
        if (!flexible.isEmpty()) {
            for (String name : flexible) declared.defaultToVector(name);
            try {
                Problem p = new Problem(expr, declared, functions, Typer.typecheck(expr, declared, functions));
                if (p.expr().isScalar()) return p;
            } catch (io.tracediff.core.UserError ignored) {
                // the vector reading does not type either: report the first reading's problem
            }
        }
        if (first == null) return asDeclared(expr, lets, functions); // rethrows the original error
        return first;
    }

    /** Exactly as declared, a–g scalars by default, with no second reading. */
    public static Problem asDeclared(String expr, List<String> lets, Functions functions) {
        Declarations decls = Declarations.parse(lets);
        return new Problem(expr, decls, functions, Typer.typecheck(expr, decls, functions));
    }

    public Expr expr() { return typed.expr(); }

    /** The variables the expression uses, in order of first appearance, with their inferred shapes. */
    public Map<String, Var> variables() { return typed.variables(); }

    /** A variable's type in --let syntax, so users can copy it: {@code X: matrix(m, n)}. */
    public static String declaration(Var v) { return v.name() + ": " + type(v.kind(), v.shape()); }

    /** {@code scalar}, {@code vector(n)}, {@code matrix(m, n)}, {@code symmetric(n)}, … */
    public static String type(VarKind kind, Shape s) {
        return switch (kind) {
            case SCALAR -> "scalar";
            case VECTOR -> "vector(" + s.rows() + ")";
            case MATRIX -> "matrix(" + s.rows() + ", " + s.cols() + ")";
            case SYMMETRIC, SPD -> kind.word() + "(" + s.rows() + ")";
            case POSITIVE -> s.isScalar() ? "positive" : s.cols().isOne() ? "positive(" + s.rows() + ")"
                    : "positive(" + s.rows() + ", " + s.cols() + ")";
        };
    }

    /** The type of a value of shape {@code s}: scalar, vector(n), row vector(n) or matrix(m, n). */
    public static String type(Shape s) {
        if (s.isScalar()) return "scalar";
        if (s.cols().isOne()) return "vector(" + s.rows() + ")";
        if (s.rows().isOne()) return "row vector(" + s.cols() + ")";
        return "matrix(" + s.rows() + ", " + s.cols() + ")";
    }
}

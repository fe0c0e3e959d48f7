package io.tracediff.api;

import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.expr.VarKind;
import io.tracediff.ops.Functions;
import io.tracediff.parse.Declarations;
import io.tracediff.parse.Lexer;
import io.tracediff.parse.Token;
import io.tracediff.parse.Typer;
import io.tracediff.core.UserError;
import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A typed problem: the expression as written, its declarations, the functions it may call and the
 * shape-checked tree with its variables. Every command and every API caller starts from one, read the one way
 * {@link #of(String, List, Functions)} reads an expression.
 */
public record Problem(String source, Declarations declarations, Functions functions, Typer.Result typed) {

    /** {@code expr} with no declarations and the built-in functions: {@code Problem.of("a'*exp(X*b)")}. */
    public static Problem of(String expr) { return of(expr, List.of(), Functions.builtin()); }

    /** {@code expr} under one declaration text, e.g. {@code Problem.of("x'*A*x", "A: symmetric(n)")}. */
    public static Problem of(String expr, String lets) { return of(expr, List.of(lets), Functions.builtin()); }

    /** Parses and type-checks {@code expr} under the {@code --let} texts; throws UserError on bad input. */
    public static Problem of(String expr, List<String> lets) { return of(expr, lets, Functions.builtin()); }

    /**
     * The one reading every command and the API give an expression. Undeclared a–g are scalars by default,
     * but in a'*exp(X*b) only vectors make the expression a scalar: when the defaults do not give a scalar
     * (or do not fit shapes) and reading those names as vectors gives a scalar, that is the reading.
     */
    public static Problem of(String expr, List<String> lets, Functions functions) {
        Problem first;
        try {
            first = asDeclared(expr, lets, functions);
            if (first.expr().isScalar()) return first;
        } catch (UserError e) {
            if (!(e.getCause() instanceof ShapeException)) throw e; // only shape conflicts may come from the defaults
            first = null;
        }
        Declarations declared = Declarations.parse(lets);
        Set<String> flexible = scalarsByDefault(expr, declared);
        if (!flexible.isEmpty()) {
            for (String name : flexible) declared.defaultToVector(name);
            try {
                Problem p = new Problem(expr, declared, functions, Typer.typecheck(expr, declared, functions));
                if (p.expr().isScalar()) return p;
            } catch (UserError ignored) {
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

    /** Undeclared names a–g used as variables (not called, not dimensions): the names the second reading makes vectors. */
    private static Set<String> scalarsByDefault(String expr, Declarations declared) {
        Set<String> names = new LinkedHashSet<>();
        List<Token> tokens = Lexer.lex(expr);
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            boolean call = i + 1 < tokens.size() && tokens.get(i + 1).is("(");
            char c = t.text().isEmpty() ? ' ' : t.text().charAt(0);
            if (t.kind() == Token.Kind.NAME && !call && c >= 'a' && c <= 'g' && declared.get(t.text()) == null
                    && !declared.isDimName(t.text()))
                names.add(t.text());
        }
        return names;
    }

    public Expr expr() { return typed.expr(); }

    /** The variables the expression uses, in order of first appearance, with their inferred shapes. */
    public Map<String, Var> variables() { return typed.variables(); }

    /** The variables named, in that order without repeats; a name the expression does not use is a UserError. */
    public List<Var> wrt(String... names) { return wrt(List.of(names)); }

    /** As {@link #wrt(String...)}. */
    public List<Var> wrt(List<String> names) {
        List<Var> vars = new ArrayList<>();
        for (String name : names) {
            Var v = variables().get(name);
            if (v == null) throw new UserError(notUsed(name));
            if (!vars.contains(v)) vars.add(v);
        }
        return vars;
    }

    /** "'y' does not occur in x'*A*x; its variables are x, A": why {@code name} cannot be differentiated by. */
    public String notUsed(String name) {
        return "'" + UserError.excerpt(name) + "' does not occur in " + UserError.excerpt(source, 120)
                + (variables().isEmpty() ? "" : "; its variables are " + String.join(", ", variables().keySet()));
    }

    /** This problem, when its value is a vector or matrix (what a Jacobian needs); a scalar is refused, pointing to the gradient. */
    public Problem requireNonScalar() {
        if (expr().isScalar())
            throw new UserError(source + " is a scalar: its Jacobian is the gradient as a row; use tracediff grad (declare vectors with --let \"x: vector(n)\" if a name was meant as one)");
        return this;
    }

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

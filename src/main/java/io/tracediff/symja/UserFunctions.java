package io.tracediff.symja;

import io.tracediff.ops.Functions;
import io.tracediff.ops.ScalarFunction;
import io.tracediff.parse.Parser;
import io.tracediff.parse.Suggest;
import io.tracediff.parse.Syntax;
import io.tracediff.core.UserError;
import io.tracediff.rules.Rule;
import io.tracediff.rules.RuleFileParser;
import io.tracediff.rules.RuleSet;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

/**
 * User-defined elementwise functions ({@code --fn "sp(x) = log(1 + exp(x))"}): the value from the body,
 * the derivative from Symja, written back as a derivative rule so the engine uses it like any built-in.
 */
public final class UserFunctions {
    private UserFunctions() {}

    /** The tables extended with one function, that function, and the derivative rule it was given. */
    public record Defined(Functions functions, RuleSet rules, ScalarFunction function, Rule derivative) {}

    private static final java.util.regex.Pattern HEAD =
            java.util.regex.Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\(\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\)\\s*");
    private static final java.util.regex.Pattern LOOSE_HEAD =
            java.util.regex.Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\((.*)\\)\\s*", java.util.regex.Pattern.DOTALL);

    /** Names the engine or the language gives a meaning of their own. */
    private static final Set<String> RESERVED = reserved();

    private static Set<String> reserved() {
        Set<String> s = new TreeSet<>(io.tracediff.ops.Operators.functionNames());
        s.addAll(Functions.builtin().names());
        s.addAll(List.of("d", "rows", "cols", "unvec"));   // engine calls in rule files, and unvec(v, m, n)
        return s;
    }

    private static final Map<String, Character> OPERATORS = Map.of(
            "+", '+', "-", '-', "*", '*', "/", '/', "^", '^', ".*", '*', "./", '/', ".^", '^');

    private record Head(String name, String parameter) {}

    /** Where the body first calls something without a symbolic derivative (directly, or inside user function {@code via}). */
    private record NonSymbolic(String function, String via, int start, int end) {}

    /**
     * Defines one function. Its derivative is the rule of that name already in {@code rules} (a user's
     * rules file wins), else D of the body from Symja, simplified, as an elementwise expression in x.
     */
    public static Defined define(String definition, Functions functions, RuleSet rules) {
        int eq = definition.indexOf('=');
        if (eq < 0)
            throw UserError.at("a function definition needs '=': name(x) = body, e.g. sp(x) = log(1 + exp(x))", definition, 0, definition.length());
        Head head = head(definition, eq, functions);
        int bodyChars = definition.length() - eq - 1;
        io.tracediff.limits.Limit.FUNCTION_CHARS.check(bodyChars, "the body of " + head.name() + " has " + bodyChars + " characters");
        if (definition.substring(eq + 1).isBlank())
            throw UserError.at("nothing after '='; write the body, e.g. sp(x) = log(1 + exp(x))", definition, eq, eq + 1);
        // The body is parsed in place (the head blanked out) so every caret lands on the definition as typed.
        String padded = definition.substring(0, eq + 1).replaceAll("[^\n]", " ") + definition.substring(eq + 1);
        Syntax syntax;
        try {
            syntax = Parser.parse(padded);
        } catch (UserError e) {
            throw relocated(e, padded, definition);
        }
        Reader reader = new Reader(definition, head, functions);
        Term body = reader.read(syntax);

        UserFunction value = new UserFunction(head.name(), head.parameter(), body, Terms.compile(body));
        // Every facet from the body: Symja input (when it is smooth) and the autograd twin, so check runs it too.
        String symja = Terms.firstNonSymbolic(body) == null ? Terms.symja(body, "(%s)") : null;
        ScalarFunction fn = new ScalarFunction(head.name(), value, "\\operatorname{" + head.name().replace("_", "\\_") + "}", Terms.java(body),
                head.name(), symja, Terms.autograd(body));
        Functions extended = functions.copy();
        extended.add(fn);

        Rule given = rules.derivative(head.name());
        if (given != null) return new Defined(extended, rules, fn, given);
        if (reader.nonSymbolic != null) throw cannotDifferentiate(definition, head, reader.nonSymbolic);
        Rule derivative = symbolicDerivative(definition, head, body);
        return new Defined(extended, rules.with(derivative), fn, derivative);
    }

    private static Head head(String definition, int eq, Functions functions) {
        String text = definition.substring(0, eq);
        Matcher m = HEAD.matcher(text);
        if (!m.matches()) {
            Matcher loose = LOOSE_HEAD.matcher(text);
            if (loose.matches()) {
                int from = loose.start(2), to = loose.end(2);
                if (loose.group(2).isBlank())
                    throw UserError.at("name the parameter: " + loose.group(1) + "(x) = …", definition, from - 1, to + 1);
                if (loose.group(2).contains(","))
                    throw UserError.at("a function takes exactly one parameter (it is applied entry by entry)", definition, from, to);
                throw UserError.at("the parameter must be a name, such as x", definition, from, to);
            }
            int start = text.length() - text.stripLeading().length();
            throw UserError.at("expected name(x) before '=', e.g. sp(x) = log(1 + exp(x))", definition, start, Math.max(start + 1, text.stripTrailing().length()));
        }
        String name = m.group(1);
        int from = m.start(1), to = m.end(1);
        if (!Character.isLetter(name.charAt(0)))
            throw UserError.at("a function name starts with a letter", definition, from, to);
        if (RESERVED.contains(name))
            throw UserError.at("'" + name + "' is a built-in function; choose another name", definition, from, to);
        if (functions.get(name).isPresent())
            throw UserError.at("'" + name + "' is already defined; choose another name", definition, from, to);
        return new Head(name, m.group(2));
    }

    /** Syntax → Term, refusing anything that is not a scalar function of the parameter. */
    private static final class Reader {
        private final String definition;
        private final Head head;
        private final Functions functions;
        NonSymbolic nonSymbolic;

        Reader(String definition, Head head, Functions functions) {
            this.definition = definition;
            this.head = head;
            this.functions = functions;
        }

        private UserError error(String message, int start, int end) { return UserError.at(message, definition, start, end); }

        Term read(Syntax s) {
            if (s instanceof Syntax.Number n) {
                BigDecimal v;
                try {
                    v = new BigDecimal(n.text());
                } catch (NumberFormatException e) {
                    v = io.tracediff.expr.Num.shortestDecimal(n.value());
                }
                return new Term.Num(v);
            }
            if (s instanceof Syntax.Name n) {
                if (n.name().equals(head.parameter())) return new Term.Param();
                throw error("'" + n.name() + "' is not the parameter of " + head.name() + "; the body may use only "
                        + head.parameter() + ", numbers and elementwise functions", n.start(), n.end());
            }
            if (s instanceof Syntax.Unary u) return new Term.Neg(read(u.arg()));
            if (s instanceof Syntax.Postfix p)
                throw error("a transpose has no meaning in a scalar function", p.opStart(), p.opEnd());
            if (s instanceof Syntax.Binary b) {
                Character op = OPERATORS.get(b.op());
                if (op == null) throw error("'" + b.op() + "' cannot appear in a scalar function", b.opStart(), b.opEnd());
                return new Term.Bin(op, read(b.left()), read(b.right()));
            }
            Syntax.Call c = (Syntax.Call) s;
            String name = c.name();
            if (name.equals(head.name()))
                throw error(name + " cannot call itself (no recursive definitions)", c.start(), c.opEnd());
            ScalarFunction fn = functions.get(name).orElse(null);
            if (fn == null) {
                if (RESERVED.contains(name))
                    throw error("'" + name + "' is a matrix function; a function body may use only elementwise functions, + - * / ^ and numbers", c.start(), c.opEnd());
                String hint = Suggest.nearest(name, functions.names());
                throw error("unknown function '" + name + "'" + (hint == null ? "" : "; did you mean '" + hint + "'?"), c.start(), c.opEnd());
            }
            if (c.args().size() != 1) throw error(name + " takes one argument, got " + c.args().size(), c.start(), c.opEnd());
            if (nonSymbolic == null) {
                if (fn.value() instanceof UserFunction u) {
                    String inner = Terms.firstNonSymbolic(u.body());
                    if (inner != null) nonSymbolic = new NonSymbolic(inner, name, c.start(), c.opEnd());
                } else if (fn.symja() == null) nonSymbolic = new NonSymbolic(name, null, c.start(), c.opEnd());
            }
            return new Term.Call(fn, read(c.args().get(0)));
        }
    }

    private static UserError cannotDifferentiate(String definition, Head head, NonSymbolic n) {
        String what = n.via() == null ? n.function() : n.via() + " (which uses " + n.function() + ")";
        return UserError.at("cannot differentiate " + head.name() + " symbolically: " + what + " has no symbolic derivative; "
                + "give one in a rules file (--rules DIR), a line like  " + head.name() + ": " + head.name() + "'(x) = … ; source",
                definition, n.start(), n.end());
    }

    /** D of the body by Symja, the shorter of D's own form and its simplification, as an elementwise rule. */
    private static Rule symbolicDerivative(String definition, Head head, Term body) {
        String rhs = SymjaService.get().derivative(definition, head.name(), Terms.symja(body, "x"));
        // Zero keeps the shape of its argument, as in the built-in table (sign'(x) = 0 * x); other constants broadcast.
        if (rhs.equals("0")) rhs = "0 * x";
        String source = "Symja D of " + definition.substring(definition.indexOf('=') + 1).strip().replaceAll("\\s+", " ");
        String line = head.name() + ": " + head.name() + "'(x) = " + rhs + " ; " + source;
        List<Rule> parsed;
        try {
            parsed = RuleFileParser.parse(line, "--fn");
        } catch (UserError e) {
            // Exact arithmetic can give a constant past double range (10^400 x): the user's scale, not a bug.
            if (String.valueOf(e.getMessage()).contains("too large for a double"))
                throw new UserError("the derivative of " + head.name() + " has a constant too large for a double ("
                        + UserError.excerpt(rhs, 60) + "); scale the definition so its constants stay below 1.8e308");
            throw new IllegalStateException("the derivative of " + head.name() + " was written as a rule tracediff cannot read: " + line, e);
        }
        return parsed.get(0);
    }

    /** A parser error on the padded body, its caret redrawn under the definition as the user wrote it. */
    private static UserError relocated(UserError e, String padded, String definition) {
        String[] lines = e.getMessage().split("\n", -1);
        int n = lines.length;
        if (n < 3 || !lines[n - 1].startsWith("  ") || !lines[n - 2].startsWith("  ")) return e;
        String shown = lines[n - 2].substring(2), carets = lines[n - 1].substring(2);
        int col = carets.indexOf('^');
        if (col < 0) return e;
        int width = carets.length() - col;
        String problem = String.join("\n", java.util.Arrays.copyOf(lines, n - 2));
        if (!shown.startsWith("…")) return UserError.at(problem, definition, col, col + width);
        // A long body is shown as a window: find where it starts, checking by drawing the same caret again.
        String core = shown.substring(1, shown.endsWith("…") ? shown.length() - 1 : shown.length());
        String drawn = lines[n - 2] + "\n" + lines[n - 1];
        for (int from = padded.indexOf(core); from >= 0; from = padded.indexOf(core, from + 1)) {
            int start = from + col - 1;
            if (UserError.caret(padded, start, start + width).equals(drawn)) return UserError.at(problem, definition, start, start + width);
        }
        return e;
    }

    /**
     * A user-defined function's body as source for another code target, with %s for the argument: {@code call}
     * writes a built-in function applied to argument text, {@code pow} a power; user functions it calls are inlined.
     * Null when {@code fn} is built in. (Recursive on the body, as {@link Terms} is: bodies are one definition line.)
     */
    public static String body(ScalarFunction fn, java.util.function.BiFunction<ScalarFunction, String, String> call,
                              java.util.function.BinaryOperator<String> pow) {
        if (!(fn.value() instanceof UserFunction u)) return null;
        return render(u.body(), "(%s)", call, pow);
    }

    private static String render(Term t, String param, java.util.function.BiFunction<ScalarFunction, String, String> call,
                                 java.util.function.BinaryOperator<String> pow) {
        if (t instanceof Term.Num n) {
            double v = n.value().doubleValue();
            return v < 0 ? "(" + io.tracediff.expr.Num.shortestText(v) + ")" : io.tracediff.expr.Num.shortestText(v);
        }
        if (t instanceof Term.Param) return param;
        if (t instanceof Term.Call c) {
            String arg = render(c.arg(), param, call, pow);
            if (c.fn().value() instanceof UserFunction u) return render(u.body(), "(" + arg + ")", call, pow);
            return call.apply(c.fn(), arg);
        }
        if (t instanceof Term.Neg n) return "(-" + render(n.arg(), param, call, pow) + ")";
        Term.Bin b = (Term.Bin) t;
        String l = render(b.left(), param, call, pow), r = render(b.right(), param, call, pow);
        return b.op() == '^' ? pow.apply(l, r) : "(" + l + " " + b.op() + " " + r + ")";
    }
}

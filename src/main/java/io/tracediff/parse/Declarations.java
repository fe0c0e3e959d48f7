package io.tracediff.parse;

import io.tracediff.core.UserError;
import io.tracediff.expr.VarKind;
import io.tracediff.shape.Dim;
import io.tracediff.shape.Shape;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Variable declarations: {@code X: matrix(n, m); a: vector(n); lam: scalar; S: symmetric(n)}, also
 * {@code spd(n)} (symmetric positive definite) and {@code positive}, {@code positive(n)}, {@code positive(m, n)}.
 */
public final class Declarations {
    public record Decl(String name, VarKind kind, Shape shape) {}

    /** Compiled when there are declarations to read, not at start-up: most command lines have none. */
    private static final class Patterns {
        static final Pattern ONE = Pattern.compile(
                "\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*:\\s*([A-Za-z]+)\\s*(?:\\(\\s*([^)]*)\\))?\\s*");
        static final Pattern DIM = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*|[1-9][0-9]*");
    }

    private final Map<String, Decl> decls = new LinkedHashMap<>();
    private final Set<String> dimNames = new LinkedHashSet<>();

    public static Declarations none() { return new Declarations(); }

    public static Declarations parse(String text) {
        Declarations d = new Declarations();
        d.addAll(text);
        return d;
    }

    public static Declarations parse(List<String> texts) {
        Declarations d = new Declarations();
        for (String t : texts) d.addAll(t);
        return d;
    }

    public void addAll(String text) {
        io.tracediff.limits.Limit.EXPRESSION_CHARS.check(text.length(), "a declaration text (--let or the problem file) has " + text.length() + " characters");
        int offset = 0;
        for (String part : text.split("[;\\n]", -1)) {
            if (!part.isBlank()) add(part, text, offset);
            offset += part.length() + 1;
        }
    }

    private void add(String part, String text, int offset) {
        Matcher m = Patterns.ONE.matcher(part);
        int lead = part.length() - part.stripLeading().length();
        if (!m.matches())
            throw UserError.at("malformed declaration; expected name: type, e.g. X: matrix(n, m); a: vector(n); lam: scalar",
                    text, offset + lead, offset + part.stripTrailing().length());
        String name = m.group(1), type = m.group(2);
        // A trailing comma (vector(n,)) is an empty dimension, not none: split keeps it.
        String[] args = m.group(3) == null || m.group(3).isBlank() ? new String[0] : m.group(3).split(",", -1);
        Dim[] dims = new Dim[args.length];
        int argStart = m.group(3) == null ? 0 : m.start(3);
        for (int i = 0; i < args.length; i++) {
            String a = args[i].strip();
            if (a.isEmpty()) {
                int at = offset + argStart;
                throw UserError.at("an empty dimension in " + type + "(…) (an extra comma?); write " + type + "(n)"
                        + (type.equals("matrix") ? " or matrix(m, n)" : ""), text, at, at + Math.max(1, args[i].length()));
            }
            argStart += args[i].length() + 1;
            if (!Patterns.DIM.matcher(a).matches())
                throw UserError.at("a dimension is a positive whole number or a name, not '" + UserError.excerpt(a) + "'", text, offset + part.indexOf(a), offset + part.indexOf(a) + Math.max(1, a.length()));
            int at = offset + part.indexOf(a);
            if (Character.isDigit(a.charAt(0))) dims[i] = Dim.of(literalSize(a, text, at));
            else {
                if (decls.containsKey(a) || a.equals(name))
                    throw UserError.at("'" + a + "' is a variable, so it cannot also name a dimension; use another name, e.g. " + name + ": "
                            + type + "(" + (a.equals("k") ? "m" : "k") + ")", text, at, at + a.length());
                dims[i] = Dim.sym(a);
            }
        }
        if (List.of("rows", "cols", "unvec").contains(name))   // not functions of the language: words of the rule files
            throw UserError.at("'" + name + "' is a word the rule files use (rows(?A), cols(?A), unvec), so it cannot name a variable; "
                    + "use another name, e.g. " + name + "_1", text, offset + lead, offset + lead + name.length());
        if (RESERVED.contains(name))
            throw UserError.at("'" + name + "' is a built-in function or constructor, so it cannot name a variable; use another name, e.g. "
                    + name + "_1", text, offset + lead, offset + lead + name.length());
        if (dimNames.contains(name))
            throw UserError.at("'" + name + "' already names a dimension, so it cannot also name a variable; use another name",
                    text, offset + lead, offset + lead + name.length());
        for (Dim dim : dims) if (dim instanceof Dim.Sym sym) dimNames.add(sym.name());
        Decl d = switch (type + "/" + dims.length) {
            case "scalar/0" -> new Decl(name, VarKind.SCALAR, Shape.SCALAR);
            case "vector/1" -> new Decl(name, VarKind.VECTOR, Shape.vector(dims[0]));
            case "matrix/2" -> new Decl(name, VarKind.MATRIX, Shape.of(dims[0], dims[1]));
            case "matrix/1" -> new Decl(name, VarKind.MATRIX, Shape.of(dims[0], dims[0]));
            case "symmetric/1" -> new Decl(name, VarKind.SYMMETRIC, Shape.of(dims[0], dims[0]));
            case "spd/1" -> new Decl(name, VarKind.SPD, Shape.of(dims[0], dims[0]));
            case "positive/0" -> new Decl(name, VarKind.POSITIVE, Shape.SCALAR);
            case "positive/1" -> new Decl(name, VarKind.POSITIVE, Shape.vector(dims[0]));
            case "positive/2" -> new Decl(name, VarKind.POSITIVE, Shape.of(dims[0], dims[1]));
            default -> throw UserError.at("unknown type '" + UserError.excerpt(type + (dims.length > 0 ? "(" + m.group(3) + ")" : ""))
                    + "'; the types are scalar, vector(n), matrix(m, n), symmetric(n), spd(n), positive, positive(n), positive(m, n)",
                    text, offset + m.start(2), offset + m.end(2));
        };
        Decl before = decls.get(name);
        if (before != null && !before.equals(d))
            throw UserError.at("'" + name + "' is declared twice, as " + before.kind().word() + " " + before.shape() + " and as "
                    + d.kind().word() + " " + d.shape(), text, offset + lead, offset + part.stripTrailing().length());
        decls.put(name, d);
    }

    /** A dimension written as a number: a whole number from 1 to the entries limit (no int overflow on 20 digits). */
    private static int literalSize(String a, String text, int at) {
        long max = io.tracediff.limits.Limit.MATRIX_ENTRIES.value();
        if (a.length() > 19 || Long.parseLong(a) > max)
            throw UserError.at("dimension " + (a.length() > 24 ? a.substring(0, 20) + "… (" + a.length() + " digits)" : a)
                    + " is larger than a matrix may be; " + io.tracediff.limits.Limit.MATRIX_ENTRIES.explain(), text, at, at + a.length());
        return (int) Long.parseLong(a);
    }

    /** Names with a meaning of their own in the language: functions, constructors, and what rule files call. */
    private static final Set<String> RESERVED = reserved();

    private static Set<String> reserved() {
        Set<String> s = new java.util.TreeSet<>(io.tracediff.ops.Operators.functionNames());
        s.addAll(io.tracediff.ops.Functions.builtin().names());
        s.addAll(List.of("rows", "cols", "unvec"));   // d(…) is the differential in rule files only: d stays a name
        return java.util.Collections.unmodifiableSet(s);
    }

    /** Whether a variable may not be called {@code name} (exp, tr, eye, …). */
    public static boolean reserved(String name) { return RESERVED.contains(name); }

    public Decl get(String name) { return decls.get(name); }

    private final Set<String> vectorDefaults = new LinkedHashSet<>();

    /** An undeclared a–g name that is to default to a vector (of inferred length) instead of a scalar. */
    public void defaultToVector(String name) { vectorDefaults.add(name); }

    public boolean defaultsToVector(String name) { return vectorDefaults.contains(name); }

    public Map<String, Decl> all() { return decls; }

    public boolean isDimName(String name) { return dimNames.contains(name); }
}

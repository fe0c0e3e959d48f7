package io.tracediff.rules;

import io.tracediff.parse.Parser;
import io.tracediff.parse.Syntax;
import io.tracediff.core.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Reads rule files: {@code name: LHS = RHS ; source}, {@code name: LHS -> RHS ; source} or
 * {@code name: LHS ~> RHS ; source}, one a line, {@code #} comments; {@code ; if CONDITION [and …]} before the
 * source restricts a rule to matches where the {@link Condition}s hold. The kind of a rule follows from its form,
 * so any file may hold any kind. Mistakes are user errors naming the file, the line and the token.
 */
public final class RuleFileParser {
    /** Compiled when a rule line is parsed, not when the engine asks only for {@link #terms}: a cold regex costs milliseconds. */
    private static final class Derivative {
        static final java.util.regex.Pattern PATTERN = java.util.regex.Pattern.compile("\\s*([A-Za-z][A-Za-z0-9_]*)'\\(\\s*x\\s*\\)\\s*");
    }

    private RuleFileParser() {}

    public static List<Rule> parse(String text, String fileName) {
        List<Rule> rules = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            if (line.isBlank() || line.stripLeading().startsWith("#")) continue;
            String where = fileName + ":" + (i + 1);
            try {
                rules.add(parseLine(line, where));
            } catch (UserError e) {
                throw new UserError(where + ": " + e.getMessage());
            }
        }
        return rules;
    }

    static Rule parseLine(String line, String where) {
        // \s*([A-Za-z0-9_.'-]+)\s*:(.*) scanned by hand: a regex run cold costs a tenth of a CLI start.
        int i = 0, n = line.length();
        while (i < n && Character.isWhitespace(line.charAt(i))) i++;
        int nameStart = i;
        while (i < n && isNameChar(line.charAt(i))) i++;
        int nameEnd = i;
        while (i < n && Character.isWhitespace(line.charAt(i))) i++;
        if (nameEnd == nameStart || i >= n || line.charAt(i) != ':') throw UserError.at("expected 'name: rule ; source'", line, 0, line.length());
        String name = line.substring(nameStart, nameEnd);
        int bodyStart = i + 1;
        int semi = line.indexOf(';', bodyStart); // a rule has no ";", a source may
        if (semi < bodyStart) throw UserError.at("missing '; source' (say where the rule comes from)", line, line.length(), line.length() + 1);
        int bodyEnd = semi;
        String source = line.substring(semi + 1).strip();
        List<Condition> conditions = List.of();
        if (source.startsWith("if ") || source.startsWith("if\t")) {
            int next = line.indexOf(';', semi + 1);
            if (next < 0) throw UserError.at("missing '; source' after the condition", line, line.length(), line.length() + 1);
            String cond = line.substring(line.indexOf("if", semi) + 2, next);
            try {
                conditions = conditions(cond);
            } catch (UserError e) {
                throw UserError.at(e.getMessage(), line, semi + 1, next);
            }
            source = line.substring(next + 1).strip();
            semi = next;
        }
        if (source.isEmpty()) throw UserError.at("empty source after ';'", line, semi, semi + 1);
        String body = line.substring(bodyStart, bodyEnd);
        Rule.Kind kind;
        int at;
        String arrow;
        if ((at = body.indexOf("<->")) >= 0) { kind = Rule.Kind.EQUIVALENCE; arrow = "<->"; }
        else if ((at = body.indexOf("~>")) >= 0) { kind = Rule.Kind.SIMPLIFY_IF_SMALLER; arrow = "~>"; }
        else if ((at = body.indexOf("->")) >= 0) { kind = Rule.Kind.SIMPLIFY; arrow = "->"; }
        else if ((at = body.indexOf('=')) >= 0) { kind = null; arrow = "="; }
        else throw UserError.at("expected '=', '->' or '~>' between the two sides", line, bodyStart, bodyEnd);
        String lhsText = body.substring(0, at), rhsText = body.substring(at + arrow.length());
        int rhsOffset = bodyStart + at + arrow.length();
        Matcher d = Derivative.PATTERN.matcher(lhsText);
        if (kind == null && d.matches()) {
            Pattern rhs = pattern(rhsText, line, rhsOffset, true);
            return new Rule(name, Rule.Kind.DERIVATIVE, new Pattern.Call(d.group(1), List.of(new Pattern.Var("x"))), rhs, source, where, body.strip());
        }
        Pattern lhs = pattern(lhsText, line, bodyStart, false), rhs = pattern(rhsText, line, rhsOffset, false);
        if (kind == null) {
            if (lhs instanceof Pattern.Call c && c.name().equals("d")) kind = Rule.Kind.DIFFERENTIAL;
            else if (isTraceMover(lhs, rhs)) kind = Rule.Kind.TRACE;
            else if (lhs instanceof Pattern.App a && a.key().equals("tr")) kind = Rule.Kind.TRACE_IDENTITY;
            else if (isVecMover(lhs, rhs)) kind = Rule.Kind.VEC;
            else throw UserError.at("an '=' rule is d(…) = …, tr(…) = …, vec(…) = R * vec(?Z) + … or f'(x) = …", line, bodyStart, bodyStart + lhsText.length());
        }
        var unbound = new java.util.LinkedHashSet<>(rhs.variables());
        unbound.removeAll(lhs.variables());
        if (!unbound.isEmpty())
            throw UserError.at("the right side uses ?" + String.join(", ?", unbound) + ", which the left side does not bind", line, rhsOffset, bodyEnd);
        if (kind == Rule.Kind.SIMPLIFY && !rhs.equals(lhs) && contains(rhs, lhs))
            // Applied wherever it matches, it would match again inside its own result: the tree doubles until memory or time runs out.
            throw new UserError("the rule '" + name + "' rewrites " + lhsText.strip() + " to a form that contains " + lhsText.strip()
                    + " again, so rewriting never ends; a '->' rule's right side must not contain its left side: write it with '~>' "
                    + "(used only where the result is shorter) or '<->' (explored by the e-graph only)");
        if (!conditions.isEmpty()) {
            // Trace moves take the first rule whose pattern matches; a differential, the first whose conditions also hold.
            if (kind == Rule.Kind.TRACE)
                throw UserError.at("a condition applies to '->', '~>', d(…), vec and tr identity rules, not to trace-move rules", line, semi, line.length());
            var unread = new java.util.LinkedHashSet<String>();
            for (Condition c : conditions) unread.addAll(c.variables());
            unread.removeAll(lhs.variables());
            if (!unread.isEmpty())
                throw UserError.at("the condition reads ?" + String.join(", ?", unread) + ", which the left side does not bind", line, semi, line.length());
        }
        return new Rule(name, kind, lhs, rhs, source, where, body.strip(), conditions);
    }

    /** Whether {@code target} occurs in {@code p} (p itself included). */
    private static boolean contains(Pattern p, Pattern target) {
        if (p.equals(target)) return true;
        List<Pattern> args = p instanceof Pattern.App a ? a.args() : p instanceof Pattern.Call c ? c.args() : List.of();
        for (Pattern q : args) if (contains(q, target)) return true;
        return false;
    }

    private static boolean isNameChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '\'' || c == '-';
    }

    /** tr(?L * M) = tr(R * ?Z) (+ …): a step that moves the differential out of M. */
    static boolean isTraceMover(Pattern lhs, Pattern rhs) {
        if (!(lhs instanceof Pattern.App tr && tr.key().equals("tr") && tr.args().get(0) instanceof Pattern.App prod
                && prod.key().equals("*") && prod.args().get(0) instanceof Pattern.Var)) return false;
        for (Pattern term : terms(rhs)) if (moverTerm(term) == null) return false;
        return true;
    }

    /** vec(M) = R * vec(?Z) (+ …), a term possibly just vec(?Z): a step that moves the differential out of vec(M). */
    static boolean isVecMover(Pattern lhs, Pattern rhs) {
        if (!(lhs instanceof Pattern.App v && v.key().equals("vec"))) return false;
        for (Pattern term : terms(rhs)) if (vecOperand(term) == null) return false;
        return true;
    }

    /** For a term R * vec(?Z) or vec(?Z), the variable ?Z; null when the term is not of that form. */
    public static Pattern.Var vecOperand(Pattern term) {
        if (term instanceof Pattern.App p && p.key().equals("*") && p.args().size() == 2) term = p.args().get(1);
        if (term instanceof Pattern.App v && v.key().equals("vec") && v.args().get(0) instanceof Pattern.Var z) return z;
        return null;
    }

    /** The terms of a sum of traces. */
    public static List<Pattern> terms(Pattern rhs) {
        List<Pattern> out = new ArrayList<>();
        var stack = new java.util.ArrayDeque<Pattern>();
        stack.push(rhs);
        while (!stack.isEmpty()) {
            Pattern p = stack.pop();
            if (p instanceof Pattern.App a && a.key().equals("+")) { stack.push(a.args().get(1)); stack.push(a.args().get(0)); }
            else out.add(p);
        }
        return out;
    }

    /** For a term tr(R * ?Z), the pair (R, Z); null when the term is not of that form. */
    static Pattern.App moverTerm(Pattern term) {
        if (term instanceof Pattern.App tr && tr.key().equals("tr") && tr.args().get(0) instanceof Pattern.App prod
                && prod.key().equals("*") && prod.args().get(1) instanceof Pattern.Var) return prod;
        return null;
    }

    /** Parses one side with the expression parser, then reads it as a pattern. */
    static Pattern pattern(String text, String line, int offset, boolean derivative) {
        Syntax s;
        try {
            s = Parser.parse(text);
        } catch (UserError e) {
            throw new UserError(e.getMessage().lines().findFirst().orElse("") + " in '" + text.strip() + "'");
        }
        return toPattern(s, text, derivative);
    }

    private static Pattern toPattern(Syntax s, String text, boolean derivative) {
        if (s instanceof Syntax.Number n) return new Pattern.Num(n.value());
        if (s instanceof Syntax.Name n) {
            if (n.name().startsWith("?")) return new Pattern.Var(n.name().substring(1));
            if (derivative && n.name().equals("x")) return new Pattern.Var("x");
            throw UserError.at("'" + n.name() + "' is not a pattern variable (write ?" + n.name() + ")", text, n.start(), n.end());
        }
        if (s instanceof Syntax.Unary u) return new Pattern.App("neg", List.of(toPattern(u.arg(), text, derivative)));
        if (s instanceof Syntax.Postfix p) return new Pattern.App("'", List.of(toPattern(p.arg(), text, derivative)));
        if (s instanceof Syntax.Binary b)
            return new Pattern.App(b.op(), List.of(toPattern(b.left(), text, derivative), toPattern(b.right(), text, derivative)));
        Syntax.Call c = (Syntax.Call) s;
        List<Pattern> args = new ArrayList<>();
        for (Syntax a : c.args()) args.add(toPattern(a, text, derivative));
        String name = c.name();
        boolean engineCall = name.equals("d") || name.equals("rows") || name.equals("cols") || name.startsWith("?");
        if (name.startsWith("?") && name.endsWith("'") && !name.startsWith("?f"))
            throw UserError.at("only ?f names a function", text, c.start(), c.opEnd());
        return engineCall ? new Pattern.Call(name, args) : new Pattern.App(name, args);
    }

    /** Compiled when a condition is parsed, not at start-up (see {@link Derivative}). */
    private static final class Conditions {
        static final java.util.regex.Pattern PROPERTY = java.util.regex.Pattern.compile("(not\\s+)?([a-z]+)\\(\\s*\\?([A-Za-z][A-Za-z0-9_]*)\\s*\\)");
        static final java.util.regex.Pattern SIZE = java.util.regex.Pattern.compile("(rows|cols)\\(\\s*\\?([A-Za-z][A-Za-z0-9_]*)\\s*\\)|([0-9]+)");
    }

    /** Parses {@code COND and COND …} (the text after {@code if}); a user error names what is wrong. */
    static List<Condition> conditions(String text) {
        List<Condition> out = new ArrayList<>();
        for (String part : text.strip().split("\\s+and\\s+")) {
            String c = part.strip();
            Matcher p = Conditions.PROPERTY.matcher(c);
            if (p.matches() && !p.group(2).equals("rows") && !p.group(2).equals("cols")) {
                if (!Condition.Property.NAMES.contains(p.group(2)))
                    throw new UserError("unknown condition '" + p.group(2) + "' in 'if " + text.strip() + "' (known: " + String.join(", ", Condition.Property.NAMES)
                            + ", and rows(?A) = cols(?B))");
                out.add(new Condition.Property(p.group(2), p.group(3), p.group(1) != null));
                continue;
            }
            String[] sides = c.split("!=|=", 2);
            if (sides.length == 2) {
                Condition.Size l = size(sides[0]), r = size(sides[1]);
                if (l != null && r != null) { out.add(new Condition.SameSize(l, r, !c.contains("!="))); continue; }
            }
            throw new UserError("cannot read the condition '" + c + "': write e.g. 'if cols(?B) = 1', 'if symmetric(?A)' or 'if not scalar(?A)'");
        }
        return List.copyOf(out);
    }

    private static Condition.Size size(String text) {
        Matcher m = Conditions.SIZE.matcher(text.strip());
        if (!m.matches()) return null;
        if (m.group(3) != null && Integer.parseInt(m.group(3)) < 1) return null; // a dimension is at least 1
        return m.group(3) != null ? new Condition.Size(null, null, Integer.parseInt(m.group(3))) : new Condition.Size(m.group(1), m.group(2), 0);
    }
}

package io.tracediff.parse;

import io.tracediff.core.UserError;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive descent over the matrixcalculus.org grammar, loosest to tightest:
 * {@code + -}; {@code * / .* ./}; unary minus; {@code ^ .^} (right-associative); postfix {@code '}.
 * The infix levels are the operator registry's ({@link io.tracediff.ops.Operators}), so a registered operator parses.
 * Nesting depth is capped so hostile input gets a message, not a StackOverflowError.
 */
public final class Parser {
    public static final int MAX_DEPTH = io.tracediff.limits.Limit.NESTING_DEPTH.intValue();

    private final String src;
    private final List<Token> tokens;
    private int pos;
    private int depth;

    private Parser(String src) {
        io.tracediff.limits.Limit.EXPRESSION_CHARS.check(src.length(), "the expression has " + src.length() + " characters");
        this.src = src;
        this.tokens = Lexer.lex(src);
    }

    public static Syntax parse(String src) {
        Parser p = new Parser(src);
        if (p.peek().kind() == Token.Kind.END) throw new UserError("empty expression");
        Syntax e = p.expr();
        Token t = p.peek();
        if (t.kind() != Token.Kind.END) {
            String hint = t.is(")") ? "unbalanced ')': no '(' opens it" : "expected an operator or the end of the expression but found " + t.describe();
            throw UserError.at(hint, src, t.start(), t.end());
        }
        return e;
    }

    private Token peek() { return tokens.get(pos); }

    private Token next() { return tokens.get(pos++); }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            Token t = peek();
            // a bracket or a call is two levels of the parser (its expression and its operand), what a reader counts is brackets
            throw UserError.at("expression nests too deeply (more than " + MAX_DEPTH + " parser levels, about " + MAX_DEPTH / 2
                    + " nested brackets or calls); raise the limit with TRACEDIFF_JAVA_OPTS=-D"
                    + io.tracediff.limits.Limit.NESTING_DEPTH.property() + "=N", src, t.start(), t.end());
        }
    }

    /** The registry's grammar as it stood when this parse began (one read: a registration mid-parse is not seen). */
    private final io.tracediff.ops.Operators.Grammar grammar = io.tracediff.ops.Operators.grammar();
    /** The infix precedence levels, loosest first, from the operator registry. */
    private final int[] levels = grammar.levels();
    private final java.util.Map<String, io.tracediff.ops.Operators.Syntax.Infix> infix = grammar.infix();
    /** Where the prefix minus binds: tighter than the levels below it, looser than those above. */
    private final int prefixLevel = prefixPrecedence(grammar.prefix().get("-"));

    private static int prefixPrecedence(io.tracediff.ops.Operators.Entry minus) {
        return minus != null && minus.syntax() instanceof io.tracediff.ops.Operators.Syntax.Prefix p ? p.precedence() : 0;
    }

    private Syntax expr() {
        enter();
        Syntax left = level(0);
        depth--;
        return left;
    }

    /** The infix operator at {@code levels[i]} the next token is, or null. */
    private io.tracediff.ops.Operators.Syntax.Infix infixAt(int i) {
        Token t = peek();
        if (t.kind() != Token.Kind.OP) return null;
        var op = infix.get(t.text());
        return op != null && op.precedence() == levels[i] ? op : null;
    }

    /** Operators binding at levels[i] or tighter; a level above the prefix minus takes a signed right operand (2^-1). */
    private Syntax level(int i) {
        Syntax left = operand(i);
        io.tracediff.ops.Operators.Syntax.Infix op;
        while ((op = infixAt(i)) != null) {
            if (op.rightAssociative()) {
                enter();
                Token t = next();
                Syntax right = levels[i] > prefixLevel ? unary() : level(i);
                depth--;
                left = new Syntax.Binary(t.text(), left, right, t.start(), t.end());
            } else {
                Token t = next();
                left = new Syntax.Binary(t.text(), left, operand(i), t.start(), t.end());
            }
        }
        return left;
    }

    /** An operand of the operators at levels[i]: the next level, with the prefix minus in between where it binds there. */
    private Syntax operand(int i) {
        boolean prefixNext = levels[i] < prefixLevel && (i + 1 == levels.length || levels[i + 1] > prefixLevel);
        if (prefixNext) return unary();
        return i + 1 < levels.length ? level(i + 1) : postfix();
    }

    private Syntax unary() {
        var prefix = peek().kind() == Token.Kind.OP ? grammar.prefix().get(peek().text()) : null;
        if (prefix != null || peek().is("+")) {
            enter();
            Token op = next();
            boolean literal = peek().kind() == Token.Kind.NUMBER;
            Syntax arg = unary();
            depth--;
            if (prefix == null) return arg; // +x is x
            // -2 is the number −2, so printing it back gives the same tree; -(2) stays a negation.
            if (literal && arg instanceof Syntax.Number n) return new Syntax.Number(-n.value(), "-" + n.text(), op.start(), n.end());
            return new Syntax.Unary(prefix.name(), arg, op.start());
        }
        for (int i = 0; i < levels.length; i++) if (levels[i] > prefixLevel) return level(i);
        return postfix();
    }

    private Syntax postfix() {
        Syntax e = primary();
        while (peek().is("'")) {
            Token t = next();
            e = new Syntax.Postfix("'", e, t.start());
        }
        return e;
    }

    private Syntax primary() {
        Token t = next();
        switch (t.kind()) {
            case NUMBER -> {
                try {
                    double v = Double.parseDouble(t.text());
                    if (Double.isInfinite(v)) throw UserError.at("number " + t.describe() + " is too large for a double", src, t.start(), t.end());
                    // 1e-999 reads as 0 in a double: printed back as 0 it would not be the number written
                    if (v == 0 && t.text().matches(".*[1-9].*e.*|.*[1-9].*E.*"))
                        throw UserError.at("number " + t.describe() + " is too small for a double (it would be 0; the smallest is 4.9e-324); write 0 if 0 is meant",
                                src, t.start(), t.end());
                    // 1e-320 is held as 9.99988671826831e-321: below the smallest normal double a literal keeps a few digits
                    if (v != 0 && Math.abs(v) < Double.MIN_NORMAL)
                        throw UserError.at("number " + t.describe() + " is below the smallest normal double (2.2e-308), where a double keeps only "
                                + "a few of its digits (it would be " + new java.math.BigDecimal(v).round(new java.math.MathContext(6)).toString().replace("E", "e") + "); scale the expression so its numbers are larger", src, t.start(), t.end());
                    // 9007199254740993 is held as 9007199254740992: a number with more digits than a double keeps is not the
                    // number written, and a − b of two such numbers printed 0 for 1. 0.1 is fine: it reads back as 0.1.
                    java.math.BigDecimal held = io.tracediff.expr.Num.shortestDecimal(v);
                    if (v != 0 && held.compareTo(new java.math.BigDecimal(t.text())) != 0)
                        throw UserError.at("number " + t.describe() + " has more digits than a double keeps (it would be "
                                + io.tracediff.expr.Num.shortestText(v) + "); a double keeps 15 to 17 significant digits: write at most 15, or the number it would be",
                                src, t.start(), t.end());
                    return new Syntax.Number(v, t.text(), t.start(), t.end());
                } catch (NumberFormatException e) {
                    throw UserError.at("malformed number " + t.describe(), src, t.start(), t.end());
                }
            }
            case NAME -> {
                if (peek().is("(")) {
                    enter();
                    Token open = next();
                    List<Syntax> args = new ArrayList<>();
                    if (!peek().is(")")) {
                        args.add(expr());
                        while (peek().is(",")) { next(); args.add(expr()); }
                    }
                    Token close = next();
                    if (!close.is(")")) throw UserError.at("expected ')' to close '" + t.text() + "(' but found " + close.describe(), src, close.start(), close.end());
                    depth--;
                    if (args.isEmpty()) throw UserError.at(t.text() + "() needs an argument", src, t.start(), open.end());
                    return new Syntax.Call(t.text(), args, t.start(), close.end(), t.end());
                }
                return new Syntax.Name(t.text(), t.start(), t.end());
            }
            case END -> throw UserError.at("expected an operand but the expression ended", src, t.start(), t.end());
            default -> {
                if (t.is("(")) {
                    enter();
                    Syntax e = expr();
                    Token close = next();
                    if (!close.is(")")) {
                        String what = close.kind() == Token.Kind.END ? "unbalanced '(': expected ')' but the expression ended" : "expected ')' but found " + close.describe();
                        throw UserError.at(what, src, close.kind() == Token.Kind.END ? t.start() : close.start(), close.kind() == Token.Kind.END ? t.end() : close.end());
                    }
                    depth--;
                    return e;
                }
                throw UserError.at("expected an operand but found " + t.describe(), src, t.start(), t.end());
            }
        }
    }
}

package io.tracediff.parse;

import io.tracediff.core.UserError;

/** A lexeme with its place in the source. */
public record Token(Kind kind, String text, int start, int end) {
    public enum Kind { NUMBER, NAME, OP, END }

    public boolean is(String s) { return kind != Kind.NUMBER && text.equals(s); }

    public String describe() { return kind == Kind.END ? "end of input" : "'" + UserError.excerpt(text) + "'"; }
}

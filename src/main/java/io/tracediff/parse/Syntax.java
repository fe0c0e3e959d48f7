package io.tracediff.parse;

import java.util.List;

/** The untyped tree the parser produces; {@code start}/{@code end} locate it in the source for messages. */
public sealed interface Syntax permits Syntax.Number, Syntax.Name, Syntax.Call, Syntax.Binary, Syntax.Unary, Syntax.Postfix {

    int start();

    int end();

    /** Where to point the caret when this node is at fault (its operator, or itself). */
    default int opStart() { return start(); }

    default int opEnd() { return end(); }

    record Number(double value, String text, int start, int end) implements Syntax {}

    record Name(String name, int start, int end) implements Syntax {}

    record Call(String name, List<Syntax> args, int start, int end, int nameEnd) implements Syntax {
        @Override public int opEnd() { return nameEnd; }
    }

    record Binary(String op, Syntax left, Syntax right, int opStart, int opEnd) implements Syntax {
        @Override public int start() { return left.start(); }
        @Override public int end() { return right.end(); }
    }

    /** Unary minus (op "neg") or plus. */
    record Unary(String op, Syntax arg, int start) implements Syntax {
        @Override public int end() { return arg.end(); }
        @Override public int opEnd() { return start + 1; }
    }

    /** Postfix transpose. */
    record Postfix(String op, Syntax arg, int opStart) implements Syntax {
        @Override public int start() { return arg.start(); }
        @Override public int end() { return opStart + 1; }
        @Override public int opEnd() { return opStart + 1; }
    }
}

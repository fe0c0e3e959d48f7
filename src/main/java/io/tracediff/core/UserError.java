package io.tracediff.core;

/**
 * A mistake in what the user wrote or supplied. Its message is complete and printable (with the
 * source line and a caret where there is one); the CLI prints it and exits 2, never a stack trace.
 */
public class UserError extends RuntimeException {
    /** The text the error is in and the offending span [start, end) of it; null and -1 when it has none. */
    private final String source;
    private final int start, end;

    public UserError(String message) { this(message, null, -1, -1); }

    private UserError(String message, String source, int start, int end) {
        super(message);
        this.source = source;
        this.start = start;
        this.end = end;
    }

    /** "problem" plus the source line with a caret under [start, end). */
    public static UserError at(String problem, String source, int start, int end) {
        return new UserError(problem + "\n" + caret(source, start, end), source, start, end);
    }

    /** The text the offending span is in (what the web page marks), or null. */
    public String source() { return source; }

    /** Start of the offending span in {@link #source()}, or -1. */
    public int start() { return start; }

    /** End (exclusive) of the offending span in {@link #source()}, or -1. */
    public int end() { return end; }

    /** At most 40 characters of user input for a message, with its length when cut: never a megabyte echoed back. */
    public static String excerpt(String input) { return excerpt(input, 40); }

    /** The same with room for {@code max} characters (file names: 200). */
    public static String excerpt(String input, int max) {
        if (input == null) return "";
        String flat = input.replaceAll("\\p{Cntrl}", "?");
        return flat.length() <= max ? flat : flat.substring(0, max - 8) + "… (" + input.length() + " characters)";
    }

    public static String caret(String source, int start, int end) {
        int lineStart = source.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
        if (start == 0) lineStart = 0;
        int lineEnd = source.indexOf('\n', start);
        if (lineEnd < 0) lineEnd = source.length();
        String line = source.substring(lineStart, lineEnd);
        int col = Math.max(0, start - lineStart);
        int width = Math.max(1, Math.min(end, lineEnd) - start);
        // Long inputs: show a window around the offending token, not 100,000 characters.
        int from = Math.max(0, col - 60), to = Math.min(line.length(), col + Math.min(width, 40) + 60);
        // Control characters (NUL, ESC, CR) become '?', one for one, so the caret still lines up and the terminal is safe.
        String shown = (from > 0 ? "…" : "") + line.substring(from, to).replaceAll("\\p{Cntrl}", "?") + (to < line.length() ? "…" : "");
        int pad = col - from + (from > 0 ? 1 : 0);
        return "  " + shown + "\n  " + " ".repeat(pad) + "^".repeat(Math.min(width, 40));
    }
}

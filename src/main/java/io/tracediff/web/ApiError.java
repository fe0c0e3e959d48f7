package io.tracediff.web;

/**
 * An answer other than 200 for an API call: the HTTP status, the message for the user and, when the mistake
 * is at a place in the input, where ({@code field} names the request field, [start, end) the span in it).
 */
public final class ApiError extends RuntimeException {
    /** The offending span of one request field. */
    public record Position(String field, int index, int start, int end) {}

    private final int status;
    private final transient Position position;

    public ApiError(int status, String message) { this(status, message, null); }

    public ApiError(int status, String message, Position position) {
        super(message, null, false, false);
        this.status = status;
        this.position = position;
    }

    public int status() { return status; }

    public Position position() { return position; }
}

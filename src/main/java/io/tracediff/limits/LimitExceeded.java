package io.tracediff.limits;

import io.tracediff.core.UserError;

/** Input that would need more than a {@link Limit} allows: a user error (exit 2) naming the limit and its setting. */
public final class LimitExceeded extends UserError {
    private final Limit limit;

    LimitExceeded(Limit limit, String message) {
        super(message);
        this.limit = limit;
    }

    public Limit limit() { return limit; }
}

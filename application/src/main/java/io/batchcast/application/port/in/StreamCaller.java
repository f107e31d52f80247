package io.batchcast.application.port.in;

import java.time.Instant;
import java.util.Objects;

/**
 * Who opens a stream, as the adapter's token check proved it: the user id and when the token stops being valid (the
 * stream ends then).
 */
public record StreamCaller(String userId, Instant tokenExpiresAt) {

    public StreamCaller {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(tokenExpiresAt, "tokenExpiresAt");
    }
}

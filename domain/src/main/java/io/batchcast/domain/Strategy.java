package io.batchcast.domain;

import java.time.Instant;
import java.util.Objects;

/** A user's trading strategy: the unit events are routed by. */
public record Strategy(long id, String userId, String name, Instant createdAt) {

    public Strategy {
        if (id <= 0) {
            throw new IllegalArgumentException("id must be positive, was " + id);
        }
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public StreamKey stream() {
        return new StreamKey(userId, id);
    }
}

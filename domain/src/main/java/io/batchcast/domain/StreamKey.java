package io.batchcast.domain;

import java.util.Objects;

/** Routes an event to exactly the web clients of one user's strategy. */
public record StreamKey(String userId, long strategyId) {

    public StreamKey {
        Objects.requireNonNull(userId, "userId");
        if (strategyId <= 0) {
            throw new IllegalArgumentException("strategyId must be positive, was " + strategyId);
        }
    }
}

package io.batchcast.archfixtures.wallclock.domain;

import java.time.Instant;

/** Planted: the domain stamping a fill with the system clock. */
public record FillTimestamp(Instant at) {

    static FillTimestamp current() {
        return new FillTimestamp(Instant.now());
    }
}

package io.batchcast.archfixtures.wallclock.application.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;

/** Valid: the injected Clock, the monotonic timer and dates built from given values. */
public class TimingBatches {

    private final Clock clock;

    TimingBatches(Clock clock) {
        this.clock = clock;
    }

    Instant submittedAt() {
        return Instant.now(clock);
    }

    long elapsedNanos(long startNanos) {
        return System.nanoTime() - startNanos;
    }

    Date legacy(long epochMillis) {
        return new Date(epochMillis);
    }
}

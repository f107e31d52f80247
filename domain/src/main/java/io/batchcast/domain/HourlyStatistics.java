package io.batchcast.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

/**
 * A strategy's statistics for one span starting at {@code start} (a UTC hour, or a summary period): the batches
 * recorded in it (all-rejected ones included) and the per-type counts, in {@link OrderType} order, empty types left out.
 */
public record HourlyStatistics(Instant start, int batches, List<OrderTypeStatistics> orderTypes) {

    private static final DateTimeFormatter ISO_SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    public HourlyStatistics {
        Objects.requireNonNull(start, "start");
        orderTypes = List.copyOf(orderTypes);
        if (batches < 0) {
            throw new IllegalArgumentException("batches must be >= 0, was " + batches);
        }
    }

    /** ISO 8601, UTC, whole seconds: {@code 2026-12-01T18:00:00Z}. */
    public String startText() {
        return ISO_SECONDS.format(start);
    }
}

package io.batchcast.bootstrap;

import io.batchcast.adapter.persistence.CommitObserver;
import io.batchcast.adapter.persistence.Persistence;
import io.batchcast.adapter.sse.StreamCounters;
import io.batchcast.application.service.DeliveryCounters;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Timer;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/** {@code /observe/health} (readiness includes the database) and {@code /observe/metrics} (Prometheus text). */
final class Observability {

    private Observability() {
    }

    static ObserveFeature feature(Persistence persistence) {
        HealthObserver health = HealthObserver.builder()
                .details(true)
                .addCheck(() -> database(persistence), HealthCheckType.READINESS, "database")
                .build();
        return ObserveFeature.builder()
                .addObserver(health)
                .addObserver(MetricsObserver.create())
                .build();
    }

    /** The database check: its epoch, and while writes fail on a full disk, {@code storage} saying since when. */
    private static HealthCheckResponse database(Persistence persistence) {
        Persistence.DatabaseHealth health = persistence.databaseHealth();
        HealthCheckResponse.Builder response = HealthCheckResponse.builder().status(health.ready())
                .detail("epoch", persistence.epoch());
        health.storage().ifPresent(storage -> response.detail("storage", storage));
        return response.build();
    }

    /** A counter read when scraped: name, help text, and where the value comes from. */
    private record Meter(String name, String description, LongSupplier value) {
    }

    /**
     * The delivery core's counters (every protocol's streams, frame encoding) and the SSE adapter's (bytes, writes),
     * under the names they have always had; the lag of live events as a cumulative histogram
     * ({@code batchcast_delivery_lag_seconds_bucket{le=...}}, {@code _count}, {@code _sum}) read from the core.
     */
    static void exportStreamCounters(StreamCounters sse, DeliveryCounters delivery, MeterRegistry meters) {
        meters.getOrCreate(Gauge.builder("batchcast_sse_connections", delivery, c -> (double) c.openStreams())
                .description("Open event streams (SSE and gRPC)"));
        List<Meter> counters = List.of(
                new Meter("batchcast_sse_streams_opened", "Event streams opened", delivery::streamsOpened),
                new Meter("batchcast_sse_streams_rejected", "SSE requests refused before the stream opened",
                        sse::streamsRejected),
                new Meter("batchcast_sse_deliveries", "Events written to event streams", delivery::eventsDelivered),
                new Meter("batchcast_sse_bytes_written", "Bytes written to SSE streams", sse::bytesWritten),
                new Meter("batchcast_sse_writes", "Writes to SSE sockets (frames queued together share one)",
                        sse::writes),
                new Meter("batchcast_sse_replayed_events", "Events replayed to reconnecting clients",
                        delivery::replayedEvents),
                new Meter("batchcast_replayed_events", "Events replayed to reconnecting clients (SSE and gRPC)",
                        delivery::replayedEvents),
                new Meter("batchcast_sse_resyncs", "Unusable cursors (resync frames, OUT_OF_RANGE)",
                        delivery::resyncsSent),
                new Meter("batchcast_sse_slow_reader_evictions", "Streams closed because their queue overflowed",
                        delivery::slowReaderEvictions),
                new Meter("batchcast_sse_dead_streams_removed", "Dead connections found by a failed write",
                        delivery::deadStreamsRemoved),
                new Meter("batchcast_sse_frames_serialized",
                        "Event frames serialized (once per event and protocol, SSE and gRPC)", delivery::framesEncoded));
        for (Meter meter : counters) {
            // the registry holds its state object weakly: it must be one that lives as long as the server
            meters.getOrCreate(FunctionalCounter.builder(meter.name(), delivery, d -> meter.value().getAsLong())
                    .description(meter.description()));
        }
    }

    /**
     * The lag of live events (batch completion to a subscriber's queue) as a Prometheus histogram
     * ({@code batchcast_delivery_lag_seconds_bucket}, {@code _count}, {@code _sum}, {@code _max}), fed by the delivery
     * core's counters.
     */
    static Timer deliveryLag(MeterRegistry meters) {
        List<Duration> buckets = DeliveryCounters.LAG_BUCKETS;
        return meters.getOrCreate(Timer.builder("batchcast_delivery_lag")
                .description("Time from a batch's completion to its event reaching a subscriber's queue (live events)")
                // a histogram only: Helidon adds quantile series by default, which no Prometheus histogram may carry
                .percentiles(new double[0])
                .buckets(buckets.toArray(Duration[]::new)));
    }

    /** Upper bounds of the store commit histogram's buckets: a synced commit takes from a fraction of a millisecond up. */
    static final List<Duration> COMMIT_BUCKETS = List.of(Duration.ofNanos(250_000), Duration.ofNanos(500_000),
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5));

    /**
     * The group-commit writer's transactions: {@code batchcast_store_commit_seconds} (a histogram: how long each took
     * from the writer taking its writes to a durable commit) and {@code batchcast_store_writes_total} (the writes they
     * carried; over the histogram's count, the mean group size).
     */
    static CommitObserver storeCommits(MeterRegistry meters) {
        Timer commits = meters.getOrCreate(Timer.builder("batchcast_store_commit")
                .description("Group-commit transactions: time from the writer taking a group to its durable commit"
                        + " (connection, statements, commit, sync)")
                .percentiles(new double[0])
                .buckets(COMMIT_BUCKETS.toArray(Duration[]::new)));
        Counter writes = meters.getOrCreate(Counter.builder("batchcast_store_writes")
                .description("Writes (claims, recordings, strategies, summaries) committed by group-commit transactions"));
        return (count, nanos) -> {
            commits.record(Duration.ofNanos(nanos));
            writes.increment(count);
        };
    }
}

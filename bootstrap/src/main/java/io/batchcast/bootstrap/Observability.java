package io.batchcast.bootstrap;

import io.batchcast.adapter.persistence.Persistence;
import io.batchcast.adapter.sse.StreamCounters;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import java.util.List;
import java.util.function.ToLongFunction;

/** {@code /observe/health} (readiness includes the database) and {@code /observe/metrics} (Prometheus text). */
final class Observability {

    private Observability() {
    }

    static ObserveFeature feature(Persistence persistence) {
        HealthObserver health = HealthObserver.builder()
                .details(true)
                .addCheck(() -> HealthCheckResponse.builder().status(persistence.databaseReady())
                        .detail("epoch", persistence.epoch()).build(), HealthCheckType.READINESS, "database")
                .build();
        return ObserveFeature.builder()
                .addObserver(health)
                .addObserver(MetricsObserver.create())
                .build();
    }

    /** The SSE adapter's counters, read when scraped: name, help text, and where the value comes from. */
    private record StreamMeter(String name, String description, ToLongFunction<StreamCounters> value) {
    }

    private static final List<StreamMeter> STREAM_METERS = List.of(
            new StreamMeter("batchcast_sse_streams_opened", "SSE streams opened", StreamCounters::streamsOpened),
            new StreamMeter("batchcast_sse_streams_rejected", "SSE requests refused before the stream opened",
                    StreamCounters::streamsRejected),
            new StreamMeter("batchcast_sse_deliveries", "Events written to SSE streams", StreamCounters::eventsDelivered),
            new StreamMeter("batchcast_sse_bytes_written", "Bytes written to SSE streams", StreamCounters::bytesWritten),
            new StreamMeter("batchcast_sse_writes", "Writes to SSE sockets (frames queued together share one)",
                    StreamCounters::writes),
            new StreamMeter("batchcast_sse_replayed_events", "Events replayed to reconnecting SSE clients",
                    StreamCounters::replayedEvents),
            new StreamMeter("batchcast_sse_resyncs", "resync frames sent for unusable cursors",
                    StreamCounters::resyncsSent),
            new StreamMeter("batchcast_sse_slow_reader_evictions", "Streams closed because their queue overflowed",
                    StreamCounters::slowReaderEvictions),
            new StreamMeter("batchcast_sse_dead_streams_removed", "Dead connections found by the heartbeat",
                    StreamCounters::deadStreamsRemoved),
            new StreamMeter("batchcast_sse_frames_serialized", "Event frames serialized (once per event)",
                    StreamCounters::framesSerialized));

    static void exportStreamCounters(StreamCounters counters, MeterRegistry meters) {
        meters.getOrCreate(Gauge.builder("batchcast_sse_connections", counters, c -> (double) c.openStreams())
                .description("Open SSE streams"));
        for (StreamMeter meter : STREAM_METERS) {
            counter(meters, counters, meter.name(), meter.description(), meter.value());
        }
    }

    private static void counter(MeterRegistry meters, StreamCounters counters, String name, String description,
            ToLongFunction<StreamCounters> value) {
        meters.getOrCreate(FunctionalCounter.builder(name, counters, c -> value.applyAsLong(c)).description(description));
    }
}

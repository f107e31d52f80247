package io.batchcast.benchmark;

import io.batchcast.benchmark.measure.PrometheusText;
import io.batchcast.benchmark.report.ScenarioResult;

/**
 * 1% of readers stop reading. The healthy 99% are measured twice at the same open-loop rate: with every reader
 * reading, then with the slow 1% paused (their small receive buffers fill, the server's queue for them fills, and
 * the server should drop them without the others noticing). {@code slow.p99_ratio} = healthy p99 with / without.
 * The server runs with a per-stream queue of {@value #QUEUE_CAPACITY} frames instead of 256 so that the stalled
 * readers overflow it within the measured window at a moderate rate (with 256, a reader must miss more than 256
 * events of its strategy before the server acts); the server's own eviction counter tells whether it did.
 */
final class SlowConsumerScenario implements Scenario {

    private static final int SLOW_EVERY = 100;
    static final int QUEUE_CAPACITY = 32;
    static final String QUEUE_CAPACITY_ENV = "BATCHCAST_SSE_QUEUE_dash_CAPACITY";

    @Override
    public String name() {
        return "slow";
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        RunSizes sizes = context.sizes;
        var server = context.server("slow-queue" + QUEUE_CAPACITY, QUEUE_CAPACITY_ENV, Integer.toString(QUEUE_CAPACITY));
        try (LatencyRig rig = new LatencyRig(context, name(), sizes.slowStrategies(), sizes.slowReadersPerStrategy(),
                reader -> reader % SLOW_EVERY == 0)) {
            context.console.say(name(), "%d readers (1%% slow); baseline %d s at %d batches/s", rig.readers(),
                    sizes.slowSeconds(), sizes.slowRate());
            LatencyRig.Phase baseline = rig.run(name(), sizes.slowRate(), sizes.slowWarmupSeconds(),
                    sizes.slowSeconds());
            context.console.say(name(), "baseline healthy p99 %.2f ms; pausing the slow readers",
                    baseline.percentileMillis(99));
            double evictionsBefore = evictions(server.metrics());
            rig.pauseSlowReaders(true);
            LatencyRig.Phase stalled = rig.run(name(), sizes.slowRate(), 0, sizes.slowSeconds());
            double evicted = evictions(server.metrics()) - evictionsBefore;
            rig.pauseSlowReaders(false);
            Thread.sleep(2000);
            long dropped = rig.slowReadersClosedByServer();
            double ratio = stalled.percentileMillis(99) / baseline.percentileMillis(99);
            context.console.say(name(), "with 1%% stalled: healthy p99 %.2f ms (ratio %.3f); server evicted %.0f, "
                    + "%d slow readers found their stream closed", stalled.percentileMillis(99), ratio, evicted, dropped);
            int slowReaders = rig.readers() / SLOW_EVERY;
            return new ScenarioResult(name())
                    .figure("slow.p99_ratio", NetworkScenario.round(ratio, 4))
                    .raw("readers", rig.readers())
                    .raw("slow_readers", slowReaders)
                    .raw("slow_readers_closed_by_server", dropped)
                    .raw("server_slow_reader_evictions", (long) evicted)
                    .raw("server_queue_capacity", QUEUE_CAPACITY)
                    .raw("rate_batches_per_s", sizes.slowRate())
                    .raw("phase_seconds", sizes.slowSeconds())
                    .raw("baseline_p50_ms", baseline.percentileMillis(50))
                    .raw("baseline_p99_ms", baseline.percentileMillis(99))
                    .raw("stalled_p50_ms", stalled.percentileMillis(50))
                    .raw("stalled_p99_ms", stalled.percentileMillis(99))
                    .raw("baseline_lost", baseline.lost())
                    .raw("stalled_lost", stalled.lost())
                    .raw("submit_errors", baseline.errors() + stalled.errors());
        }
    }

    /** The server's eviction counter (Prometheus names counters with a _total suffix); NaN when not exposed. */
    static double evictions(String metrics) {
        return PrometheusText.sum(metrics, "batchcast_sse_slow_reader_evictions_total", "")
                .orElse(PrometheusText.sum(metrics, "batchcast_sse_slow_reader_evictions", "").orElse(Double.NaN));
    }
}

package io.batchcast.benchmark;

import io.batchcast.benchmark.measure.PrometheusText;
import io.batchcast.benchmark.report.ScenarioResult;
import io.batchcast.benchmark.server.ServerProcess;

/**
 * 1% of readers stop reading. The healthy 99% are measured at the same open-loop rate three times: all readers
 * reading, the slow 1% paused (their small receive buffers fill, the server's queue for them fills, and the server
 * should drop them without the others noticing), and once more after (the slow readers dropped or reading again).
 * {@code slow.p99_ratio} = healthy p99 while stalled / mean healthy p99 of the two phases around it, which keeps a
 * drift of the shared machine's load out of the ratio. The server runs with its default settings; its eviction
 * counter tells whether it had to cut a stalled reader off. On loopback it rarely does within a window: the kernel
 * grows a socket's send buffer up to tcp_wmem's maximum (4 MiB here, some 12,000 frames) before the server's own
 * queue even starts to fill, so what this measures is the healthy readers' latency while stalled peers hold buffers.
 */
final class SlowConsumerScenario implements Scenario {

    private static final int SLOW_EVERY = 100;

    @Override
    public String name() {
        return "slow";
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        RunSizes sizes = context.sizes;
        ServerProcess server = context.server();
        try (LatencyRig rig = new LatencyRig(context, server, name(), sizes.slowStrategies(),
                sizes.slowReadersPerStrategy(), reader -> reader % SLOW_EVERY == 0)) {
            context.console.say(name(), "%d readers (1%% slow); %d s phases at %d batches/s", rig.readers(),
                    sizes.slowSeconds(), sizes.slowRate());
            LatencyRig.Phase before = rig.run(name(), sizes.slowRate(), sizes.slowWarmupSeconds(), sizes.slowSeconds());
            context.console.say(name(), "all reading: healthy p99 %.2f ms; pausing the slow readers",
                    before.percentileMillis(99));
            double evictionsBefore = evictions(server.metrics());
            rig.pauseSlowReaders(true);
            LatencyRig.Phase stalled = rig.run(name(), sizes.slowRate(), 0, sizes.slowSeconds());
            double evicted = evictions(server.metrics()) - evictionsBefore;
            rig.pauseSlowReaders(false);
            LatencyRig.Phase after = rig.run(name(), sizes.slowRate(), 0, sizes.slowSeconds());
            double around = (before.percentileMillis(99) + after.percentileMillis(99)) / 2;
            double ratio = stalled.percentileMillis(99) / around;
            context.console.say(name(), "stalled: healthy p99 %.2f ms, after: %.2f ms (ratio %.3f); server evicted %.0f",
                    stalled.percentileMillis(99), after.percentileMillis(99), ratio, evicted);
            return new ScenarioResult(name())
                    .figure("slow.p99_ratio", NetworkScenario.round(ratio, 4))
                    .raw("readers", rig.readers())
                    .raw("slow_readers", rig.readers() / SLOW_EVERY)
                    .raw("server_slow_reader_evictions", Double.isNaN(evicted) ? "not exposed" : (long) evicted)
                    .raw("slow_readers_closed_by_server", rig.slowReadersClosedByServer())
                    .raw("rate_batches_per_s", sizes.slowRate())
                    .raw("phase_seconds", sizes.slowSeconds())
                    .raw("before_p50_ms", before.percentileMillis(50))
                    .raw("before_p99_ms", before.percentileMillis(99))
                    .raw("stalled_p50_ms", stalled.percentileMillis(50))
                    .raw("stalled_p99_ms", stalled.percentileMillis(99))
                    .raw("after_p50_ms", after.percentileMillis(50))
                    .raw("after_p99_ms", after.percentileMillis(99))
                    .raw("lost_deliveries", before.lost() + stalled.lost() + after.lost())
                    .raw("submit_errors", before.errors() + stalled.errors() + after.errors());
        }
    }

    /** The server's eviction counter (Prometheus names counters with a _total suffix); NaN when not exposed. */
    static double evictions(String metrics) {
        return PrometheusText.sum(metrics, "batchcast_sse_slow_reader_evictions_total", "")
                .orElse(PrometheusText.sum(metrics, "batchcast_sse_slow_reader_evictions", "").orElse(Double.NaN));
    }
}

package io.batchcast.benchmark;

import io.batchcast.benchmark.measure.PrometheusText;
import io.batchcast.benchmark.report.ScenarioResult;
import io.batchcast.benchmark.server.ServerProcess;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * 1% of readers stop reading. The healthy 99% are measured at the same open-loop rate three times: all readers
 * reading, the slow 1% paused (their small receive buffers fill, the server's queue for them fills, and the server
 * should drop them without the others noticing), and once more after (the slow readers dropped or reading again).
 * {@code slow.p99_ratio} = healthy p99 while stalled / the better healthy p99 of the two phases around it. The
 * mean of the two was used before; a disturbed phase after the stall (the host taking up to half a core) then
 * lowered the ratio to 0.21 and called the target met, so noise can now only make the ratio worse. The server runs with its default settings; its eviction
 * counter tells whether it had to cut a stalled reader off. On loopback it rarely does within a window: the kernel
 * grows a socket's send buffer up to tcp_wmem's maximum (4 MiB here, some 12,000 frames) before the server's own
 * queue even starts to fill, so what this measures is the healthy readers' latency while stalled peers hold buffers.
 */
final class SlowConsumerScenario implements Scenario {

    private static final int SLOW_EVERY = 100;
    static final int STEADY_PHASES = 2;
    /** A p99 on the shared machine moves more than a CPU figure: the two last phases within 30% of each other. */
    static final double STEADY_SPREAD = 1.30;
    static final long WARM_UP_LIMIT_NANOS = 120_000_000_000L;

    @Override
    public String name() {
        return "slow";
    }

    /** The healthy readers' p99 while the slow ones stall, over the better of the phases before and after. */
    static double p99Ratio(double beforeMillis, double stalledMillis, double afterMillis) {
        return stalledMillis / Math.min(beforeMillis, afterMillis);
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        RunSizes sizes = context.sizes;
        ServerProcess server = context.server();
        try (LatencyRig rig = new LatencyRig(context, server, name(), sizes.slowStrategies(),
                sizes.slowReadersPerStrategy(), reader -> reader % SLOW_EVERY == 0)) {
            context.console.say(name(), "%d readers (1%% slow); %d s phases at %d batches/s", rig.readers(),
                    sizes.slowSeconds(), sizes.slowRate());
            List<Double> warmUp = warmUp(rig, sizes, context);
            LatencyRig.Phase before = rig.run(name(), sizes.slowRate(), 0, sizes.slowSeconds());
            context.console.say(name(), "all reading: healthy p99 %.2f ms; pausing the slow readers",
                    before.percentileMillis(99));
            double evictionsBefore = evictions(server.metrics());
            rig.pauseSlowReaders(true);
            LatencyRig.Phase stalled = rig.run(name(), sizes.slowRate(), 0, sizes.slowSeconds());
            double evicted = evictions(server.metrics()) - evictionsBefore;
            rig.pauseSlowReaders(false);
            LatencyRig.Phase after = rig.run(name(), sizes.slowRate(), 0, sizes.slowSeconds());
            double ratio = p99Ratio(before.percentileMillis(99), stalled.percentileMillis(99),
                    after.percentileMillis(99));
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
                    .raw("warm_up_p99_ms", warmUp)
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

    /**
     * Unmeasured phases of the warm-up's length at the scenario's rate, all readers reading, until the last
     * {@link #STEADY_PHASES} agree on the healthy p99 (within {@link #STEADY_SPREAD}) or {@link #WARM_UP_LIMIT_NANOS}
     * has passed: on two busy cores the server's JIT takes minutes, and a cold first phase would make the stalled
     * phase look better than it is.
     *
     * @return the p99 of each warm-up phase, in ms
     */
    private List<Double> warmUp(LatencyRig rig, RunSizes sizes, BenchContext context) throws Exception {
        List<Double> p99 = new ArrayList<>();
        long limit = System.nanoTime() + WARM_UP_LIMIT_NANOS;
        do {
            p99.add(rig.run(name(), sizes.slowRate(), 0, sizes.slowWarmupSeconds()).percentileMillis(99));
        } while (!steady(p99) && System.nanoTime() < limit);
        context.console.say(name(), "warm after %d phases, p99 %s ms", p99.size(),
                p99.stream().map(v -> String.format("%.1f", v)).toList());
        return p99;
    }

    /** Whether the last {@link #STEADY_PHASES} values lie within {@link #STEADY_SPREAD} of each other. */
    static boolean steady(List<Double> p99) {
        if (p99.size() < STEADY_PHASES) {
            return false;
        }
        List<Double> last = p99.subList(p99.size() - STEADY_PHASES, p99.size());
        double min = Collections.min(last);
        return min > 0 && Collections.max(last) <= min * STEADY_SPREAD;
    }

    /** The server's eviction counter (Prometheus names counters with a _total suffix); NaN when not exposed. */
    static double evictions(String metrics) {
        return PrometheusText.sum(metrics, "batchcast_sse_slow_reader_evictions_total", "")
                .orElse(PrometheusText.sum(metrics, "batchcast_sse_slow_reader_evictions", "").orElse(Double.NaN));
    }
}

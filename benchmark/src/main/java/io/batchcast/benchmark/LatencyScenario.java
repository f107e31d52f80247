package io.batchcast.benchmark;

import io.batchcast.benchmark.report.ScenarioResult;

/**
 * Open loop at a fixed rate over 100 strategies × 10 SSE readers; latency from each batch's intended send time to
 * each reader's parse of its frame (gRPC submit, validation, paper exchange, persistence, publish, SSE write, read).
 */
final class LatencyScenario implements Scenario {

    private LatencyRig.Phase phase;

    @Override
    public String name() {
        return "latency";
    }

    LatencyRig.Phase phase() {
        return phase;
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        RunSizes sizes = context.sizes;
        try (LatencyRig rig = new LatencyRig(context, context.server(), name(), sizes.latencyStrategies(),
                sizes.latencyReadersPerStrategy(), reader -> false)) {
            context.console.say(name(), "%d readers connected; %d batches/s for %d s after %d s warm-up",
                    rig.readers(), sizes.latencyRate(), sizes.latencySeconds(), sizes.latencyWarmupSeconds());
            phase = rig.run(name(), sizes.latencyRate(), sizes.latencyWarmupSeconds(), sizes.latencySeconds());
        }
        var h = phase.latency().snapshot();
        context.console.say(name(), "p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  max %.2f ms", phase.percentileMillis(50),
                phase.percentileMillis(99), phase.percentileMillis(99.9), h.getMaxValue() / 1e6);
        return new ScenarioResult(name())
                .figure("latency.p50_ms", phase.percentileMillis(50))
                .figure("latency.p99_ms", phase.percentileMillis(99))
                .figure("latency.p999_ms", phase.percentileMillis(99.9))
                .raw("rate_batches_per_s", sizes.latencyRate())
                .raw("strategies", sizes.latencyStrategies())
                .raw("readers_per_strategy", sizes.latencyReadersPerStrategy())
                .raw("measured_seconds", sizes.latencySeconds())
                .raw("batches_sent", phase.sent())
                .raw("submit_errors", phase.errors())
                .raw("first_submit_error", phase.firstError())
                .raw("deliveries_recorded", phase.latency().deliveries())
                .raw("deliveries_lost", phase.lost())
                .raw("max_ms", NetworkScenario.round(h.getMaxValue() / 1e6, 3))
                .raw("mean_ms", NetworkScenario.round(h.getMean() / 1e6, 3))
                .raw("p90_ms", phase.percentileMillis(90));
    }
}

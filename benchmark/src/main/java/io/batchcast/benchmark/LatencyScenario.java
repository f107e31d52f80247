package io.batchcast.benchmark;

import io.batchcast.benchmark.measure.CpuCounter;
import io.batchcast.benchmark.measure.StoreCommits;
import io.batchcast.benchmark.measure.WarmUp;
import io.batchcast.benchmark.report.ScenarioResult;
import io.batchcast.benchmark.server.ServerProcess;

/**
 * Open loop at a fixed rate over 100 strategies × 10 SSE readers; latency from each batch's intended send time to
 * each reader's parse of its frame (gRPC submit, validation, paper exchange, persistence, publish, SSE write, read).
 * The same load runs in windows until the server's CPU per batch is steady before the measured window.
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
        ServerProcess server = context.server();
        ServerCpu cpu = ServerCpu.of(context, server);
        WarmUp.Outcome warmUp;
        ServerCpu.PerBatch perBatch;
        StoreCommits commits;
        try (LatencyRig rig = new LatencyRig(context, server, name(), sizes.latencyStrategies(),
                sizes.latencyReadersPerStrategy(), reader -> false)) {
            WarmUp.Plan plan = context.warmUp(60, 120);
            context.console.say(name(), "%d readers connected; %d batches/s, warm-up until steady (%s), then %d s",
                    rig.readers(), sizes.latencyRate(), plan.describe(), sizes.latencySeconds());
            CpuCounter serverCpu = cpu.server();
            warmUp = WarmUp.run(plan, seconds -> {
                long before = serverCpu.cpuNanos();
                LatencyRig.Phase window = rig.run(name() + "/warm", sizes.latencyRate(), 0, (int) seconds);
                // refused submits (RESOURCE_EXHAUSTED) cost little: CPU per batch is per batch executed
                long executed = window.sent() - window.errors();
                return new WarmUp.Window(seconds, executed, (serverCpu.cpuNanos() - before) / 1e6 / Math.max(executed, 1));
            }, w -> context.sayWindow(name(), "executed", w));
            context.console.say(name(), "warm-up %s", warmUp.summary());
            long[] start = cpu.read();
            StoreCommits commitsBefore = StoreCommits.of(server.metrics());
            phase = rig.run(name(), sizes.latencyRate(), 0, sizes.latencySeconds());
            perBatch = cpu.perBatch(phase.sent() - phase.errors(), ServerCpu.used(start, cpu.read()));
            commits = StoreCommits.of(server.metrics()).since(commitsBefore);
        }
        var h = phase.latency().snapshot();
        context.console.say(name(), "p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  max %.2f ms; %.2f ms CPU per batch"
                + " (server %s)", phase.percentileMillis(50), phase.percentileMillis(99), phase.percentileMillis(99.9),
                h.getMaxValue() / 1e6, perBatch.total(), perBatch.describeServer());
        // a latency tail that lines up with slow commits waited on the disk's syncs, not on the server's own work
        context.console.say(name(), "store: %d commits (%.2f writes each), %d over 20 ms, %d over 50 ms, %d over 100 ms",
                commits.commits(), commits.writesPerCommit(), commits.over20ms(), commits.over50ms(),
                commits.over100ms());
        ScenarioResult result = new ScenarioResult(name())
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
                .raw("p90_ms", phase.percentileMillis(90))
                .raw("store_commits", commits.commits())
                .raw("store_writes_per_commit", NetworkScenario.round(commits.writesPerCommit(), 3))
                .raw("store_commits_over_20ms", commits.over20ms())
                .raw("store_commits_over_50ms", commits.over50ms())
                .raw("store_commits_over_100ms", commits.over100ms());
        // per batch executed; the measured window includes the wait for its stragglers, whose CPU belongs to them
        perBatch.addTo(result, "");
        warmUp.asRaw("warmup").forEach(result::raw);
        return result;
    }
}

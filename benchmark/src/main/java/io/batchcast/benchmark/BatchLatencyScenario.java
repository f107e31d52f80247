package io.batchcast.benchmark;

import io.batchcast.benchmark.gateway.Gateway;
import io.batchcast.benchmark.gateway.OrderBatches;
import io.batchcast.benchmark.measure.CpuCounter;
import io.batchcast.benchmark.measure.WarmUp;
import io.batchcast.benchmark.report.ScenarioResult;
import io.batchcast.benchmark.server.ServerProcess;
import io.batchcast.benchmark.server.ServerSettings;
import org.HdrHistogram.Histogram;

/**
 * The batch-latency goal: a 100-operation batch against the paper exchange with 5 ms latency per call finishes in ≤ 30 ms
 * (run one after another it would take ~500 ms), i.e. operations execute in parallel. Submits in sequence on a
 * server started with BATCHCAST_EXCHANGE_LATENCY=PT0.005S and times each round trip. The same batches on the default
 * server (no exchange latency) first: the difference is what the exchange's latency costs, the rest is the gateway.
 * On each server the same batches run until its CPU per batch is steady before any is timed.
 */
final class BatchLatencyScenario implements Scenario {

    static final String EXCHANGE_LATENCY = "PT0.005S";

    @Override
    public String name() {
        return "batch";
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        RunSizes sizes = context.sizes;
        Measured instant = measure(context, context.server(), context.gateway("bench-batch-0ms"), "no exchange latency");
        context.console.say(name(), "%d ops, no exchange latency: p50 %.2f ms  p99 %.2f ms", sizes.batchOperations(),
                millis(instant.latency(), 50), millis(instant.latency(), 99));
        ServerProcess slowExchange = context.server("exchange-5ms", ServerSettings.EXCHANGE_LATENCY, EXCHANGE_LATENCY);
        Measured delayed = measure(context, slowExchange, context.gateway("bench-batch"), EXCHANGE_LATENCY);
        Histogram latency = delayed.latency();
        context.console.say(name(), "%d ops with %s exchange latency: p50 %.2f ms  p99 %.2f ms",
                sizes.batchOperations(), EXCHANGE_LATENCY, millis(latency, 50), millis(latency, 99));
        context.stopServer();
        ScenarioResult result = new ScenarioResult(name())
                .figure("batch.latency_100ops_p50_ms", millis(latency, 50))
                .figure("batch.latency_100ops_p99_ms", millis(latency, 99))
                .raw("operations_per_batch", sizes.batchOperations())
                .raw("exchange_latency", EXCHANGE_LATENCY)
                .raw("batches_measured", sizes.batchCount())
                .raw("sequential_lower_bound_ms", sizes.batchOperations() * 5)
                .raw("min_ms", NetworkScenario.round(latency.getMinValue() / 1e6, 3))
                .raw("max_ms", NetworkScenario.round(latency.getMaxValue() / 1e6, 3))
                .raw("mean_ms", NetworkScenario.round(latency.getMean() / 1e6, 3))
                .raw("no_exchange_latency_p50_ms", millis(instant.latency(), 50))
                .raw("no_exchange_latency_p99_ms", millis(instant.latency(), 99));
        delayed.warmUp().asRaw("warmup").forEach(result::raw);
        instant.warmUp().asRaw("no_exchange_latency_warmup").forEach(result::raw);
        return result;
    }

    private record Measured(WarmUp.Outcome warmUp, Histogram latency) {
    }

    /** Batches one after the other until the server's CPU per batch is steady, then {@code batchCount} timed ones. */
    private Measured measure(BenchContext context, ServerProcess server, Gateway engine, String what)
            throws Exception {
        RunSizes sizes = context.sizes;
        long strategy = engine.createStrategy("batch");
        CpuCounter serverCpu = ServerCpu.of(context, server).server();
        WarmUp.Outcome warmUp = WarmUp.run(context.warmUp(60, 120), seconds -> {
            long before = serverCpu.cpuNanos();
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            long batches = 0;
            while (System.nanoTime() < end) {
                submit(engine, strategy, sizes.batchOperations());
                batches++;
            }
            return new WarmUp.Window((System.nanoTime() - start) / 1e9, batches,
                    (serverCpu.cpuNanos() - before) / 1e6 / Math.max(batches, 1));
        }, w -> context.sayWindow(name(), what, w));
        context.console.say(name(), "warm-up (%s) %s", what, warmUp.summary());
        Histogram histogram = new Histogram(60_000_000_000L, 3);
        for (int i = 0; i < sizes.batchCount(); i++) {
            long start = System.nanoTime();
            submit(engine, strategy, sizes.batchOperations());
            histogram.recordValue(System.nanoTime() - start);
        }
        return new Measured(warmUp, histogram);
    }

    private static void submit(Gateway engine, long strategy, int operations) {
        var response = engine.submit(OrderBatches.limitOrders(strategy, operations));
        if (response.getResultsCount() != operations) {
            throw new IllegalStateException("expected " + operations + " results, got " + response.getResultsCount());
        }
    }

    private static double millis(Histogram histogram, double percentile) {
        return NetworkScenario.round(histogram.getValueAtPercentile(percentile) / 1e6, 3);
    }
}

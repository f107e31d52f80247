package io.batchcast.benchmark;

import io.batchcast.benchmark.gateway.Gateway;
import io.batchcast.benchmark.gateway.OrderBatches;
import io.batchcast.benchmark.report.ScenarioResult;
import io.batchcast.benchmark.server.ServerSettings;
import org.HdrHistogram.Histogram;

/**
 * The batch-latency goal: a 100-operation batch against the paper exchange with 5 ms latency per call finishes in ≤ 30 ms
 * (run one after another it would take ~500 ms), i.e. operations execute in parallel. Submits in sequence on a
 * server started with BATCHCAST_EXCHANGE_LATENCY=PT0.005S and times each round trip. The same batches on the default
 * server (no exchange latency) first: the difference is what the exchange's latency costs, the rest is the gateway.
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
        context.server();
        Histogram instant = measure(context.gateway("bench-batch-0ms"), sizes);
        context.console.say(name(), "%d ops, no exchange latency: p50 %.2f ms  p99 %.2f ms", sizes.batchOperations(),
                millis(instant, 50), millis(instant, 99));
        context.server("exchange-5ms", ServerSettings.EXCHANGE_LATENCY, EXCHANGE_LATENCY);
        Histogram delayed = measure(context.gateway("bench-batch"), sizes);
        context.console.say(name(), "%d ops with %s exchange latency: p50 %.2f ms  p99 %.2f ms",
                sizes.batchOperations(), EXCHANGE_LATENCY, millis(delayed, 50), millis(delayed, 99));
        context.stopServer();
        return new ScenarioResult(name())
                .figure("batch.latency_100ops_p50_ms", millis(delayed, 50))
                .figure("batch.latency_100ops_p99_ms", millis(delayed, 99))
                .raw("operations_per_batch", sizes.batchOperations())
                .raw("exchange_latency", EXCHANGE_LATENCY)
                .raw("batches_measured", sizes.batchCount())
                .raw("sequential_lower_bound_ms", sizes.batchOperations() * 5)
                .raw("min_ms", NetworkScenario.round(delayed.getMinValue() / 1e6, 3))
                .raw("max_ms", NetworkScenario.round(delayed.getMaxValue() / 1e6, 3))
                .raw("mean_ms", NetworkScenario.round(delayed.getMean() / 1e6, 3))
                .raw("no_exchange_latency_p50_ms", millis(instant, 50))
                .raw("no_exchange_latency_p99_ms", millis(instant, 99));
    }

    private static Histogram measure(Gateway engine, RunSizes sizes) {
        long strategy = engine.createStrategy("batch");
        Histogram histogram = new Histogram(60_000_000_000L, 3);
        for (int i = 0; i < sizes.batchWarmup() + sizes.batchCount(); i++) {
            var request = OrderBatches.limitOrders(strategy, sizes.batchOperations());
            long start = System.nanoTime();
            var response = engine.submit(request);
            long elapsed = System.nanoTime() - start;
            if (response.getResultsCount() != sizes.batchOperations()) {
                throw new IllegalStateException("expected " + sizes.batchOperations() + " results, got "
                        + response.getResultsCount());
            }
            if (i >= sizes.batchWarmup()) {
                histogram.recordValue(elapsed);
            }
        }
        return histogram;
    }

    private static double millis(Histogram histogram, double percentile) {
        return NetworkScenario.round(histogram.getValueAtPercentile(percentile) / 1e6, 3);
    }
}

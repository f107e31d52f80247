package io.batchcast.benchmark;

import io.batchcast.benchmark.gateway.Gateway;
import io.batchcast.benchmark.gateway.OrderBatches;
import io.batchcast.benchmark.report.ScenarioResult;
import io.batchcast.benchmark.server.ServerSettings;
import org.HdrHistogram.Histogram;

/**
 * Issue 3's goal: a 100-operation batch against the paper exchange with 5 ms latency per call finishes in ≤ 30 ms
 * (run one after another it would take ~500 ms), i.e. operations execute in parallel. Submits in sequence on a
 * server started with BATCHCAST_EXCHANGE_LATENCY=PT0.005S and times each round trip.
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
        context.server("exchange-5ms", ServerSettings.EXCHANGE_LATENCY, EXCHANGE_LATENCY);
        Gateway engine = context.gateway("bench-batch");
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
        double p50 = NetworkScenario.round(histogram.getValueAtPercentile(50) / 1e6, 3);
        double p99 = NetworkScenario.round(histogram.getValueAtPercentile(99) / 1e6, 3);
        context.console.say(name(), "%d ops with %s exchange latency: p50 %.2f ms  p99 %.2f ms",
                sizes.batchOperations(), EXCHANGE_LATENCY, p50, p99);
        context.stopServer();
        return new ScenarioResult(name())
                .figure("batch.latency_100ops_p50_ms", p50)
                .figure("batch.latency_100ops_p99_ms", p99)
                .raw("operations_per_batch", sizes.batchOperations())
                .raw("exchange_latency", EXCHANGE_LATENCY)
                .raw("batches_measured", sizes.batchCount())
                .raw("sequential_lower_bound_ms", sizes.batchOperations() * 5)
                .raw("min_ms", NetworkScenario.round(histogram.getMinValue() / 1e6, 3))
                .raw("max_ms", NetworkScenario.round(histogram.getMaxValue() / 1e6, 3))
                .raw("mean_ms", NetworkScenario.round(histogram.getMean() / 1e6, 3));
    }
}

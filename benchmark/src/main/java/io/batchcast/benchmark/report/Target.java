package io.batchcast.benchmark.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One of the project's performance goals (docs/benchmarks.md), checked against a figure of the run. */
public record Target(String figure, Comparison comparison, double threshold, String note, boolean fullProfileOnly) {

    public enum Comparison {
        AT_LEAST("≥"), AT_MOST("≤");

        final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }
    }

    public static final List<Target> ALL = List.of(
            new Target("network.reduction", Comparison.AT_LEAST, 0.90, "the origin design's claim", false),
            new Target("ingest.ratio", Comparison.AT_LEAST, 0.30, "batches/s over raw unary echo/s", false),
            new Target("latency.p99_ms", Comparison.AT_MOST, 20, "at 500 batches/s, in both profiles", false),
            new Target("fanout.ratio", Comparison.AT_LEAST, 1.0, "deliveries/s over nginx+Nchan's", false),
            // the quick profile opens 10,000 connections by design, so it cannot meet or miss 50,000
            new Target("connections.count", Comparison.AT_LEAST, 50_000, "idle SSE connections held", true),
            new Target("connections.bytes_per_connection", Comparison.AT_MOST, 12 * 1024, "≤ 12 KiB", false),
            new Target("slow.p99_ratio", Comparison.AT_MOST, 1.10, "healthy readers' p99, 1% stalled vs none",
                    false),
            new Target("batch.latency_100ops_p99_ms", Comparison.AT_MOST, 30, "100 ops, 5 ms exchange latency",
                    false));

    /** Empty when the run has no such figure (scenario skipped or failed). */
    public Optional<Boolean> met(Map<String, Object> figures) {
        Object value = figures.get(figure);
        if (!(value instanceof Number number)) {
            return Optional.empty();
        }
        double v = number.doubleValue();
        return Optional.of(comparison == Comparison.AT_LEAST ? v >= threshold : v <= threshold);
    }

    public String describe() {
        String bound = threshold >= 10 ? String.format(java.util.Locale.ROOT, "%,d", (long) threshold)
                : String.valueOf(threshold);
        return comparison.symbol + " " + bound;
    }
}

package io.batchcast.benchmark.measure;

import java.util.List;

/**
 * When a series of per-window values (CPU per batch, batches per second) has settled: its last {@code windows} values
 * all lie within ±{@code tolerance} of their own mean.
 */
public record SteadyState(int windows, double tolerance) {

    public SteadyState {
        if (windows < 2) {
            throw new IllegalArgumentException("steady state needs at least 2 windows, was " + windows);
        }
        if (tolerance <= 0 || tolerance >= 1) {
            throw new IllegalArgumentException("tolerance must be between 0 and 1, was " + tolerance);
        }
    }

    public boolean reached(List<Double> values) {
        if (values.size() < windows) {
            return false;
        }
        List<Double> last = values.subList(values.size() - windows, values.size());
        double mean = last.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        if (!(mean > 0)) {
            return false;
        }
        return last.stream().allMatch(v -> Math.abs(v - mean) <= tolerance * mean);
    }
}

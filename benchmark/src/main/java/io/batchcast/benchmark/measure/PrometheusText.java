package io.batchcast.benchmark.measure;

import java.util.OptionalDouble;

/** Reads one figure from Prometheus text exposition: the sum of a metric's samples whose labels contain a filter. */
public final class PrometheusText {

    private PrometheusText() {
    }

    /** Sum of {@code metric}'s samples (any labels containing {@code labelFilter}); empty when there are none. */
    public static OptionalDouble sum(String exposition, String metric, String labelFilter) {
        double total = 0;
        boolean found = false;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(metric)) {
                continue;
            }
            String rest = line.substring(metric.length());
            boolean labelled = rest.startsWith("{");
            if (!labelled && !rest.startsWith(" ")) {
                continue; // another metric that shares the prefix
            }
            String labels = labelled ? rest.substring(0, rest.indexOf('}') + 1) : "";
            if (!labels.contains(labelFilter)) {
                continue;
            }
            String[] parts = rest.substring(labels.length()).trim().split("\\s+");
            total += Double.parseDouble(parts[0]);
            found = true;
        }
        return found ? OptionalDouble.of(total) : OptionalDouble.empty();
    }
}

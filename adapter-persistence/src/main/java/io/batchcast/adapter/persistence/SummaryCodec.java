package io.batchcast.adapter.persistence;

import io.batchcast.domain.OrderType;
import io.batchcast.domain.OrderTypeStatistics;
import io.batchcast.domain.OrderTypeSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * An event's summaries as one short column, e.g. {@code LIMIT:5:3,STOP_LIMIT:2:0} (type:created:cancelled): at most
 * four entries, readable in a SQL console, and no JSON library in the adapter for it. A period's summary has four
 * counts per type ({@code LIMIT:5:3:1}, type:created:cancelled:rejected) and may be empty.
 */
final class SummaryCodec {

    private SummaryCodec() {
    }

    static String encode(List<OrderTypeSummary> summaries) {
        StringJoiner text = new StringJoiner(",");
        for (OrderTypeSummary summary : summaries) {
            text.add(summary.orderType().name() + ":" + summary.created() + ":" + summary.cancelled());
        }
        return text.toString();
    }

    static List<OrderTypeSummary> decode(String text) {
        List<OrderTypeSummary> summaries = new ArrayList<>(OrderType.values().length);
        for (String entry : text.split(",")) {
            String[] parts = entry.split(":");
            if (parts.length != 3) {
                throw new IllegalStateException("malformed stored summary '" + entry + "' in '" + text + "'");
            }
            summaries.add(new OrderTypeSummary(
                    OrderType.valueOf(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])));
        }
        return List.copyOf(summaries);
    }

    static String encodeStatistics(List<OrderTypeStatistics> statistics) {
        StringJoiner text = new StringJoiner(",");
        for (OrderTypeStatistics s : statistics) {
            text.add(s.orderType().name() + ":" + s.created() + ":" + s.cancelled() + ":" + s.rejected());
        }
        return text.toString();
    }

    static List<OrderTypeStatistics> decodeStatistics(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<OrderTypeStatistics> statistics = new ArrayList<>(OrderType.values().length);
        for (String entry : text.split(",")) {
            String[] parts = entry.split(":");
            if (parts.length != 4) {
                throw new IllegalStateException("malformed stored statistics '" + entry + "' in '" + text + "'");
            }
            statistics.add(new OrderTypeStatistics(OrderType.valueOf(parts[0]), Integer.parseInt(parts[1]),
                    Integer.parseInt(parts[2]), Integer.parseInt(parts[3])));
        }
        return List.copyOf(statistics);
    }
}

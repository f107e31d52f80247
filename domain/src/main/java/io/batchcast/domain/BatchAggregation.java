package io.batchcast.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The origin design's aggregation: one O(n) pass over a batch's outcomes, counted per order type; types with nothing
 * created or cancelled are dropped; summaries come in the order of {@link OrderType}.
 */
public final class BatchAggregation {

    private BatchAggregation() {
    }

    public static List<OrderTypeSummary> summarize(List<OperationResult> results) {
        OrderType[] types = OrderType.values();
        int[] created = new int[types.length];
        int[] cancelled = new int[types.length];
        for (OperationResult result : results) {
            switch (result.outcome()) {
                case CREATED -> created[result.orderType().ordinal()]++;
                case CANCELLED -> cancelled[result.orderType().ordinal()]++;
                case REJECTED -> { }
            }
        }
        List<OrderTypeSummary> summaries = new ArrayList<>(types.length);
        for (OrderType type : types) {
            OrderTypeSummary summary = new OrderTypeSummary(type, created[type.ordinal()], cancelled[type.ordinal()]);
            if (!summary.isEmpty()) {
                summaries.add(summary);
            }
        }
        return List.copyOf(summaries);
    }

    /**
     * The summaries of two events of one strategy as one: counts summed per order type (exact: an overflow fails
     * rather than wraps), types with nothing in either dropped, in the order of {@link OrderType}.
     */
    public static List<OrderTypeSummary> sum(List<OrderTypeSummary> earlier, List<OrderTypeSummary> later) {
        OrderType[] types = OrderType.values();
        int[] created = new int[types.length];
        int[] cancelled = new int[types.length];
        for (List<OrderTypeSummary> summaries : List.of(earlier, later)) {
            for (OrderTypeSummary summary : summaries) {
                int type = summary.orderType().ordinal();
                created[type] = Math.addExact(created[type], summary.created());
                cancelled[type] = Math.addExact(cancelled[type], summary.cancelled());
            }
        }
        List<OrderTypeSummary> summed = new ArrayList<>(types.length);
        for (OrderType type : types) {
            OrderTypeSummary summary = new OrderTypeSummary(type, created[type.ordinal()], cancelled[type.ordinal()]);
            if (!summary.isEmpty()) {
                summed.add(summary);
            }
        }
        return List.copyOf(summed);
    }
}

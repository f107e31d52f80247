package io.batchcast.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The statistics rules, one O(n) pass like {@link BatchAggregation}: a successful create counts {@code created} for
 * its type, a successful cancel {@code cancelled} for the type of the order it cancelled, a rejected operation
 * {@code rejected} for its type (a rejected create's requested type, a rejected cancel's order's type). A cancel of
 * an order nobody knows has no type and counts in none. Types with three zero counts are dropped; the order is
 * {@link OrderType}'s.
 */
public final class BatchStatistics {

    private BatchStatistics() {
    }

    public static List<OrderTypeStatistics> tally(List<OperationResult> results) {
        OrderType[] types = OrderType.values();
        int[][] counts = new int[types.length][3];
        for (OperationResult result : results) {
            if (result.orderType() != null) {
                int column = switch (result.outcome()) {
                    case CREATED -> 0;
                    case CANCELLED -> 1;
                    case REJECTED -> 2;
                };
                counts[result.orderType().ordinal()][column]++;
            }
        }
        return of(counts);
    }

    /**
     * Sums statistics of the same span (a period's hours, a group's batches), keeping the order and dropping empty
     * types.
     */
    public static List<OrderTypeStatistics> sum(List<OrderTypeStatistics> statistics) {
        int[][] counts = new int[OrderType.values().length][3];
        for (OrderTypeStatistics s : statistics) {
            int[] row = counts[s.orderType().ordinal()];
            row[0] += s.created();
            row[1] += s.cancelled();
            row[2] += s.rejected();
        }
        return of(counts);
    }

    /** counts[type ordinal] = {created, cancelled, rejected}. */
    private static List<OrderTypeStatistics> of(int[][] counts) {
        List<OrderTypeStatistics> out = new ArrayList<>(counts.length);
        for (OrderType type : OrderType.values()) {
            int[] row = counts[type.ordinal()];
            OrderTypeStatistics s = new OrderTypeStatistics(type, row[0], row[1], row[2]);
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }
}

package io.batchcast.adapter.sse;

import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.in.OperationRequest;
import io.batchcast.application.port.in.SubmitOrderBatchCommand;
import io.batchcast.application.port.out.ExecutionReport;
import io.batchcast.application.port.out.OrderExecutionPort;
import io.batchcast.application.service.BatchLimits;
import io.batchcast.application.service.DeliveryCounters;
import io.batchcast.application.service.DeliveryLimits;
import io.batchcast.application.service.EventDelivery;
import io.batchcast.application.service.EventFeed;
import io.batchcast.application.service.ManagingStrategies;
import io.batchcast.application.service.SubmittingOrderBatches;
import io.batchcast.application.testing.InMemoryStore;
import io.batchcast.domain.NewOrder;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.Side;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real application behind the web adapter: strategies, batch submission and the event feed, over the
 * application's in-memory store and an exchange that accepts everything. Batches complete at a fixed instant, so
 * event timestamps on the wire are known in advance.
 */
final class TradingDesk {

    static final Instant COMPLETED_AT = Instant.parse("2025-10-30T12:34:56.789Z");
    static final String TIMESTAMP = "2025-10-30T12:34:56.789Z";

    final InMemoryStore store = new InMemoryStore();
    final EventFeed feed = new EventFeed(store, store, 1000);
    private final Clock clock = Clock.fixed(COMPLETED_AT, ZoneOffset.UTC);
    private final ManagingStrategies strategies = new ManagingStrategies(store, clock);
    private final SubmittingOrderBatches submitting = new SubmittingOrderBatches(store, store, store, store,
            new AcceptingExchange(), feed, clock, BatchLimits.defaults());
    private final AtomicLong clientOrderIds = new AtomicLong();

    /** Event delivery over this desk's feed, as bootstrap wires it (one per test server; the counters to assert). */
    EventDelivery delivery(DeliveryLimits limits, DeliveryCounters counters) {
        return new EventDelivery(feed, limits, counters, Clock.systemUTC());
    }

    EventDelivery delivery() {
        return delivery(DeliveryLimits.defaults(), new DeliveryCounters());
    }

    long strategyOf(String userId) {
        return strategies.create(userId, "desk strategy").id();
    }

    BatchReceipt submit(String userId, long strategyId, List<OperationRequest> operations) {
        return submitting.submit(new SubmitOrderBatchCommand(userId, strategyId, "", operations));
    }

    /** A batch creating {@code count} LIMIT orders; returns their client order ids in the receipt's order. */
    BatchReceipt createLimits(String userId, long strategyId, int count) {
        List<OperationRequest> operations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            operations.add(create(OrderType.LIMIT));
        }
        return submit(userId, strategyId, operations);
    }

    /** Where a receipt's event stands in its user's sequence (the cursor of {@code /api/v1/events}). */
    long userSeqOf(BatchReceipt receipt) {
        String userId = store.recordedBatches().stream().filter(b -> b.batchId().equals(receipt.batchId()))
                .findFirst().orElseThrow().stream().userId();
        return store.userEventsAfter(userId, 0, Integer.MAX_VALUE).stream()
                .filter(e -> e.batchEvent().map(b -> b.batchId().equals(receipt.batchId())).orElse(false)).findFirst().orElseThrow().userSeq();
    }

    /** The event id of a receipt, as the wire shows it. */
    static String eventId(BatchReceipt receipt) {
        return receipt.eventId().orElseThrow().toString();
    }

    OperationRequest create(OrderType type) {
        String price = type.takesPrice() ? "101.25" : null;
        String stop = type.takesStopPrice() ? "99.5" : null;
        return new OperationRequest.Create("c-" + clientOrderIds.incrementAndGet(), "BTC-USD", Side.BUY, type, "0.5",
                price, stop);
    }

    static OperationRequest cancelByClientId(String clientOrderId) {
        return new OperationRequest.Cancel(null, clientOrderId);
    }

    /** An exchange that accepts every order and every cancel at once. */
    private static final class AcceptingExchange implements OrderExecutionPort {
        private final AtomicLong ids = new AtomicLong();

        @Override
        public ExecutionReport place(long strategyId, String venueClientOrderId, NewOrder order) {
            return new ExecutionReport.Accepted("ex-" + ids.incrementAndGet(), OrderStatus.OPEN);
        }

        @Override
        public ExecutionReport cancel(long strategyId, String venueClientOrderId, String orderId) {
            return new ExecutionReport.Accepted(orderId, OrderStatus.CANCELLED);
        }

        @Override
        public java.util.Optional<io.batchcast.application.port.out.VenueOrder> lookup(long strategyId,
                String venueClientOrderId) {
            throw new UnsupportedOperationException("every request is answered, nothing to reconcile");
        }
    }
}

package io.batchcast.adapter.persistence;

import static io.batchcast.adapter.persistence.TradingFixtures.NOON;
import static io.batchcast.adapter.persistence.TradingFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.in.OperationRequest;
import io.batchcast.application.port.in.SubmitOrderBatchCommand;
import io.batchcast.application.port.out.ExecutionReport;
import io.batchcast.application.port.out.OrderExecutionPort;
import io.batchcast.application.service.BatchLimits;
import io.batchcast.application.service.SubmittingOrderBatches;
import io.batchcast.domain.NewOrder;
import io.batchcast.domain.OperationError;
import io.batchcast.domain.OperationOutcome;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.Side;
import io.batchcast.domain.Strategy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two instances submit a batch each for one strategy, both with client order id "dup", and both reach the exchange
 * before either commits (the exchange holds each order until both are there). Before the fix the second commit
 * failed on the unique constraint and the whole second batch was lost, with its orders live on the exchange.
 */
class ClientOrderIdRaceTest {

    /** Accepts every order once both racing batches are in flight; remembers what it placed and cancelled. */
    private static final class MeetingExchange implements OrderExecutionPort {
        private final CyclicBarrier bothInFlight = new CyclicBarrier(2);
        private final AtomicInteger ids = new AtomicInteger();
        final Set<String> live = ConcurrentHashMap.newKeySet();
        final Set<String> cancelled = ConcurrentHashMap.newKeySet();

        @Override
        public ExecutionReport place(long strategyId, String venueClientOrderId, NewOrder order) {
            if (order.clientOrderId().equals("dup")) {
                try {
                    bothInFlight.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the other batch never reached the exchange", e);
                }
            }
            String orderId = "x-" + ids.incrementAndGet();
            live.add(orderId);
            return new ExecutionReport.Accepted(orderId, OrderStatus.OPEN);
        }

        @Override
        public ExecutionReport cancel(long strategyId, String venueClientOrderId, String orderId) {
            live.remove(orderId);
            cancelled.add(orderId);
            return new ExecutionReport.Accepted(orderId, OrderStatus.CANCELLED);
        }

        @Override
        public java.util.Optional<io.batchcast.application.port.out.VenueOrder> lookup(long strategyId,
                String venueClientOrderId) {
            throw new UnsupportedOperationException("every request is answered, nothing to reconcile");
        }
    }

    private static SubmittingOrderBatches service(Persistence persistence, OrderExecutionPort exchange) {
        return new SubmittingOrderBatches(persistence.strategyStore(), persistence.orderStore(),
                persistence.batchIntents(), persistence.batchRecorder(), exchange, event -> { }, Clock.systemUTC(),
                new BatchLimits(1000, 8));
    }

    private static OperationRequest limit(String clientOrderId) {
        return new OperationRequest.Create(clientOrderId, "BTC-USDT", Side.BUY, OrderType.LIMIT, "1", "50000", "");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theLaterBatchWithdrawsItsOrderForTheTakenIdAndRecordsTheRest(Engine engine) throws Exception {
        try (TestDatabase database = engine.newDatabase();
                Persistence instanceA = database.open();
                Persistence instanceB = database.open()) {
            Strategy strategy = instanceA.strategyStore().create(unique("alice"), "Grid BTC", NOON);
            MeetingExchange exchange = new MeetingExchange();
            SubmittingOrderBatches a = service(instanceA, exchange);
            SubmittingOrderBatches b = service(instanceB, exchange);
            Future<BatchReceipt> first;
            Future<BatchReceipt> second;
            try (ExecutorService callers = Executors.newFixedThreadPool(2)) {
                first = callers.submit(() -> a.submit(new SubmitOrderBatchCommand(strategy.userId(), strategy.id(),
                        "req-a", List.of(limit("a-1"), limit("dup")))));
                second = callers.submit(() -> b.submit(new SubmitOrderBatchCommand(strategy.userId(), strategy.id(),
                        "req-b", List.of(limit("dup"), limit("b-1")))));
            }
            List<OperationResult> results = new ArrayList<>(first.get().results());
            results.addAll(second.get().results());

            List<OperationResult> withdrawn = results.stream()
                    .filter(r -> r.outcome() == OperationOutcome.REJECTED).toList();
            assertEquals(1, withdrawn.size(), results.toString());
            OperationResult loser = withdrawn.getFirst();
            assertEquals(new OperationError(OperationError.DUPLICATE_CLIENT_ORDER_ID, "client_order_id 'dup' was"
                    + " taken by a concurrent batch while this one ran; the order placed for it (" + loser.orderId()
                    + ") was cancelled on the exchange"), loser.error());
            assertEquals(Set.of(loser.orderId()), exchange.cancelled);
            assertEquals(3, exchange.live.size());
            assertEquals(3, database.queryLong("SELECT COUNT(*) FROM orders WHERE strategy_id = ?", strategy.id()));
            assertEquals(2, database.queryLong("SELECT COUNT(*) FROM batches WHERE state = 'COMPLETED'"
                    + " AND request_id IN ('req-a', 'req-b')"));
            assertEquals(2, database.queryLong("SELECT head_seq FROM streams WHERE strategy_id = ?", strategy.id()),
                    "both batches emitted their event");
        }
    }
}

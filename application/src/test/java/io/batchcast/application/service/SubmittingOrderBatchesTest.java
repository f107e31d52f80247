package io.batchcast.application.service;

import static io.batchcast.application.service.Ops.cancelByClientId;
import static io.batchcast.application.service.Ops.cancelById;
import static io.batchcast.application.service.Ops.limit;
import static io.batchcast.application.service.Ops.market;
import static io.batchcast.application.service.Ops.stopLimit;
import static io.batchcast.application.service.Ops.stopMarket;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchcast.application.port.in.BatchOutcomeUnknownException;
import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.in.BatchValidationException;
import io.batchcast.application.port.in.OperationRequest;
import io.batchcast.application.port.in.RequestIdConflictException;
import io.batchcast.application.port.in.StrategyNotFoundException;
import io.batchcast.application.port.in.SubmitOrderBatchCommand;
import io.batchcast.application.port.out.RecordedBatch;
import io.batchcast.application.testing.InMemoryStore;
import io.batchcast.domain.EventId;
import io.batchcast.domain.NewOrder;
import io.batchcast.domain.Order;
import io.batchcast.domain.Side;
import io.batchcast.domain.OperationError;
import io.batchcast.domain.OperationOutcome;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.OrderTypeSummary;
import io.batchcast.domain.StoredEvent;
import io.batchcast.domain.Strategy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubmittingOrderBatchesTest {

    private static final Instant NOW = Instant.parse("2025-10-30T12:34:56.789Z");

    private final InMemoryStore store = new InMemoryStore();
    private final ScriptedExchange exchange = new ScriptedExchange();
    private final List<StoredEvent> published = new CopyOnWriteArrayList<>();
    private SubmittingOrderBatches service;
    private Strategy strategy;

    @BeforeEach
    void setUp() {
        service = service(store);
        strategy = store.create("u1", "alpha", NOW);
    }

    private SubmittingOrderBatches service(InMemoryStore s) {
        return new SubmittingOrderBatches(s, s, s, s, exchange, published::add, Clock.fixed(NOW, ZoneOffset.UTC),
                new BatchLimits(1000, 8));
    }

    private BatchReceipt submit(String requestId, OperationRequest... ops) {
        return service.submit(new SubmitOrderBatchCommand("u1", strategy.id(), requestId, List.of(ops)));
    }

    @Test
    void createsAndCancelsBecomeOneEventWithSummariesPerType() {
        BatchReceipt first = submit("", limit("l1"), limit("l2"), limit("l3"), stopLimit("s1"), stopMarket("m1"));
        String l1 = first.results().getFirst().orderId();
        String l2 = first.results().get(1).orderId();
        BatchReceipt second = submit("", cancelById(l1), cancelByClientId("l2"), market("mk"));

        assertEquals(List.of(new OrderTypeSummary(OrderType.LIMIT, 3, 0), new OrderTypeSummary(OrderType.STOP_LIMIT, 1, 0),
                new OrderTypeSummary(OrderType.STOP_MARKET, 1, 0)), first.summaries());
        assertEquals(List.of(
                OperationResult.cancelled(0, l1, "l1", OrderType.LIMIT),
                OperationResult.cancelled(1, l2, "l2", OrderType.LIMIT),
                OperationResult.created(2, "x-6", "mk", OrderType.MARKET)), second.results());
        assertEquals(List.of(new OrderTypeSummary(OrderType.LIMIT, 0, 2), new OrderTypeSummary(OrderType.MARKET, 1, 0)),
                second.summaries());
        assertEquals(Optional.of(new EventId("mem", 2)), second.eventId());
        assertEquals(2, published.size());
        assertEquals(second.summaries(), published.get(1).batchEvent().orElseThrow().summaries());
        assertEquals("2025-10-30T12:34:56.789Z", published.get(1).batchEvent().orElseThrow().timestampText());
        assertEquals(second.batchId(), published.get(1).batchEvent().orElseThrow().batchId());
        assertEquals(OrderStatus.CANCELLED, store.order(l1).orElseThrow().status());
        assertEquals(OrderStatus.OPEN, store.order(first.results().get(2).orderId()).orElseThrow().status());
    }

    @Test
    void invalidBatchExecutesRecordsAndEmitsNothing() {
        assertThrows(BatchValidationException.class,
                () -> submit("r1", limit("ok"), new OperationRequest.Create("c", "BTC", null, OrderType.LIMIT, "1", "1", "")));

        assertEquals(0, exchange.placeCalls.get());
        assertEquals(List.of(), store.recordedBatches());
        assertEquals(List.of(), published);
    }

    @Test
    void anotherUsersStrategyIsNotFoundAndNothingRuns() {
        Strategy foreign = store.create("u2", "theirs", NOW);

        assertThrows(StrategyNotFoundException.class, () -> service.submit(
                new SubmitOrderBatchCommand("u1", foreign.id(), "", List.of(limit("a")))));
        assertEquals(0, exchange.placeCalls.get());
    }

    @Test
    void batchWithOnlyRejectedOperationsEmitsNoEvent() {
        BatchReceipt receipt = submit("", cancelById("nope"));

        assertEquals(List.of(OperationResult.rejected(0, "nope", null, null,
                new OperationError(OperationError.UNKNOWN_ORDER, "no order 'nope' in this strategy"))), receipt.results());
        assertEquals(List.of(), receipt.summaries());
        assertEquals(Optional.empty(), receipt.eventId());
        assertEquals(List.of(), published);
        assertEquals(1, store.recordedBatches().size());
    }

    @Test
    void exchangeRefusalsAndCancelStatesAreRejectedPerOperation() {
        exchange.refusedSymbols = Set.of("DOGE-USDT");
        submit("", limit("open"), market("filled"), limit("other"));
        submit("", cancelByClientId("open"));

        BatchReceipt receipt = submit("", cancelByClientId("open"), cancelByClientId("filled"),
                new OperationRequest.Create("d", "DOGE-USDT", io.batchcast.domain.Side.BUY, OrderType.LIMIT, "1", "1", ""),
                limit("other"));

        assertEquals(List.of(OperationOutcome.REJECTED, OperationOutcome.REJECTED, OperationOutcome.REJECTED,
                OperationOutcome.REJECTED), receipt.results().stream().map(OperationResult::outcome).toList());
        assertEquals(List.of(OperationError.ALREADY_CANCELLED, OperationError.NOT_CANCELLABLE,
                OperationError.EXCHANGE_REJECTED, OperationError.DUPLICATE_CLIENT_ORDER_ID),
                receipt.results().stream().map(r -> r.error().reason()).toList());
        assertEquals(OrderType.MARKET, receipt.results().get(1).orderType());
        assertEquals(Optional.empty(), receipt.eventId());
    }

    @Test
    void anExchangeThatCannotBeReachedLeavesTheOutcomeUnknownInsteadOfRejecting() {
        exchange.down = true;

        BatchOutcomeUnknownException unknown = assertThrows(BatchOutcomeUnknownException.class,
                () -> submit("req-down", limit("a"), limit("b")));

        assertEquals("batch " + unknown.batchId() + " was sent to the exchange but its outcome is not recorded yet:"
                + " retry with the same request_id 'req-down' to get it; do not resubmit under a new one",
                unknown.getMessage());
        assertEquals(List.of(), store.recordedBatches());
        assertEquals(1, store.openIntents().size(), "the intent stays until the venue can say what it did");
        assertEquals(List.of(), published);
    }

    @Test
    void resultsKeepRequestOrderWhileOperationsRunInParallel() {
        exchange.latency = Duration.ofMillis(20);
        OperationRequest[] ops = new OperationRequest[40];
        for (int i = 0; i < ops.length; i++) {
            ops[i] = limit("c" + i);
        }

        BatchReceipt receipt = submit("", ops);

        for (int i = 0; i < ops.length; i++) {
            assertEquals(i, receipt.results().get(i).index());
            assertEquals("c" + i, receipt.results().get(i).clientOrderId());
        }
        assertEquals(8, exchange.maxInFlight.get(), "parallelism is bounded by maxParallelism and reached");
        assertEquals(List.of(new OrderTypeSummary(OrderType.LIMIT, 40, 0)), receipt.summaries());
    }

    @Test
    void retryWithTheSameRequestIdReturnsTheStoredReceiptAndEmitsNothing() {
        BatchReceipt first = submit("req-1", limit("a"), stopLimit("b"));
        BatchReceipt retry = submit("req-1", limit("a"), stopLimit("b"));

        assertEquals(first, retry);
        assertEquals(2, exchange.placeCalls.get());
        assertEquals(1, published.size());
    }

    @Test
    void sameRequestIdWithAnotherPayloadIsAConflict() {
        submit("req-1", limit("a"));

        assertThrows(RequestIdConflictException.class, () -> submit("req-1", limit("b")));
        assertEquals(1, exchange.placeCalls.get());
    }

    @Test
    void twoConcurrentSubmitsWithOneRequestIdExecuteOnce() throws Exception {
        exchange.latency = Duration.ofMillis(200);
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            List<Future<BatchReceipt>> calls = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                calls.add(threads.submit(() -> {
                    start.await();
                    return submit("same", limit("a"), limit("b"));
                }));
            }
            start.countDown();
            assertEquals(calls.get(0).get(), calls.get(1).get());
        }
        assertEquals(2, exchange.placeCalls.get());
        assertEquals(1, published.size());
        assertEquals(1, store.recordedBatches().size());
    }

    @Test
    void aClaimLeftPendingByAServerThatStoppedMidBatchIsReportedAsAbandonedNotInProgress() {
        var command = new SubmitOrderBatchCommand("u1", strategy.id(), "req-lost", List.of(limit("a")));
        store.legacyPendingClaim("u1", "req-lost", RequestHash.of(command), NOW.minus(Duration.ofMinutes(3)));

        var abandoned = assertThrows(io.batchcast.application.port.in.RequestAbandonedException.class,
                () -> service.submit(command));

        assertEquals("request_id 'req-lost' was claimed at 2025-10-30T12:31:56.789Z by a call that never finished (its "
                + "server stopped mid-batch); its outcome is unknown: check your orders by client_order_id and resubmit "
                + "what is missing with a new request_id", abandoned.getMessage());
        assertEquals(0, exchange.placeCalls.get());
    }

    @Test
    void cancelledCallStartsNoPendingOperations() {
        exchange.latency = Duration.ofMillis(50);
        AtomicBoolean gone = new AtomicBoolean();
        service = new SubmittingOrderBatches(store, store, store, store, new ScriptedExchange() {
            @Override
            public io.batchcast.application.port.out.ExecutionReport place(long id, String venueId,
                    io.batchcast.domain.NewOrder o) {
                var report = exchange.place(id, venueId, o);
                gone.set(true); // the client goes away while the first operation runs
                return report;
            }
        }, published::add, Clock.fixed(NOW, ZoneOffset.UTC), new BatchLimits(1000, 1));

        BatchReceipt receipt = service.submit(new SubmitOrderBatchCommand("u1", strategy.id(), "",
                List.of(limit("a"), limit("b"), limit("c")), gone::get));

        assertEquals(1, exchange.placeCalls.get());
        assertEquals(OperationOutcome.CREATED, receipt.results().get(0).outcome());
        assertEquals(List.of(OperationError.NOT_EXECUTED, OperationError.NOT_EXECUTED),
                receipt.results().subList(1, 3).stream().map(r -> r.error().reason()).toList());
        assertEquals("b", receipt.results().get(1).clientOrderId());
        assertEquals(List.of(new OrderTypeSummary(OrderType.LIMIT, 1, 0)), receipt.summaries());
    }

    /** What a concurrent batch of the same strategy stores while ours is at the exchange: an order under "dup". */
    private void concurrentBatchTakesClientOrderIdWhileOursIsPlaced(String clientOrderId) {
        AtomicBoolean once = new AtomicBoolean();
        exchange.beforePlace = order -> {
            if (order.clientOrderId().equals(clientOrderId) && once.compareAndSet(false, true)) {
                NewOrder theirs = new NewOrder(clientOrderId, "ETH-USDT", Side.SELL, OrderType.LIMIT,
                        new BigDecimal("3"), new BigDecimal("2500"), null);
                store.record(new RecordedBatch("their-batch", strategy.stream(), "", null,
                        List.of(new Order("theirs-1", strategy.id(), theirs, OrderStatus.OPEN, NOW)),
                        List.of(OperationResult.created(0, "theirs-1", clientOrderId, OrderType.LIMIT)),
                        Optional.empty(), NOW));
            }
        };
    }

    @Test
    void anOrderWhoseClientOrderIdAConcurrentBatchStoredFirstIsCancelledAndRejectedAndTheRestIsRecorded() {
        concurrentBatchTakesClientOrderIdWhileOursIsPlaced("dup");

        BatchReceipt receipt = submit("r1", limit("keep"), limit("dup"));

        String kept = receipt.results().get(0).orderId();
        String withdrawn = receipt.results().get(1).orderId();
        assertEquals(List.of(OperationResult.created(0, kept, "keep", OrderType.LIMIT),
                OperationResult.rejected(1, withdrawn, "dup", OrderType.LIMIT, new OperationError(
                        OperationError.DUPLICATE_CLIENT_ORDER_ID, "client_order_id 'dup' was taken by a concurrent"
                                + " batch while this one ran; the order placed for it (" + withdrawn
                                + ") was cancelled on the exchange"))), receipt.results());
        assertEquals(List.of(new OrderTypeSummary(OrderType.LIMIT, 1, 0)), receipt.summaries());
        assertEquals(1, exchange.cancelCalls.get(), "our order for 'dup' was cancelled on the exchange");
        assertEquals(List.of(receipt.summaries()), published.stream().map(e -> e.batchEvent().orElseThrow().summaries()).toList());
        assertEquals(Optional.empty(), store.order(withdrawn));
        assertEquals(OrderStatus.OPEN, store.order(kept).orElseThrow().status());
        assertEquals("ETH-USDT", store.order("theirs-1").orElseThrow().spec().symbol());
        assertEquals(receipt, submit("r1", limit("keep"), limit("dup")), "the retry gets the stored receipt");
        assertEquals(2, exchange.placeCalls.get());
    }

    @Test
    void aWithdrawnOrderThatTheExchangeWillNotCancelIsReportedAsPossiblyLive() {
        concurrentBatchTakesClientOrderIdWhileOursIsPlaced("dup");
        exchange.cancelsRefused = true;

        BatchReceipt receipt = submit("", limit("dup"));

        String withdrawn = receipt.results().getFirst().orderId();
        assertEquals(List.of(OperationResult.rejected(0, withdrawn, "dup", OrderType.LIMIT, new OperationError(
                OperationError.DUPLICATE_CLIENT_ORDER_ID, "client_order_id 'dup' was taken by a concurrent batch"
                        + " while this one ran; cancelling the order placed for it (" + withdrawn + ") failed"
                        + " (EXCHANGE_REJECTED: cancels are suspended): it may still be live on the exchange"))),
                receipt.results());
        assertEquals(Optional.empty(), receipt.eventId(), "nothing was created or cancelled");
        assertEquals(List.of(), published);
    }
}

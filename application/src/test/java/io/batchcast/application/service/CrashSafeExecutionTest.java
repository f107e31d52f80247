package io.batchcast.application.service;

import static io.batchcast.application.service.Ops.cancelByClientId;
import static io.batchcast.application.service.Ops.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchcast.application.port.in.BatchOutcomeUnknownException;
import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.in.OperationRequest;
import io.batchcast.application.port.in.StoreUnavailableException;
import io.batchcast.application.port.in.SubmitOrderBatchCommand;
import io.batchcast.application.port.out.BatchIntent;
import io.batchcast.application.port.out.IntentStep;
import io.batchcast.application.testing.InMemoryStore;
import io.batchcast.domain.OperationError;
import io.batchcast.domain.OperationOutcome;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.OrderTypeSummary;
import io.batchcast.domain.StoredEvent;
import io.batchcast.domain.Strategy;

import java.time.Duration;
import java.time.Instant;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The execution protocol: intent before the venue, never a second execution, reconciliation with the venue. */
class CrashSafeExecutionTest {

    private static final Instant START = Instant.parse("2026-12-01T12:00:00Z");
    private static final Duration RECONCILE_AFTER = Duration.ofSeconds(30);

    private final MovableClock clock = new MovableClock(START);
    private final InMemoryStore store = new InMemoryStore();
    private final ScriptedExchange exchange = new ScriptedExchange();
    private final List<StoredEvent> published = new CopyOnWriteArrayList<>();
    private Strategy strategy;

    @BeforeEach
    void setUp() {
        strategy = store.create("u1", "alpha", START);
    }

    /** A gateway instance: its own in-memory state, the shared store and venue. */
    private SubmittingOrderBatches instance() {
        return new SubmittingOrderBatches(store, store, store, store, exchange, published::add, clock,
                new BatchLimits(1000, 8), RECONCILE_AFTER);
    }

    private static SubmitOrderBatchCommand command(String requestId, OperationRequest... ops) {
        return new SubmitOrderBatchCommand("u1", 1, requestId, List.of(ops));
    }

    @Test
    void theIntentWithEveryVenueClientOrderIdIsStoredBeforeTheFirstVenueCall() {
        AtomicReference<List<BatchIntent>> atFirstCall = new AtomicReference<>();
        exchange.beforePlace = order -> atFirstCall.compareAndSet(null, store.openIntents());

        BatchReceipt receipt = instance().submit(command("req-1", limit("a"), limit("b")));

        BatchIntent intent = atFirstCall.get().getFirst();
        assertEquals(receipt.batchId(), intent.batchId());
        assertEquals("req-1", intent.requestId());
        List<String> venueIds = intent.steps().stream()
                .map(step -> ((IntentStep.Place) step).venueClientOrderId()).toList();
        assertEquals(List.of(VenueClientOrderIds.of(receipt.batchId(), 0), VenueClientOrderIds.of(receipt.batchId(), 1)),
                venueIds);
        assertEquals(venueIds.stream().sorted().toList(), exchange.venueIdsSeen.stream().sorted().toList());
        assertEquals(List.of(), store.openIntents(), "recording settled the intent");
    }

    @Test
    void venueClientOrderIdsAreShortAndTheSameForTheSameBatchOperation() {
        String batchId = "0b5c2f7e-8f1a-4d52-9c3e-2a6b1f0d9e47";

        assertEquals("C1wvfo8aTVKcPiprHw2eRw-7", VenueClientOrderIds.of(batchId, 7));
        assertEquals(VenueClientOrderIds.of(batchId, 7), VenueClientOrderIds.of(batchId, 7));
        assertEquals("C1wvfo8aTVKcPiprHw2eRw-7w", VenueClientOrderIds.withdrawalOf(batchId, 7));
        assertTrue(VenueClientOrderIds.of(batchId, 999).length() <= 36);
    }

    @Test
    void aStoreFailureAfterTheVenueCallsNeverExecutesTheBatchAgainAndTheRetryGetsWhatHappened() {
        SubmittingOrderBatches gateway = instance();
        exchange.beforePlace = order -> store.down = true; // the database goes away while the orders are at the venue

        var unknown = assertThrows(BatchOutcomeUnknownException.class,
                () -> gateway.submit(command("req-1", limit("a"), limit("b"))));
        assertInstanceOf(StoreUnavailableException.class, unknown.getCause());
        assertThrows(StoreUnavailableException.class, () -> gateway.submit(command("req-1", limit("a"), limit("b"))),
                "a retry while the store is down fails before anything is sent");
        assertEquals(2, exchange.placeCalls.get());

        exchange.beforePlace = order -> { };
        store.down = false;
        assertEquals(1, gateway.reconciliation().reconcileDue(), "recorded as soon as the store is back");
        BatchReceipt retry = gateway.submit(command("req-1", limit("a"), limit("b")));

        assertEquals(unknown.batchId(), retry.batchId());
        assertEquals(List.of(OperationOutcome.CREATED, OperationOutcome.CREATED),
                retry.results().stream().map(OperationResult::outcome).toList());
        assertEquals(2, exchange.placeCalls.get(), "never placed twice");
        assertEquals(1, published.size(), "one event");
        assertEquals(List.of(new OrderTypeSummary(OrderType.LIMIT, 2, 0)), published.getFirst().batchEvent().orElseThrow().summaries());
        assertEquals(OrderStatus.OPEN, store.order(retry.results().getFirst().orderId()).orElseThrow().status());
    }

    @Test
    void anIntentWhoseCommitAnswerWasLostIsDeletedOnceTheStoreIsBackAndTheRetryExecutesIt() {
        SubmittingOrderBatches gateway = instance();
        store.loseNextIntentAck = true;

        assertThrows(StoreUnavailableException.class, () -> gateway.submit(command("req-1", limit("a"))));
        assertEquals(0, exchange.placeCalls.get());
        assertEquals(1, store.openIntents().size(), "the intent was stored after all");

        assertEquals(1, gateway.reconciliation().reconcileDue());
        assertEquals(List.of(), store.openIntents());
        BatchReceipt retry = gateway.submit(command("req-1", limit("a")));

        assertEquals(OperationOutcome.CREATED, retry.results().getFirst().outcome());
        assertEquals(1, exchange.placeCalls.get());
    }

    @Test
    void aLostVenueAnswerIsLookedUpAndRecordedAsWhatTheVenueDid() {
        exchange.answersLost = true;

        BatchReceipt receipt = instance().submit(command("", limit("a")));

        assertEquals(OperationOutcome.CREATED, receipt.results().getFirst().outcome());
        assertEquals("x-1", receipt.results().getFirst().orderId());
        assertEquals(1, exchange.lookupCalls.get());
        assertEquals(1, published.size());
    }

    @Test
    void aRetryAfterTheReconcileDelayOfABatchWhoseInstanceDiedReconcilesItWithTheVenue() {
        store.down = false;
        exchange.beforePlace = order -> store.down = true;
        assertThrows(BatchOutcomeUnknownException.class, () -> instance().submit(command("req-1", limit("a"))));
        exchange.beforePlace = order -> { };
        store.down = false; // the first instance died holding the results; another one gets the retry

        clock.set(START.plus(RECONCILE_AFTER));
        BatchReceipt retry = instance().submit(command("req-1", limit("a")));

        assertEquals(List.of(OperationResult.created(0, "x-1", "a", OrderType.LIMIT)), retry.results());
        assertEquals(1, exchange.placeCalls.get());
        assertEquals(1, published.size());
    }

    @Test
    void reconciliationRecordsAStepTheVenueNeverReceivedAsNotExecuted() {
        // An instance stored this intent, placed operation 0, and died before sending operation 1.
        SubmittingOrderBatches survivor = instance();
        BatchReceipt resting = survivor.submit(command("", limit("open-1")));
        BatchIntent intent = new BatchIntent("batch-dead", strategy.stream(), "req-9", "h",
                List.of(new IntentStep.Place(0, "vid-0", IntentStepsFixture.placeOf("p0")),
                        new IntentStep.Place(1, "vid-1", IntentStepsFixture.placeOf("p1")),
                        new IntentStep.Cancel(2, "vid-2", store.order(resting.results().getFirst().orderId()).orElseThrow())),
                START);
        store.open(intent);
        exchange.place(strategy.id(), "vid-0", IntentStepsFixture.placeOf("p0"));
        clock.set(START.plus(Duration.ofSeconds(29)));
        assertEquals(0, survivor.reconciliation().reconcileDue(), "too young: its instance may still be executing it");

        clock.set(START.plus(RECONCILE_AFTER).plusMillis(1));
        assertEquals(1, survivor.reconciliation().reconcileDue());

        BatchReceipt reconciled = store.receipt("batch-dead").orElseThrow();
        String notExecuted = "reconciled with the venue after the gateway failed mid-batch: the venue never acted on this ";
        assertEquals(List.of(OperationResult.created(0, "x-2", "p0", OrderType.LIMIT),
                OperationResult.rejected(1, null, "p1", OrderType.LIMIT,
                        new OperationError(OperationError.NOT_EXECUTED, notExecuted + "order")),
                OperationResult.rejected(2, resting.results().getFirst().orderId(), "open-1", OrderType.LIMIT,
                        new OperationError(OperationError.NOT_EXECUTED, notExecuted + "cancel"))),
                reconciled.results());
        assertEquals(List.of(), store.openIntents());
        assertEquals(2, published.size(), "the resting order's batch and the reconciled one, once each");
        assertEquals(OrderStatus.OPEN, store.order("x-2").orElseThrow().status());
    }

    @Test
    void aVenueThatCannotBeAskedKeepsTheIntentForTheNextPass() {
        exchange.down = true;
        SubmittingOrderBatches gateway = instance();
        assertThrows(BatchOutcomeUnknownException.class, () -> gateway.submit(command("req-1", limit("a"))));

        clock.set(START.plus(RECONCILE_AFTER));
        assertEquals(0, gateway.reconciliation().reconcileDue());
        assertEquals(1, store.openIntents().size());

        exchange.down = false;
        assertEquals(1, gateway.reconciliation().reconcileDue());
        BatchReceipt receipt = gateway.submit(command("req-1", limit("a")));
        assertEquals(OperationError.NOT_EXECUTED, receipt.results().getFirst().error().reason(),
                "the venue never got it: it was down");
        assertEquals(1, exchange.placeCalls.get());
    }

    @Test
    void aCancelWhoseAnswerWasLostIsRecordedAsCancelled() {
        SubmittingOrderBatches gateway = instance();
        gateway.submit(command("", limit("a")));
        exchange.answersLost = true;

        BatchReceipt receipt = gateway.submit(command("", cancelByClientId("a")));

        assertEquals(OperationOutcome.CANCELLED, receipt.results().getFirst().outcome());
        assertEquals(OrderStatus.CANCELLED, store.order("x-1").orElseThrow().status());
    }
}

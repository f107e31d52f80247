package io.batchcast.adapter.persistence;

import static io.batchcast.adapter.persistence.TradingFixtures.NOON;
import static io.batchcast.adapter.persistence.TradingFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchcast.application.port.in.StoreUnavailableException;
import io.batchcast.application.port.out.ClientOrderIdsTakenException;
import io.batchcast.application.port.out.RecordedBatch;
import io.batchcast.application.port.out.RequestClaim;
import io.batchcast.application.port.out.StreamWindow;
import io.batchcast.domain.EventId;
import io.batchcast.domain.OperationError;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.Order;
import io.batchcast.domain.OrderBatchEvent;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.OrderTypeSummary;
import io.batchcast.domain.StoredEvent;
import io.batchcast.domain.Strategy;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BatchRecorderTest {

    private static final Databases DATABASES = new Databases();

    @AfterAll
    static void dropDatabases() {
        DATABASES.close();
    }

    private static Strategy newStrategy(Engine engine) {
        return DATABASES.persistence(engine).strategyStore().create(unique("alice"), "Grid BTC", NOON);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void recordedEventReplaysWithExactValues(Engine engine) {
        Persistence persistence = DATABASES.persistence(engine);
        Strategy strategy = newStrategy(engine);
        RecordedBatch batch = TradingFixtures.creating(strategy, unique("batch"), "", List.of(
                TradingFixtures.limitBuy(strategy, "ord-1", "cli-1", "0.00000001", "100"),
                TradingFixtures.limitBuy(strategy, "ord-2", "cli-2", "1", "101"),
                TradingFixtures.stopLimitSell(strategy, "ord-3", "cli-3")));

        StoredEvent stored = persistence.batchRecorder().record(batch).orElseThrow();

        OrderBatchEvent expected = new OrderBatchEvent(
                List.of(new OrderTypeSummary(OrderType.LIMIT, 2, 0), new OrderTypeSummary(OrderType.STOP_LIMIT, 1, 0)),
                strategy.id(), strategy.userId(), batch.batchId(), NOON);
        assertEquals(new StoredEvent(new EventId(persistence.epoch(), 1), expected, 1), stored);
        assertEquals(List.of(stored), persistence.eventLog().eventsAfter(strategy.id(), 0, 10));
        assertEquals("2025-10-30T12:34:56.789Z",
                persistence.eventLog().eventsAfter(strategy.id(), 0, 1).getFirst().batchEvent().orElseThrow().timestampText());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void eachStreamCountsItsOwnSequenceFromOne(Engine engine) {
        Persistence persistence = DATABASES.persistence(engine);
        Strategy first = newStrategy(engine);
        Strategy second = newStrategy(engine);

        long a1 = persistence.batchRecorder().record(TradingFixtures.oneLimitOrder(first, NOON)).orElseThrow().id().seq();
        long b1 = persistence.batchRecorder().record(TradingFixtures.oneLimitOrder(second, NOON)).orElseThrow().id().seq();
        long a2 = persistence.batchRecorder().record(TradingFixtures.oneLimitOrder(first, NOON)).orElseThrow().id().seq();

        assertEquals(List.of(1L, 1L, 2L), List.of(a1, b1, a2));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void batchThatChangedNothingAppendsNoEvent(Engine engine) {
        Persistence persistence = DATABASES.persistence(engine);
        Strategy strategy = newStrategy(engine);
        RecordedBatch rejectedOnly = TradingFixtures.batch(strategy, unique("batch"), "", List.of(),
                List.of(OperationResult.rejected(0, "ord-404", null, null,
                        new OperationError(OperationError.UNKNOWN_ORDER, "no order 'ord-404'"))));

        assertEquals(Optional.empty(), persistence.batchRecorder().record(rejectedOnly));
        assertEquals(new StreamWindow(persistence.epoch(), 1, 0), persistence.eventLog().window(strategy.id()));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void batchWithRequestIdButNoClaimIsStoredForRetries(Engine engine) {
        Persistence persistence = DATABASES.persistence(engine);
        Strategy strategy = newStrategy(engine);
        RecordedBatch batch = TradingFixtures.creating(strategy, unique("batch"), "req-unclaimed",
                List.of(TradingFixtures.limitBuy(strategy, unique("ord"), "cli-1", "1", "100")));

        persistence.batchRecorder().record(batch);

        RequestClaim claim = persistence.batchIntents().find(strategy.userId(), "req-unclaimed").orElseThrow();
        assertEquals("hash-req-unclaimed", ((RequestClaim.Completed) claim).requestHash());
    }

    /** The event insert fails last (a test-only constraint): the orders, batch and results before it roll back. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void batchThatFailsHalfwayLeavesNoRowsAndKeepsItsIntentUnsettled(Engine engine) {
        Persistence persistence = DATABASES.persistence(engine);
        TestDatabase database = DATABASES.database(engine);
        database.execute("ALTER TABLE events ADD CONSTRAINT test_refuses_doomed CHECK (batch_id <> 'doomed')");
        Strategy strategy = newStrategy(engine);
        List<Order> orders = List.of(TradingFixtures.limitBuy(strategy, "ord-1", "cli-1", "1", "100"),
                TradingFixtures.marketBuy(strategy, "ord-2", "cli-2"));
        RecordedBatch doomed = TradingFixtures.creating(strategy, "doomed", "req-doomed", orders);
        var intent = TradingFixtures.intentOf(doomed, NOON);
        persistence.batchIntents().open(intent);

        assertThrows(StoreUnavailableException.class, () -> persistence.batchRecorder().record(doomed));

        long id = strategy.id();
        assertEquals(0, database.queryLong("SELECT COUNT(*) FROM orders WHERE strategy_id = ?", id));
        assertEquals(0, database.queryLong("SELECT COUNT(*) FROM batches WHERE batch_id = 'doomed' AND state <> 'INTENT'"));
        assertEquals(0, database.queryLong("SELECT COUNT(*) FROM batch_results WHERE batch_id = 'doomed'"));
        assertEquals(0, database.queryLong("SELECT COUNT(*) FROM streams WHERE strategy_id = ?", id));
        assertEquals(Optional.of(new RequestClaim.Unsettled("hash-req-doomed", intent)),
                persistence.batchIntents().find(strategy.userId(), "req-doomed"));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void orderOfAnotherStrategyIsRefusedBeforeWriting(Engine engine) {
        Strategy strategy = newStrategy(engine);
        Strategy other = newStrategy(engine);
        Order foreign = TradingFixtures.limitBuy(other, "ord-1", "cli-1", "1", "100");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> DATABASES.persistence(engine).batchRecorder()
                        .record(TradingFixtures.creating(strategy, unique("batch"), "", List.of(foreign))));

        assertEquals("orders must belong to strategy " + strategy.id() + ", order ord-1 belongs to " + other.id(),
                refused.getMessage());
    }

    /** Orders with a CREATED result are inserted; the others (cancelled ones) must exist and are updated. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void cancelledOrdersAreUpdatedInPlaceAndPlacedOnesInserted(Engine engine) {
        Strategy strategy = newStrategy(engine);
        TestDatabase database = DATABASES.database(engine);
        Order first = TradingFixtures.limitBuy(strategy, "ord-1", "cli-1", "1", "100");
        DATABASES.persistence(engine).batchRecorder()
                .record(TradingFixtures.creating(strategy, unique("batch"), "", List.of(first)));
        Order second = TradingFixtures.limitBuy(strategy, "ord-2", "cli-2", "2", "101");

        DATABASES.persistence(engine).batchRecorder().record(TradingFixtures.batch(strategy, unique("batch"), "",
                List.of(second, first.withStatus(OrderStatus.CANCELLED, NOON)), List.of(
                        OperationResult.created(0, "ord-2", "cli-2", OrderType.LIMIT),
                        OperationResult.cancelled(1, "ord-1", "cli-1", OrderType.LIMIT))));

        long id = strategy.id();
        assertEquals(2, database.queryLong("SELECT COUNT(*) FROM orders WHERE strategy_id = ?", id));
        assertEquals(1, database.queryLong("SELECT COUNT(*) FROM orders WHERE strategy_id = ? AND order_id = 'ord-1'"
                + " AND status = 'CANCELLED' AND quantity = 1", id));
        assertEquals(1, database.queryLong("SELECT COUNT(*) FROM orders WHERE strategy_id = ? AND order_id = 'ord-2'"
                + " AND status = 'OPEN' AND quantity = 2 AND price = 101", id));
    }

    /** A cancelled order that was never stored is a bug upstream: the batch's transaction fails and writes nothing. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void cancellingAnOrderThatIsNotStoredWritesNothing(Engine engine) {
        Strategy strategy = newStrategy(engine);
        TestDatabase database = DATABASES.database(engine);
        Order placed = TradingFixtures.limitBuy(strategy, "ord-1", "cli-1", "1", "100");
        Order ghost = TradingFixtures.limitBuy(strategy, "ord-9", "cli-9", "1", "100")
                .withStatus(OrderStatus.CANCELLED, NOON);
        String batchId = unique("batch");

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> DATABASES.persistence(engine).batchRecorder().record(TradingFixtures.batch(strategy, batchId,
                        "", List.of(placed, ghost), List.of(
                                OperationResult.created(0, "ord-1", "cli-1", OrderType.LIMIT),
                                OperationResult.cancelled(1, "ord-9", "cli-9", OrderType.LIMIT)))));

        assertEquals("order ord-9 of strategy " + strategy.id()
                + " is not stored: only orders placed in this batch are new", refused.getMessage());
        assertEquals(0, database.queryLong("SELECT COUNT(*) FROM orders WHERE strategy_id = ?", strategy.id()));
        assertEquals(0, database.queryLong("SELECT COUNT(*) FROM batches WHERE batch_id = ?", batchId));
    }

    /** Two batches used one client order id at once; the later commit learns which ids, and writes nothing. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aClientOrderIdStoredByAnotherBatchFirstIsReportedByNameAndNothingIsWritten(Engine engine) {
        Strategy strategy = newStrategy(engine);
        TestDatabase database = DATABASES.database(engine);
        Persistence persistence = DATABASES.persistence(engine);
        persistence.batchRecorder().record(TradingFixtures.creating(strategy, unique("batch"), "",
                List.of(TradingFixtures.limitBuy(strategy, "ord-1", "dup", "1", "100"))));
        String batchId = unique("batch");
        RecordedBatch late = TradingFixtures.creating(strategy, batchId, "", List.of(
                TradingFixtures.limitBuy(strategy, "ord-2", "fresh", "1", "100"),
                TradingFixtures.limitBuy(strategy, "ord-3", "dup", "1", "100")));

        ClientOrderIdsTakenException taken = assertThrows(ClientOrderIdsTakenException.class,
                () -> persistence.batchRecorder().record(late));

        assertEquals(Set.of("dup"), taken.clientOrderIds());
        assertEquals(1, database.queryLong("SELECT COUNT(*) FROM orders WHERE strategy_id = ?", strategy.id()));
        assertEquals(0, database.queryLong("SELECT COUNT(*) FROM batches WHERE batch_id = ?", batchId));
        assertEquals(1, database.queryLong("SELECT head_seq FROM streams WHERE strategy_id = ?", strategy.id()));
    }

    /** Any other unique violation (here an order id the exchange handed out twice) stays a store failure. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void anOrderIdStoredTwiceIsAStoreFailureNotATakenClientOrderId(Engine engine) {
        Strategy strategy = newStrategy(engine);
        Persistence persistence = DATABASES.persistence(engine);
        persistence.batchRecorder().record(TradingFixtures.creating(strategy, unique("batch"), "",
                List.of(TradingFixtures.limitBuy(strategy, "ord-1", "cli-1", "1", "100"))));

        assertThrows(StoreUnavailableException.class, () -> persistence.batchRecorder().record(
                TradingFixtures.creating(strategy, unique("batch"), "",
                        List.of(TradingFixtures.limitBuy(strategy, "ord-1", "cli-2", "1", "100")))));
    }
}

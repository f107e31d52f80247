package io.batchcast.adapter.persistence;

import static io.batchcast.adapter.persistence.TradingFixtures.NOON;
import static io.batchcast.adapter.persistence.TradingFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.in.OrderCursor;
import io.batchcast.application.port.out.OrderHistory;
import io.batchcast.application.port.out.RecordedBatch;
import io.batchcast.application.port.out.StoredBatch;
import io.batchcast.domain.EventId;
import io.batchcast.domain.OperationError;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.Order;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.OrderTypeSummary;
import io.batchcast.domain.Strategy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** GetOrderBatch's and ListOrders' store queries (StoredBatches, OrderHistory) on H2 and PostgreSQL. */
class ReadBackStoreTest {

    private static final Databases DATABASES = new Databases();
    private static final Instant LATER = NOON.plus(Duration.ofMinutes(5));

    @AfterAll
    static void dropDatabases() {
        DATABASES.close();
    }

    private static Strategy newStrategy(Engine engine) {
        return DATABASES.persistence(engine).strategyStore().create(unique("alice"), "Grid BTC", NOON);
    }

    private static void record(Engine engine, RecordedBatch batch) {
        DATABASES.persistence(engine).batchRecorder().record(batch);
    }

    private static Order placedAt(Order order, Instant at) {
        return new Order(order.orderId(), order.strategyId(), order.spec(), order.status(), at);
    }

    private static List<String> ids(List<Order> orders) {
        return orders.stream().map(Order::orderId).toList();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void recordedBatchReadsBackAsTheReceiptItsSubmitReturned(Engine engine) {
        Strategy strategy = newStrategy(engine);
        Order limit = TradingFixtures.limitBuy(strategy, "ord-1", "cli-1", "1.50", "100");
        List<OperationResult> results = List.of(OperationResult.created(0, "ord-1", "cli-1", OrderType.LIMIT),
                OperationResult.rejected(1, null, "cli-x", OrderType.MARKET,
                        new OperationError("EXCHANGE_REJECTED", "symbol DOGE-USD is not traded")));
        record(engine, TradingFixtures.batch(strategy, "batch-1", "req-1", List.of(limit), results));

        Optional<StoredBatch> found = DATABASES.persistence(engine).storedBatches().batch(strategy.id(), "batch-1");

        String epoch = DATABASES.persistence(engine).epoch();
        assertEquals(Optional.of(new StoredBatch.Recorded(new BatchReceipt("batch-1", results,
                List.of(new OrderTypeSummary(OrderType.LIMIT, 1, 0)), Optional.of(new EventId(epoch, 1))))), found);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void batchWithoutEventHasNoEventId(Engine engine) {
        Strategy strategy = newStrategy(engine);
        List<OperationResult> rejected = List.of(OperationResult.rejected(0, null, null, null,
                new OperationError("UNKNOWN_ORDER", "no order ord-404")));
        record(engine, TradingFixtures.batch(strategy, "batch-r", "", List.of(), rejected));

        assertEquals(Optional.of(new StoredBatch.Recorded(new BatchReceipt("batch-r", rejected, List.of(),
                Optional.empty()))), DATABASES.persistence(engine).storedBatches().batch(strategy.id(), "batch-r"));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void unsettledBatchIsFoundAsUnsettledWithItsRequestId(Engine engine) {
        Strategy strategy = newStrategy(engine);
        RecordedBatch batch = TradingFixtures.oneLimitOrder(strategy, NOON);
        RecordedBatch withRequestId = TradingFixtures.creating(strategy, unique("batch"), "req-7", batch.orders());
        DATABASES.persistence(engine).batchIntents().open(TradingFixtures.intentOf(withRequestId, NOON));

        assertEquals(Optional.of(new StoredBatch.Unsettled("req-7")),
                DATABASES.persistence(engine).storedBatches().batch(strategy.id(), withRequestId.batchId()));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void batchOfAnotherStrategyAndUnknownIdsAreNotFound(Engine engine) {
        Strategy mine = newStrategy(engine);
        Strategy other = newStrategy(engine);
        RecordedBatch theirs = TradingFixtures.oneLimitOrder(other, NOON);
        record(engine, theirs);

        var batches = DATABASES.persistence(engine).storedBatches();
        assertEquals(Optional.empty(), batches.batch(mine.id(), theirs.batchId()));
        assertEquals(Optional.empty(), batches.batch(other.id(), "batch-404"));
        assertEquals(Optional.empty(), batches.batch(other.id(), "x".repeat(300)));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void ordersComeBackNewestFirstWithExactValues(Engine engine) {
        Strategy strategy = newStrategy(engine);
        Order older = TradingFixtures.limitBuy(strategy, "ord-1", "cli-1", "0.00000001", "123456789.123456789");
        Order newer = placedAt(TradingFixtures.stopLimitSell(strategy, "ord-2", "cli-2"), LATER);
        record(engine, TradingFixtures.creating(strategy, unique("batch"), "", List.of(older)));
        record(engine, TradingFixtures.batch(strategy, unique("batch"), "", List.of(newer),
                List.of(OperationResult.created(0, "ord-2", "cli-2", OrderType.STOP_LIMIT)), LATER));

        List<Order> orders = history(engine).newestFirst(strategy.id(), Optional.empty(), Optional.empty(), 10);

        assertEquals(List.of(newer, older), orders);
        assertEquals("0.00000001", orders.get(1).spec().quantity().toPlainString());
        assertEquals("123456789.123456789", orders.get(1).spec().price().toPlainString());
        assertEquals(NOON, orders.get(1).createdAt());
        assertEquals(NOON, orders.get(1).updatedAt());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void cancellingKeepsCreatedAtAndMovesUpdatedAt(Engine engine) {
        Strategy strategy = newStrategy(engine);
        Order order = TradingFixtures.limitBuy(strategy, "ord-1", "cli-1", "1", "100");
        record(engine, TradingFixtures.creating(strategy, unique("batch"), "", List.of(order)));
        Order cancelled = order.withStatus(OrderStatus.CANCELLED, LATER);
        record(engine, TradingFixtures.batch(strategy, unique("batch"), "", List.of(cancelled),
                List.of(OperationResult.cancelled(0, "ord-1", "cli-1", OrderType.LIMIT)), LATER));

        List<Order> orders = history(engine).newestFirst(strategy.id(), Optional.empty(), Optional.empty(), 10);

        assertEquals(List.of(new Order("ord-1", strategy.id(), order.spec(), OrderStatus.CANCELLED, NOON, LATER)),
                orders);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void pagesFollowTheCursorAcrossOrdersOfOneInstantByOrderId(Engine engine) {
        Strategy strategy = newStrategy(engine);
        List<Order> orders = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            orders.add(TradingFixtures.limitBuy(strategy, "ord-" + i, "cli-" + i, "1", "100")); // all placed at NOON
        }
        record(engine, TradingFixtures.creating(strategy, unique("batch"), "", orders));
        Order newest = placedAt(TradingFixtures.marketBuy(strategy, "ord-0", "cli-0"), LATER);
        record(engine, TradingFixtures.batch(strategy, unique("batch"), "", List.of(newest),
                List.of(OperationResult.created(0, "ord-0", "cli-0", OrderType.MARKET)), LATER));

        OrderHistory history = history(engine);
        List<Order> first = history.newestFirst(strategy.id(), Optional.empty(), Optional.empty(), 3);
        List<Order> second = history.newestFirst(strategy.id(), Optional.empty(), Optional.of(cursor(first)), 3);
        List<Order> rest = history.newestFirst(strategy.id(), Optional.empty(), Optional.of(cursor(second)), 3);

        assertEquals(List.of("ord-0", "ord-5", "ord-4"), ids(first));
        assertEquals(List.of("ord-3", "ord-2", "ord-1"), ids(second));
        assertEquals(List.of(), rest);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void statusFilterListsOnlyThatStatus(Engine engine) {
        Strategy strategy = newStrategy(engine);
        Order open = TradingFixtures.limitBuy(strategy, "ord-1", "cli-1", "1", "100");
        Order filled = TradingFixtures.marketBuy(strategy, "ord-2", "cli-2");
        Order open2 = TradingFixtures.stopLimitSell(strategy, "ord-3", "cli-3");
        record(engine, TradingFixtures.creating(strategy, unique("batch"), "", List.of(open, filled, open2)));

        OrderHistory history = history(engine);
        assertEquals(List.of("ord-3", "ord-1"),
                ids(history.newestFirst(strategy.id(), Optional.of(OrderStatus.OPEN), Optional.empty(), 10)));
        assertEquals(List.of("ord-2"),
                ids(history.newestFirst(strategy.id(), Optional.of(OrderStatus.FILLED), Optional.empty(), 10)));
        assertEquals(List.of(),
                ids(history.newestFirst(strategy.id(), Optional.of(OrderStatus.CANCELLED), Optional.empty(), 10)));
        assertEquals(List.of("ord-1"), ids(history.newestFirst(strategy.id(), Optional.of(OrderStatus.OPEN),
                Optional.of(new OrderCursor(NOON, "ord-3")), 10)));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void ordersOfAnotherStrategyAreNotListed(Engine engine) {
        Strategy mine = newStrategy(engine);
        Strategy other = newStrategy(engine);
        record(engine, TradingFixtures.creating(other, unique("batch"), "",
                List.of(TradingFixtures.limitBuy(other, "ord-1", "cli-1", "1", "100"))));

        assertEquals(List.of(), history(engine).newestFirst(mine.id(), Optional.empty(), Optional.empty(), 10));
    }

    private static OrderHistory history(Engine engine) {
        return DATABASES.persistence(engine).orderHistory();
    }

    private static OrderCursor cursor(List<Order> page) {
        Order last = page.getLast();
        return new OrderCursor(last.createdAt(), last.orderId());
    }
}

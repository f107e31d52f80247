package io.batchcast.adapter.persistence;

import static io.batchcast.adapter.persistence.TradingFixtures.NOON;
import static io.batchcast.adapter.persistence.TradingFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchcast.domain.OperationResult;
import io.batchcast.domain.Order;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.Strategy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OrderStoreTest {

    private static final Databases DATABASES = new Databases();

    @AfterAll
    static void dropDatabases() {
        DATABASES.close();
    }

    private static Strategy newStrategy(Engine engine) {
        return DATABASES.persistence(engine).strategyStore().create(unique("alice"), "Grid BTC", NOON);
    }

    private static void record(Engine engine, Strategy strategy, List<Order> orders) {
        DATABASES.persistence(engine).batchRecorder()
                .record(TradingFixtures.creating(strategy, unique("batch"), "", orders));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void recordedOrdersAreFoundByOrderIdAndClientOrderIdWithExactDecimals(Engine engine) {
        Strategy strategy = newStrategy(engine);
        Order tiny = TradingFixtures.limitBuy(strategy, "ord-1", "cli-1", "0.00000001", "123456789.123456789");
        Order stop = TradingFixtures.stopLimitSell(strategy, "ord-2", "cli-2");
        Order market = TradingFixtures.marketBuy(strategy, "ord-3", "cli-3");
        record(engine, strategy, List.of(tiny, stop, market));

        var orders = DATABASES.persistence(engine).orderStore();
        assertEquals(Optional.of(tiny), orders.findByOrderId(strategy.id(), "ord-1"));
        assertEquals(new BigDecimal("0.00000001"), orders.findByOrderId(strategy.id(), "ord-1").orElseThrow()
                .spec().quantity());
        assertEquals(Optional.of(stop), orders.findByClientOrderId(strategy.id(), "cli-2"));
        assertEquals(Optional.of(market), orders.findByOrderId(strategy.id(), "ord-3"));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void decimalsReadBackWithoutTrailingZerosOnBothDatabases(Engine engine) {
        Strategy strategy = newStrategy(engine);
        record(engine, strategy, List.of(TradingFixtures.limitBuy(strategy, "ord-1", "cli-1", "1.50", "100")));

        Order stored = DATABASES.persistence(engine).orderStore().findByOrderId(strategy.id(), "ord-1").orElseThrow();

        assertEquals("1.5", stored.spec().quantity().toString());
        assertEquals("100", stored.spec().price().toString());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void ordersOfAnotherStrategyAndUnknownIdsAreNotFound(Engine engine) {
        Strategy mine = newStrategy(engine);
        Strategy other = newStrategy(engine);
        record(engine, other, List.of(TradingFixtures.limitBuy(other, "ord-1", "cli-1", "1", "100")));

        var orders = DATABASES.persistence(engine).orderStore();
        assertEquals(Optional.empty(), orders.findByOrderId(mine.id(), "ord-1"));
        assertEquals(Optional.empty(), orders.findByClientOrderId(mine.id(), "cli-1"));
        assertEquals(Optional.empty(), orders.findByOrderId(other.id(), "ord-404"));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void ordersWithoutClientOrderIdCoexistAndAreNotFoundByAnEmptyId(Engine engine) {
        Strategy strategy = newStrategy(engine);
        Order first = TradingFixtures.limitBuy(strategy, "ord-1", "", "1", "100");
        Order second = TradingFixtures.limitBuy(strategy, "ord-2", "", "2", "101");
        record(engine, strategy, List.of(first, second));

        var orders = DATABASES.persistence(engine).orderStore();
        assertEquals(Optional.of(second), orders.findByOrderId(strategy.id(), "ord-2"));
        assertEquals(Optional.empty(), orders.findByClientOrderId(strategy.id(), ""));
        assertEquals(Set.of(), orders.usedClientOrderIds(strategy.id(), List.of("")));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void laterBatchUpdatesTheStatusOfACancelledOrder(Engine engine) {
        Strategy strategy = newStrategy(engine);
        Order open = TradingFixtures.limitBuy(strategy, "ord-1", "cli-1", "1", "100");
        record(engine, strategy, List.of(open));
        Instant later = NOON.plusSeconds(60);
        Order cancelled = open.withStatus(OrderStatus.CANCELLED, later);

        DATABASES.persistence(engine).batchRecorder().record(TradingFixtures.batch(strategy, unique("batch"), "",
                List.of(cancelled), List.of(OperationResult.cancelled(0, "ord-1", "cli-1", OrderType.LIMIT))));

        assertEquals(Optional.of(cancelled),
                DATABASES.persistence(engine).orderStore().findByOrderId(strategy.id(), "ord-1"));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void usedClientOrderIdsNamesOnlyThisStrategysIdsEvenInLongLists(Engine engine) {
        Strategy strategy = newStrategy(engine);
        Strategy other = newStrategy(engine);
        record(engine, strategy, List.of(TradingFixtures.limitBuy(strategy, "ord-1", "cli-1", "1", "100"),
                TradingFixtures.limitBuy(strategy, "ord-2", "cli-2", "1", "100")));
        record(engine, other, List.of(TradingFixtures.limitBuy(other, "ord-3", "cli-3", "1", "100")));
        List<String> asked = new ArrayList<>(List.of("cli-1", "cli-3"));
        for (int i = 0; i < 600; i++) {
            asked.add("unused-" + i);
        }
        asked.add("cli-2"); // in the third IN list

        assertEquals(Set.of("cli-1", "cli-2"),
                DATABASES.persistence(engine).orderStore().usedClientOrderIds(strategy.id(), asked));
    }
}

package io.batchcast.adapter.persistence;

import static io.batchcast.adapter.persistence.TradingFixtures.NOON;
import static io.batchcast.adapter.persistence.TradingFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.out.RecordedBatch;
import io.batchcast.application.port.out.RequestClaim;
import io.batchcast.application.port.out.RequestClaims;
import io.batchcast.domain.BatchAggregation;
import io.batchcast.domain.OperationError;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.Order;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.StoredEvent;
import io.batchcast.domain.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RequestClaimsTest {

    private static final Databases DATABASES = new Databases();

    @AfterAll
    static void dropDatabases() {
        DATABASES.close();
    }

    private static RequestClaims claims(Engine engine) {
        return DATABASES.persistence(engine).requestClaims();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void firstClaimWinsAndALaterOneSeesItPending(Engine engine) {
        String alice = unique("alice");

        assertEquals(new RequestClaim.Claimed(), claims(engine).claim(alice, "req-1", "hash-a", NOON));
        assertEquals(new RequestClaim.Pending("hash-a", NOON),
                claims(engine).claim(alice, "req-1", "hash-b", NOON.plusSeconds(5)), "with the first claim's time");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void requestIdsAreScopedPerUser(Engine engine) {
        assertEquals(new RequestClaim.Claimed(), claims(engine).claim(unique("alice"), "req-1", "hash-a", NOON));
        assertEquals(new RequestClaim.Claimed(), claims(engine).claim(unique("bob"), "req-1", "hash-a", NOON));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void ofEightConcurrentClaimsOfOneIdExactlyOneGetsIt(Engine engine) throws Exception {
        String alice = unique("alice");
        CyclicBarrier start = new CyclicBarrier(8);
        List<Future<RequestClaim>> claims = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                claims.add(threads.submit(() -> {
                    start.await();
                    return claims(engine).claim(alice, "req-race", "hash-race", NOON);
                }));
            }
        }
        List<RequestClaim> outcomes = new ArrayList<>();
        for (Future<RequestClaim> claim : claims) {
            outcomes.add(claim.get());
        }

        assertEquals(1, outcomes.stream().filter(RequestClaim.Claimed.class::isInstance).count());
        assertEquals(7, outcomes.stream().filter(new RequestClaim.Pending("hash-race", NOON)::equals).count());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void completedClaimReturnsTheExactStoredReceipt(Engine engine) {
        Persistence persistence = DATABASES.persistence(engine);
        Strategy strategy = persistence.strategyStore().create(unique("alice"), "Grid BTC", NOON);
        String alice = strategy.userId();
        Order created = TradingFixtures.limitBuy(strategy, "ord-1", "cli-1", "0.00000001", "100.5");
        Order stop = TradingFixtures.stopLimitSell(strategy, "ord-2", "cli-2");
        Order earlier = TradingFixtures.marketBuy(strategy, "ord-0", "");
        persistence.batchRecorder().record(TradingFixtures.creating(strategy, "batch-0-" + alice, "", List.of(earlier)));
        Order cancelled = earlier.withStatus(OrderStatus.CANCELLED, NOON);
        List<OperationResult> results = List.of(
                OperationResult.created(0, "ord-1", "cli-1", OrderType.LIMIT),
                OperationResult.created(1, "ord-2", "cli-2", OrderType.STOP_LIMIT),
                OperationResult.rejected(2, null, "cli-1", OrderType.LIMIT, new OperationError(
                        OperationError.DUPLICATE_CLIENT_ORDER_ID, "client_order_id 'cli-1' is already used")),
                OperationResult.cancelled(3, "ord-0", "", OrderType.MARKET),
                OperationResult.rejected(4, "ord-404", null, null,
                        new OperationError(OperationError.UNKNOWN_ORDER, "no order 'ord-404'")));
        RecordedBatch batch =
                TradingFixtures.batch(strategy, "batch-1-" + alice, "req-1", List.of(created, stop, cancelled), results);

        claims(engine).claim(alice, "req-1", "hash-req-1", NOON);
        StoredEvent event = persistence.batchRecorder().record(batch).orElseThrow();
        RequestClaim retried = claims(engine).claim(alice, "req-1", "hash-req-1", NOON);

        BatchReceipt receipt = new BatchReceipt(batch.batchId(), results, BatchAggregation.summarize(results),
                Optional.of(event.id()));
        assertEquals(new RequestClaim.Completed("hash-req-1", receipt), retried);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void completedClaimOfABatchWithoutEventHasNoEventId(Engine engine) {
        Persistence persistence = DATABASES.persistence(engine);
        Strategy strategy = persistence.strategyStore().create(unique("alice"), "Grid BTC", NOON);
        List<OperationResult> results = List.of(OperationResult.rejected(0, null, "cli-1", OrderType.LIMIT,
                new OperationError(OperationError.EXCHANGE_REJECTED, "insufficient margin")));
        RecordedBatch batch = TradingFixtures.batch(strategy, unique("batch"), "req-2", List.of(), results);

        claims(engine).claim(strategy.userId(), "req-2", "hash-req-2", NOON);
        assertEquals(Optional.empty(), persistence.batchRecorder().record(batch));

        assertEquals(new RequestClaim.Completed("hash-req-2",
                        new BatchReceipt(batch.batchId(), results, List.of(), Optional.empty())),
                claims(engine).claim(strategy.userId(), "req-2", "hash-req-2", NOON));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void releasedClaimCanBeClaimedAgain(Engine engine) {
        String alice = unique("alice");
        claims(engine).claim(alice, "req-1", "hash-a", NOON);

        claims(engine).release(alice, "req-1");

        assertEquals(new RequestClaim.Claimed(), claims(engine).claim(alice, "req-1", "hash-b", NOON));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void releasingACompletedClaimKeepsItsReceipt(Engine engine) {
        Persistence persistence = DATABASES.persistence(engine);
        Strategy strategy = persistence.strategyStore().create(unique("alice"), "Grid BTC", NOON);
        Order order = TradingFixtures.limitBuy(strategy, unique("ord"), "cli-1", "1", "100");
        RecordedBatch batch = TradingFixtures.creating(strategy, unique("batch"), "req-1", List.of(order));
        claims(engine).claim(strategy.userId(), "req-1", batch.requestHash(), NOON);
        persistence.batchRecorder().record(batch);

        claims(engine).release(strategy.userId(), "req-1");

        RequestClaim again = claims(engine).claim(strategy.userId(), "req-1", batch.requestHash(), NOON);
        assertEquals(batch.batchId(), ((RequestClaim.Completed) again).receipt().batchId());
    }
}

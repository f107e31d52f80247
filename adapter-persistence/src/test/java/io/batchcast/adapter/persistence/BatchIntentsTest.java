package io.batchcast.adapter.persistence;

import static io.batchcast.adapter.persistence.TradingFixtures.NOON;
import static io.batchcast.adapter.persistence.TradingFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.out.BatchAlreadyRecordedException;
import io.batchcast.application.port.out.BatchIntent;
import io.batchcast.application.port.out.BatchIntents;
import io.batchcast.application.port.out.IntentStep;
import io.batchcast.application.port.out.RecordedBatch;
import io.batchcast.application.port.out.RequestClaim;
import io.batchcast.domain.BatchAggregation;
import io.batchcast.domain.NewOrder;
import io.batchcast.domain.OperationError;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.Order;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.Side;
import io.batchcast.domain.StoredEvent;
import io.batchcast.domain.Strategy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
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

class BatchIntentsTest {

    private static final Databases DATABASES = new Databases();

    @AfterAll
    static void dropDatabases() {
        DATABASES.close();
    }

    private static BatchIntents intents(Engine engine) {
        return DATABASES.persistence(engine).batchIntents();
    }

    private static Strategy newStrategy(Engine engine) {
        return DATABASES.persistence(engine).strategyStore().create(unique("alice"), "Grid BTC", NOON);
    }

    private static BatchIntent intent(Strategy strategy, String requestId, String hash) {
        return new BatchIntent(unique("batch"), strategy.stream(), requestId, hash, List.of(new IntentStep.Place(0,
                "v-0", new NewOrder("cli-1", "BTC-USD", Side.BUY, OrderType.LIMIT, BigDecimal.ONE, BigDecimal.TEN,
                        null))), NOON);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theFirstIntentForARequestIdIsStoredAndALaterOneSeesItUnsettled(Engine engine) {
        Strategy strategy = newStrategy(engine);
        BatchIntent first = intent(strategy, "req-1", "hash-a");

        assertEquals(new RequestClaim.Claimed(), intents(engine).open(first));
        assertEquals(new RequestClaim.Unsettled("hash-a", first), intents(engine).open(intent(strategy, "req-1", "hash-b")),
                "the stored intent, whole, with its own hash");
        assertEquals(Optional.of(new RequestClaim.Unsettled("hash-a", first)),
                intents(engine).find(strategy.userId(), "req-1"));
        assertEquals(Optional.empty(), intents(engine).find(strategy.userId(), "req-other"));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void requestIdsAreScopedPerUser(Engine engine) {
        assertEquals(new RequestClaim.Claimed(), intents(engine).open(intent(newStrategy(engine), "req-1", "h")));
        assertEquals(new RequestClaim.Claimed(), intents(engine).open(intent(newStrategy(engine), "req-1", "h")));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void ofEightConcurrentIntentsForOneRequestIdExactlyOneIsStored(Engine engine) throws Exception {
        Strategy strategy = newStrategy(engine);
        CyclicBarrier start = new CyclicBarrier(8);
        List<Future<RequestClaim>> claims = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                claims.add(threads.submit(() -> {
                    start.await();
                    return intents(engine).open(intent(strategy, "req-race", "hash-race"));
                }));
            }
        }
        List<RequestClaim> outcomes = new ArrayList<>();
        for (Future<RequestClaim> claim : claims) {
            outcomes.add(claim.get());
        }

        assertEquals(1, outcomes.stream().filter(RequestClaim.Claimed.class::isInstance).count());
        assertEquals(7, outcomes.stream().filter(RequestClaim.Unsettled.class::isInstance).count());
        assertEquals(1, DATABASES.database(engine).queryLong(
                "SELECT COUNT(*) FROM batches WHERE user_id = ? AND request_id = 'req-race'", strategy.userId()));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void stepsComeBackExactlyAsStoredOldestIntentFirst(Engine engine) {
        Strategy strategy = newStrategy(engine);
        Order open = TradingFixtures.stopLimitSell(strategy, unique("ord"), "cli-open");
        List<IntentStep> steps = List.of(
                new IntentStep.Place(0, "v-0", new NewOrder("cli-1", "BTC-USD", Side.BUY, OrderType.LIMIT,
                        new BigDecimal("0.00000001"), new BigDecimal("100.5"), null)),
                new IntentStep.Cancel(1, "v-1", open),
                new IntentStep.Decided(OperationResult.rejected(2, "ord-404", null, null,
                        new OperationError(OperationError.UNKNOWN_ORDER, "no order 'ord-404' in this strategy"))),
                new IntentStep.Place(3, "v-3", new NewOrder("", "ETH-USD", Side.SELL, OrderType.MARKET,
                        new BigDecimal("12345678901234567890.123"), null, null)));
        BatchIntent older = new BatchIntent(unique("batch"), strategy.stream(), "", "", steps, NOON.minusSeconds(60));
        BatchIntent newer = intent(strategy, "", "");
        intents(engine).open(newer);
        intents(engine).open(older);

        List<BatchIntent> unsettled = intents(engine).unsettled(NOON.plusMillis(1), 1000).stream()
                .filter(i -> i.stream().equals(strategy.stream())).toList();

        assertEquals(List.of(older, newer), unsettled);
        assertEquals(List.of(), intents(engine).unsettled(NOON.minusSeconds(60), 1000).stream()
                .filter(i -> i.stream().equals(strategy.stream())).toList(), "none created before that");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void recordingSettlesTheIntentOnceAndTheRetryGetsTheExactReceipt(Engine engine) {
        Persistence persistence = DATABASES.persistence(engine);
        Strategy strategy = newStrategy(engine);
        Order created = TradingFixtures.limitBuy(strategy, unique("ord"), "cli-1", "0.00000001", "100.5");
        List<OperationResult> results = List.of(
                OperationResult.created(0, created.orderId(), "cli-1", OrderType.LIMIT),
                OperationResult.rejected(1, "ord-404", null, null,
                        new OperationError(OperationError.UNKNOWN_ORDER, "no order 'ord-404'")));
        RecordedBatch batch = TradingFixtures.batch(strategy, unique("batch"), "req-1", List.of(created), results);
        intents(engine).open(TradingFixtures.intentOf(batch, NOON));

        StoredEvent event = persistence.batchRecorder().record(batch).orElseThrow();

        BatchReceipt receipt = new BatchReceipt(batch.batchId(), results, BatchAggregation.summarize(results),
                Optional.of(event.id()));
        assertEquals(Optional.of(new RequestClaim.Completed("hash-req-1", receipt)),
                intents(engine).find(strategy.userId(), "req-1"));
        assertEquals(Optional.of(receipt), intents(engine).receipt(batch.batchId()));
        assertEquals(0, DATABASES.database(engine).queryLong(
                "SELECT COUNT(*) FROM batch_intents WHERE batch_id = ?", batch.batchId()));

        assertThrows(BatchAlreadyRecordedException.class, () -> persistence.batchRecorder().record(batch),
                "a second recording (reconciliation racing the executing call) loses and writes nothing");
        assertEquals(1, DATABASES.database(engine).queryLong(
                "SELECT COUNT(*) FROM events WHERE batch_id = ?", batch.batchId()));
        assertEquals(0, DATABASES.database(engine).queryLong(
                "SELECT COUNT(*) FROM batch_results WHERE batch_id = ?", batch.batchId()), "results live in the batch row");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anAbandonedIntentFreesItsRequestIdButARecordedBatchKeepsItsReceipt(Engine engine) {
        Persistence persistence = DATABASES.persistence(engine);
        Strategy strategy = newStrategy(engine);
        BatchIntent neverSent = intent(strategy, "req-1", "hash-req-1");
        intents(engine).open(neverSent);

        intents(engine).abandon(neverSent.batchId());

        assertEquals(Optional.empty(), intents(engine).find(strategy.userId(), "req-1"));
        RecordedBatch batch = TradingFixtures.creating(strategy, unique("batch"), "req-1",
                List.of(TradingFixtures.limitBuy(strategy, unique("ord"), "cli-1", "1", "100")));
        assertEquals(new RequestClaim.Claimed(), intents(engine).open(TradingFixtures.intentOf(batch, NOON)));
        persistence.batchRecorder().record(batch);
        intents(engine).abandon(batch.batchId());
        assertEquals(batch.batchId(), ((RequestClaim.Completed) intents(engine).find(strategy.userId(), "req-1")
                .orElseThrow()).receipt().batchId());
    }

    /** Recorded before the results moved into the batch row: their rows in batch_results are still the receipt. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aBatchRecordedBeforeResultsMovedIntoItsRowStillAnswersWithItsResultRows(Engine engine) {
        Strategy strategy = newStrategy(engine);
        TestDatabase database = DATABASES.database(engine);
        String batchId = unique("batch");
        database.execute("INSERT INTO batches (batch_id, user_id, strategy_id, request_id, request_hash, state,"
                + " completed_at) VALUES ('" + batchId + "', '" + strategy.userId() + "', " + strategy.id()
                + ", 'req-old', 'hash-old', 'COMPLETED', "
                + database.instantLiteral(Instant.parse("2025-10-30T12:34:56Z")) + ")");
        database.execute("INSERT INTO batch_results (batch_id, idx, outcome, order_id, client_order_id, order_type)"
                + " VALUES ('" + batchId + "', 0, 'CREATED', 'ord-1', 'cli-1', 'LIMIT')");
        database.execute("INSERT INTO batch_results (batch_id, idx, outcome, order_id, error_reason, error_message)"
                + " VALUES ('" + batchId + "', 1, 'REJECTED', 'ord-9', 'UNKNOWN_ORDER', 'no such order')");

        List<OperationResult> results = List.of(OperationResult.created(0, "ord-1", "cli-1", OrderType.LIMIT),
                OperationResult.rejected(1, "ord-9", null, null,
                        new OperationError(OperationError.UNKNOWN_ORDER, "no such order")));
        assertEquals(Optional.of(new RequestClaim.Completed("hash-old", new BatchReceipt(batchId, results,
                BatchAggregation.summarize(results), Optional.empty()))), intents(engine).find(strategy.userId(), "req-old"));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aClaimOfAnEarlierVersionStillAnswersPending(Engine engine) {
        Strategy strategy = newStrategy(engine);
        TradingFixtures.legacyPendingClaim(DATABASES.database(engine), strategy.userId(), "req-old",
                NOON.minus(Duration.ofHours(1)));

        assertEquals(Optional.of(new RequestClaim.Pending("hash-req-old", NOON.minus(Duration.ofHours(1)))),
                intents(engine).find(strategy.userId(), "req-old"));
    }
}

package io.batchcast.adapter.persistence;

import static io.batchcast.adapter.persistence.TradingFixtures.NOON;
import static io.batchcast.adapter.persistence.TradingFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchcast.application.port.out.RecordedBatch;
import io.batchcast.application.port.out.RequestClaim;
import io.batchcast.domain.Order;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.Strategy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Receipts (completed batches and their results) older than receiptMaxAge are pruned; nothing else of a batch is. */
class ReceiptRetentionTest {

    private static final Clock NOW = Clock.fixed(NOON, ZoneOffset.UTC);
    private static final Duration ONE_HOUR = Duration.ofHours(1);

    /** Receipts kept for an hour; events for the default week, so that they outlive every receipt here. */
    private static Persistence open(TestDatabase database) {
        return Persistence.open(database.settings().withReceiptMaxAge(ONE_HOUR), NOW);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void oldReceiptsAndTheirResultsArePrunedWhileRecentOnesPendingClaimsEventsAndOrdersStay(Engine engine)
            throws SQLException {
        try (TestDatabase database = engine.newDatabase();
                Persistence persistence = open(database)) {
            Strategy strategy = persistence.strategyStore().create(unique("alice"), "Grid BTC", NOON);
            String alice = strategy.userId();
            RecordedBatch oldWithRequestId = complete(persistence, strategy, "req-old", NOON.minus(Duration.ofHours(3)), 2);
            TradingFixtures.legacyPendingClaim(database, alice, "req-stale", NOON.minus(Duration.ofHours(2)));
            RecordedBatch oldWithout = complete(persistence, strategy, "", NOON.minus(Duration.ofHours(2)), 1);
            RecordedBatch recent = complete(persistence, strategy, "req-young", NOON.minus(Duration.ofMinutes(30)), 3);
            TradingFixtures.legacyPendingClaim(database, alice, "req-live", NOON);

            assertEquals(new EventLogPruner.Pruned(0, 0, 2), persistence.pruner().pruneNow());

            assertEquals(List.of("req-stale:PENDING:null", "req-young:COMPLETED:" + recent.batchId(),
                    "req-live:PENDING:null"), batches(database));
            assertEquals(List.of(recent.batchId() + ":0", recent.batchId() + ":1", recent.batchId() + ":2"),
                    results(database));
            assertEquals(6, database.queryLong("SELECT COUNT(*) FROM orders"), "orders are the order book: kept");
            assertEquals(3, database.queryLong("SELECT COUNT(*) FROM events"), "events follow their own retention");
            assertEquals(0, database.queryLong("SELECT COUNT(*) FROM batch_results WHERE batch_id IN (?, ?)",
                    oldWithRequestId.batchId(), oldWithout.batchId()));
            assertEquals(Optional.of(new RequestClaim.Pending("hash-req-stale", NOON.minus(Duration.ofHours(2)))),
                    persistence.batchIntents().find(alice, "req-stale"));
            assertEquals(recent.batchId(), ((RequestClaim.Completed) persistence.batchIntents()
                    .find(alice, "req-young").orElseThrow()).receipt().batchId());
            assertEquals(new EventLogPruner.Pruned(0, 0, 0), persistence.pruner().pruneNow());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void retryOfAPrunedRequestIdIsClaimedAndExecutedAsANewBatch(Engine engine) {
        try (TestDatabase database = engine.newDatabase();
                Persistence persistence = open(database)) {
            Strategy strategy = persistence.strategyStore().create(unique("alice"), "Grid BTC", NOON);
            complete(persistence, strategy, "req-1", NOON.minus(Duration.ofDays(2)), 1);
            assertEquals(new EventLogPruner.Pruned(0, 0, 1), persistence.pruner().pruneNow());

            assertEquals(Optional.empty(), persistence.batchIntents().find(strategy.userId(), "req-1"));
            RecordedBatch again = TradingFixtures.creating(strategy, unique("batch"), "req-1",
                    List.of(TradingFixtures.limitBuy(strategy, unique("ord"), unique("cli"), "1", "100")));
            assertEquals(new RequestClaim.Claimed(),
                    persistence.batchIntents().open(TradingFixtures.intentOf(again, NOON)));
            persistence.batchRecorder().record(again);

            RequestClaim retried = persistence.batchIntents().find(strategy.userId(), "req-1").orElseThrow();
            assertEquals(again.batchId(), ((RequestClaim.Completed) retried).receipt().batchId());
        }
    }

    /**
     * Chunks of 2 batches: [old, old] [pending, old] [old, old] [at the cutoff, old]. The walk crosses three chunk
     * borders, and stops at the receipt completed exactly at the cutoff (not before it, so young): the old receipt
     * behind it (out of id order, as a batch that completed late would be) is left for a later run.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void walkCrossesChunksAndStopsAtTheFirstReceiptNotOlderThanTheCutoff(Engine engine) throws SQLException {
        try (TestDatabase database = engine.newDatabase();
                Persistence persistence = open(database)) {
            Strategy strategy = persistence.strategyStore().create(unique("alice"), "Grid BTC", NOON);
            Instant old = NOON.minus(Duration.ofHours(5));
            complete(persistence, strategy, "req-1", old, 1);
            complete(persistence, strategy, "", old, 2);
            TradingFixtures.legacyPendingClaim(database, strategy.userId(), "req-pending", old);
            complete(persistence, strategy, "req-4", old.plusSeconds(1), 1);
            complete(persistence, strategy, "", old.plusSeconds(2), 1);
            complete(persistence, strategy, "req-6", old.plusSeconds(3), 1);
            RecordedBatch atCutoff = complete(persistence, strategy, "req-7", NOON.minus(ONE_HOUR), 1);
            RecordedBatch lateOld = complete(persistence, strategy, "req-8", old, 1);

            assertEquals(new EventLogPruner.Pruned(0, 0, 5), persistence.pruner(2).pruneNow());

            assertEquals(List.of("req-pending:PENDING:null", "req-7:COMPLETED:" + atCutoff.batchId(),
                    "req-8:COMPLETED:" + lateOld.batchId()), batches(database));
            assertEquals(List.of(atCutoff.batchId() + ":0", lateOld.batchId() + ":0"), results(database));
            assertEquals(new EventLogPruner.Pruned(0, 0, 0), persistence.pruner(2).pruneNow());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void walkThatEndsExactlyAtAChunkBorderPrunesEverythingOld(Engine engine) throws SQLException {
        try (TestDatabase database = engine.newDatabase();
                Persistence persistence = open(database)) {
            Strategy strategy = persistence.strategyStore().create(unique("alice"), "Grid BTC", NOON);
            for (int i = 0; i < 4; i++) {
                complete(persistence, strategy, "req-" + i, NOON.minus(Duration.ofDays(1)), 1);
            }

            assertEquals(new EventLogPruner.Pruned(0, 0, 4), persistence.pruner(2).pruneNow());

            assertEquals(List.of(), batches(database));
            assertEquals(List.of(), results(database));
            assertEquals(4, database.queryLong("SELECT COUNT(*) FROM orders"));
        }
    }

    /** A claimed (when it has a request id) and recorded batch creating {@code orders} LIMIT orders. */
    private static RecordedBatch complete(Persistence persistence, Strategy strategy, String requestId,
            Instant completedAt, int orders) {
        List<Order> created = new ArrayList<>();
        List<OperationResult> results = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            Order order = TradingFixtures.limitBuy(strategy, unique("ord"), unique("cli"), "1", "100");
            created.add(order);
            results.add(OperationResult.created(i, order.orderId(), order.clientOrderId(), order.type()));
        }
        RecordedBatch batch = TradingFixtures.batch(strategy, unique("batch"), requestId, created, results, completedAt);
        if (!requestId.isEmpty()) {
            assertEquals(new RequestClaim.Claimed(),
                    persistence.batchIntents().open(TradingFixtures.intentOf(batch, completedAt)));
        }
        persistence.batchRecorder().record(batch);
        return batch;
    }

    /** Every batch row as request_id:state:batch_id, in id order. */
    private static List<String> batches(TestDatabase database) throws SQLException {
        return strings(database, "SELECT request_id, state, batch_id FROM batches ORDER BY id");
    }

    /** Every stored result as batch_id:idx, in batch (id) order. */
    private static List<String> results(TestDatabase database) throws SQLException {
        List<String> results = new ArrayList<>();
        try (Connection connection = database.connect()) {
            for (String batchId : strings(database, "SELECT batch_id FROM batches WHERE state = 'COMPLETED' ORDER BY id")) {
                for (OperationResult result : BatchRows.readResults(connection, batchId)) {
                    results.add(batchId + ":" + result.index());
                }
            }
        }
        return results;
    }

    private static List<String> strings(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.connect();
                PreparedStatement select = connection.prepareStatement(sql);
                ResultSet row = select.executeQuery()) {
            int columns = row.getMetaData().getColumnCount();
            List<String> rows = new ArrayList<>();
            while (row.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(row.getObject(i)));
                }
                rows.add(String.join(":", values));
            }
            return rows;
        }
    }
}

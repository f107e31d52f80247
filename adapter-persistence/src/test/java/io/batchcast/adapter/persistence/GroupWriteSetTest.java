package io.batchcast.adapter.persistence;

import static io.batchcast.adapter.persistence.TradingFixtures.NOON;
import static io.batchcast.adapter.persistence.TradingFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import io.batchcast.application.port.out.BatchAlreadyRecordedException;
import io.batchcast.application.port.out.BatchIntents;
import io.batchcast.application.port.out.RecordedBatch;
import io.batchcast.application.port.out.RequestClaim;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.Order;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.StoredEvent;
import io.batchcast.domain.Strategy;
import io.batchcast.domain.SummaryInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The members of a group send their rows together (WriteSet): recordings that append to one stream and one user's
 * sequence in one group continue each other's numbers (the heads are locked once for the group and written once, at
 * the end), the whole group is one commit, and a member whose row fails (a cancel of an order that is not stored, an
 * intent recorded meanwhile) fails alone. As in the application, every recorded batch here has its intent stored
 * first, unless a test says otherwise.
 */
class GroupWriteSetTest {

    private record Desk(GroupCommitter writer, JdbcBatchRecorder recorder, BatchIntents intents) {
    }

    @FunctionalInterface
    private interface DeskTest {
        void run(Desk desk, Persistence persistence, TestDatabase database) throws Exception;
    }

    private static void withDesk(Engine engine, DeskTest test) throws Exception {
        try (TestDatabase database = engine.newDatabase(); Persistence persistence = database.open();
                HikariDataSource pool = ConnectionPool.open(database.settings(), Dialect.of(database.url()))) {
            Dialect dialect = Dialect.of(database.url());
            Transactions transactions = new Transactions(pool);
            String epoch = SchemaMigrations.readEpoch(transactions);
            StreamAppender appender = new StreamAppender(epoch, dialect);
            try (GroupCommitter writer = new GroupCommitter(pool, 128, dialect.syncAfterCommit(), appender::lockAll,
                    new StatisticsRows(dialect), (connection, results) -> { }, CommitObserver.NONE)) {
                JdbcBatchRecorder recorder = new JdbcBatchRecorder(transactions, writer, appender, dialect,
                        SummaryInterval.HOURLY);
                test.run(new Desk(writer, recorder, new JdbcBatchIntents(transactions, writer, epoch)), persistence,
                        database);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void recordingsOfOneStreamInOneGroupTakeConsecutiveNumbersInOneCommit(Engine engine) throws Exception {
        withDesk(engine, (desk, persistence, database) -> {
            String user = unique("alice");
            Strategy grid = persistence.strategyStore().create(user, "Grid BTC", NOON);
            Strategy other = persistence.strategyStore().create(user, "Grid ETH", NOON);
            List<RecordedBatch> batches = List.of(oneOrder(grid, "g1"), oneOrder(other, "o1"), oneOrder(grid, "g2"),
                    oneOrder(grid, "g3"));
            openIntents(desk, batches);
            long before = desk.writer().commits();

            List<Optional<StoredEvent>> stored = recordInOneGroup(desk, batches);

            // members run in (user, strategy) order: grid's three in queue order, then other's
            assertEquals(List.of("1/1", "1/4", "2/2", "3/3"), stored.stream()
                    .map(event -> event.orElseThrow().id().seq() + "/" + event.orElseThrow().userSeq()).toList());
            assertEquals(2, desk.writer().commits() - before, "the holder, then the four recordings in one transaction");
            assertEquals(3, database.queryLong("SELECT head_seq FROM streams WHERE strategy_id = ?", grid.id()));
            assertEquals(1, database.queryLong("SELECT head_seq FROM streams WHERE strategy_id = ?", other.id()));
            assertEquals(4, database.queryLong("SELECT head_seq FROM user_streams WHERE user_id = ?", user));
            assertEquals(3, database.queryLong("SELECT COUNT(*) FROM orders WHERE strategy_id = ?", grid.id()));
            assertEquals(3, database.queryLong("SELECT MAX(event_seq) FROM batches WHERE strategy_id = ?", grid.id()));
            assertEquals(4, database.queryLong("SELECT SUM(batches) FROM statistics_batches"));
        });
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aMemberWhoseCancelFindsNoOrderFailsAloneAndTheOthersKeepGapFreeNumbers(Engine engine) throws Exception {
        withDesk(engine, (desk, persistence, database) -> {
            Strategy grid = persistence.strategyStore().create(unique("bob"), "Grid BTC", NOON);
            Order ghost = TradingFixtures.limitBuy(grid, "ghost", "cli-ghost", "1", "100")
                    .withStatus(OrderStatus.CANCELLED, NOON);
            RecordedBatch cancelsAGhost = TradingFixtures.batch(grid, unique("batch"), "", List.of(ghost),
                    List.of(OperationResult.cancelled(0, "ghost", "cli-ghost", OrderType.LIMIT)));
            List<RecordedBatch> batches = List.of(oneOrder(grid, "a"), cancelsAGhost, oneOrder(grid, "b"));
            openIntents(desk, batches);
            long before = desk.writer().commits();

            ExecutionException failed = assertThrows(ExecutionException.class, () -> recordInOneGroup(desk, batches));

            assertEquals("order ghost of strategy " + grid.id() + " is not stored: only orders placed in this batch"
                    + " are new", assertInstanceOf(IllegalStateException.class, failed.getCause()).getMessage());
            assertEquals(1, database.queryLong("SELECT seq FROM events WHERE batch_id = ?", batches.get(0).batchId()));
            assertEquals(2, database.queryLong("SELECT seq FROM events WHERE batch_id = ?", batches.get(2).batchId()));
            assertEquals(2, database.queryLong("SELECT COUNT(*) FROM orders WHERE strategy_id = ?", grid.id()));
            assertEquals(2, database.queryLong("SELECT head_seq FROM streams WHERE strategy_id = ?", grid.id()));
            assertEquals(2, database.queryLong("SELECT COUNT(*) FROM events WHERE strategy_id = ?", grid.id()));
            assertEquals("INTENT", database.queryString("SELECT state FROM batches WHERE batch_id = ?",
                    cancelsAGhost.batchId()));
            assertEquals(1 + 2, desk.writer().commits() - before, "the holder, then the two good members alone");
        });
    }

    /**
     * Reconciliation (or another instance) recorded one member's batch between its intent and this group: the
     * group's settle of that intent changes no row, which fails the group; alone, the member learns that its batch is
     * recorded, and the others commit with gap-free numbers.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aMemberWhoseIntentWasSettledMeanwhileFailsAloneAndTheOthersCommit(Engine engine) throws Exception {
        withDesk(engine, (desk, persistence, database) -> {
            Strategy grid = persistence.strategyStore().create(unique("carol"), "Grid BTC", NOON);
            List<RecordedBatch> batches = List.of(oneOrder(grid, "a"), oneOrder(grid, "b"), oneOrder(grid, "c"));
            openIntents(desk, batches);
            RecordedBatch settledMeanwhile = batches.get(1);
            assertEquals(1, desk.recorder().record(settledMeanwhile).orElseThrow().id().seq());
            long before = desk.writer().commits();

            ExecutionException failed = assertThrows(ExecutionException.class, () -> recordInOneGroup(desk, batches));

            assertInstanceOf(BatchAlreadyRecordedException.class, failed.getCause());
            assertEquals(2, database.queryLong("SELECT seq FROM events WHERE batch_id = ?", batches.get(0).batchId()));
            assertEquals(3, database.queryLong("SELECT seq FROM events WHERE batch_id = ?", batches.get(2).batchId()));
            assertEquals(1, database.queryLong("SELECT COUNT(*) FROM events WHERE batch_id = ?",
                    settledMeanwhile.batchId()));
            assertEquals(3, database.queryLong("SELECT head_seq FROM streams WHERE strategy_id = ?", grid.id()));
            assertEquals(3, database.queryLong("SELECT COUNT(*) FROM orders WHERE strategy_id = ?", grid.id()));
            assertEquals(0, database.queryLong("SELECT COUNT(*) FROM batch_intents"));
            assertEquals(1 + 2, desk.writer().commits() - before, "the holder, then the two others alone");
        });
    }

    /**
     * Batches that changed orders without an intent row (the application never records such a batch: whatever
     * reaches the venue has its intent stored first) are still recorded, each alone, once the group's settle of an
     * intent that is not there has failed the group.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void batchesWithoutIntentRowsAreRecordedAloneWithGapFreeNumbers(Engine engine) throws Exception {
        withDesk(engine, (desk, persistence, database) -> {
            Strategy grid = persistence.strategyStore().create(unique("dave"), "Grid BTC", NOON);
            List<RecordedBatch> batches = List.of(oneOrder(grid, "a"), oneOrder(grid, "b"));
            long before = desk.writer().commits();

            List<Optional<StoredEvent>> stored = recordInOneGroup(desk, batches);

            assertEquals(List.of(1L, 2L), stored.stream().map(event -> event.orElseThrow().id().seq()).toList());
            assertEquals("COMPLETED", database.queryString("SELECT state FROM batches WHERE batch_id = ?",
                    batches.get(1).batchId()));
            assertEquals(1 + 2, desk.writer().commits() - before, "the holder, then each batch alone");
        });
    }

    private static void openIntents(Desk desk, List<RecordedBatch> batches) {
        for (RecordedBatch batch : batches) {
            assertEquals(new RequestClaim.Claimed(), desk.intents().open(TradingFixtures.intentOf(batch, NOON)));
        }
    }

    private static RecordedBatch oneOrder(Strategy strategy, String orderId) {
        Order order = TradingFixtures.limitBuy(strategy, orderId, "cli-" + orderId, "1", "100");
        return TradingFixtures.creating(strategy, unique("batch"), "", List.of(order));
    }

    /** Holds the writer in a first member until every recording is queued, so that they form one group. */
    private static List<Optional<StoredEvent>> recordInOneGroup(Desk desk, List<RecordedBatch> batches)
            throws Exception {
        CountDownLatch writerBusy = new CountDownLatch(1);
        CountDownLatch othersQueued = new CountDownLatch(1);
        List<Optional<StoredEvent>> stored = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Object> holder = callers.submit(() -> desk.writer().inTransaction("holder", 0, connection -> {
                writerBusy.countDown();
                try {
                    othersQueued.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return null;
            }));
            writerBusy.await();
            List<Future<Optional<StoredEvent>>> recordings = new ArrayList<>();
            for (RecordedBatch batch : batches) {
                recordings.add(callers.submit(() -> desk.recorder().record(batch)));
                waitUntilQueued(desk.writer(), recordings.size());
            }
            othersQueued.countDown();
            holder.get();
            ExecutionException failure = null;
            for (Future<Optional<StoredEvent>> recording : recordings) {
                try {
                    stored.add(recording.get());
                } catch (ExecutionException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
        return stored;
    }

    private static void waitUntilQueued(GroupCommitter writer, int count) throws InterruptedException {
        for (int i = 0; i < 2_000 && writer.queued() < count; i++) {
            Thread.sleep(5);
        }
        assertEquals(count, writer.queued());
    }
}

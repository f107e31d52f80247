package io.batchcast.adapter.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.batchcast.application.port.in.StoreUnavailableException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The group-commit writer on a real database: grouping, a failing member, a lone caller, closing. */
class GroupCommitterTest {

    private static void withWriter(Engine engine, WriterTest test) throws Exception {
        withWriter(engine, CommitObserver.NONE, test);
    }

    private static void withWriter(Engine engine, CommitObserver observer, WriterTest test) throws Exception {
        try (TestDatabase database = engine.newDatabase(); Persistence migrated = database.open();
                HikariDataSource pool = ConnectionPool.open(database.settings(), Dialect.of(database.settings().url()))) {
            database.execute("CREATE TABLE gc_test (id INTEGER PRIMARY KEY, v VARCHAR(16))");
            List<List<Object>> rung = new java.util.concurrent.CopyOnWriteArrayList<>();
            try (GroupCommitter writer = new GroupCommitter(pool, 128, "", (connection, shares) -> { },
                    (connection, results) -> rung.add(results), observer)) {
                test.run(writer, database, rung);
            }
        }
    }

    @FunctionalInterface
    private interface WriterTest {
        void run(GroupCommitter writer, TestDatabase database, List<List<Object>> rung) throws Exception;
    }

    private static Transactions.Work<Integer> insert(int id) {
        return connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO gc_test (id, v) VALUES (?, 'x')")) {
                insert.setInt(1, id);
                insert.executeUpdate();
            }
            return id;
        };
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aLoneCallerIsCommittedAtOnceInATransactionOfItsOwn(Engine engine) throws Exception {
        withWriter(engine, (writer, database, rung) -> {
            assertEquals(7, writer.inTransaction("inserting 7", 0, insert(7)));

            assertEquals(1, writer.commits());
            assertEquals(1, database.queryLong("SELECT COUNT(*) FROM gc_test WHERE id = 7"));
            Await.until("after-commit work ran (it runs after the answer)", () -> rung.size() == 1);
            assertEquals(List.of(List.of(7)), rung, "after-commit work saw the one result");
        });
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void callersQueuedWhileAGroupIsWrittenCommitTogetherInQueueOrder(Engine engine) throws Exception {
        List<Integer> observedWrites = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Long> observedNanos = new java.util.concurrent.CopyOnWriteArrayList<>();
        withWriter(engine, (writes, nanos) -> {
            observedWrites.add(writes);
            observedNanos.add(nanos);
        }, (writer, database, rung) -> {
            CountDownLatch writerBusy = new CountDownLatch(1);
            CountDownLatch othersQueued = new CountDownLatch(1);
            try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<Integer> first = callers.submit(() -> writer.inTransaction("first", 0, connection -> {
                    writerBusy.countDown();
                    await(othersQueued);
                    return insert(0).apply(connection);
                }));
                writerBusy.await();
                List<Future<Integer>> later = new ArrayList<>();
                for (int i = 1; i <= 10; i++) {
                    int id = i;
                    later.add(callers.submit(() -> writer.inTransaction("insert " + id, 0, insert(id))));
                }
                waitUntilQueued(writer, 10);
                othersQueued.countDown();
                assertEquals(0, first.get());
                for (int i = 0; i < later.size(); i++) {
                    assertEquals(i + 1, later.get(i).get());
                }
            }

            assertEquals(2, writer.commits(), "one commit for the first caller, one for the ten that queued");
            assertEquals(List.of(1, 10), observedWrites, "each commit is observed with the writes it carried");
            // the first transaction lasted at least until the ten others were queued, which took a thread each
            assertTrue(observedNanos.stream().allMatch(nanos -> nanos > 0), observedNanos.toString());
            assertEquals(11, database.queryLong("SELECT COUNT(*) FROM gc_test"));
            Await.until("after-commit work ran for both groups", () -> rung.size() == 2);
            assertEquals(10, rung.get(1).size());
        });
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aFailingMemberFailsAloneAndTheRestOfItsGroupIsWritten(Engine engine) throws Exception {
        List<Integer> observedWrites = new java.util.concurrent.CopyOnWriteArrayList<>();
        withWriter(engine, (writes, nanos) -> observedWrites.add(writes), (writer, database, rung) -> {
            writer.inTransaction("the row a later member collides with", 0, insert(5));
            try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Integer>> answers = oneGroupAfterAHolder(writer, callers,
                        new Queued("insert 4", insert(4)), new Queued("insert 5 again", insert(5)),
                        new Queued("insert 6", insert(6)));

                assertEquals(List.of(100, 4, 6), List.of(answers.get(0).get(), answers.get(1).get(), answers.get(3).get()));
                ExecutionException failed = assertThrows(ExecutionException.class, answers.get(2)::get);
                StoreUnavailableException unavailable = assertInstanceOf(StoreUnavailableException.class,
                        failed.getCause());
                assertTrue(UniqueViolation.is((SQLException) unavailable.getCause()), unavailable.getMessage());
            }

            assertEquals(List.of(4L, 5L, 6L, 100L), List.of(
                    database.queryLong("SELECT MIN(id) FROM gc_test WHERE id = 4"),
                    database.queryLong("SELECT COUNT(*) * 5 FROM gc_test WHERE id = 5"),
                    database.queryLong("SELECT MIN(id) FROM gc_test WHERE id = 6"),
                    database.queryLong("SELECT MIN(id) FROM gc_test WHERE id = 100")));
            assertEquals(1 + 1 + 2, writer.commits(), "the first insert, the holder, then 4 and 6 alone");
            assertEquals(List.of(1, 1, 1, 1), observedWrites, "the rolled-back group is not observed as a commit");
        });
    }

    /**
     * A member ends the group's transaction behind the driver's back, as SQLite does by itself on a full disk, so the
     * group's rollback fails ("no transaction is active"). The other members are still written alone, the failing
     * one fails with its own failure, and the connection is not handed out again (with one connection in the pool,
     * a kept one would run the next failing write in auto-commit mode and leave its row behind).
     */
    @Test
    void aGroupWhoseRollbackFailsIsStillWrittenMemberByMemberAndItsConnectionIsDiscarded() throws Exception {
        try (SqliteTestDatabase database = SqliteTestDatabase.create(); HikariDataSource pool = ConnectionPool.open(
                PersistenceSettings.of(database.url(), "", "").withPoolSize(1), Dialect.SQLITE);
                GroupCommitter writer = new GroupCommitter(pool, 128, (connection, results) -> { })) {
            database.execute("CREATE TABLE gc_test (id INTEGER PRIMARY KEY, v VARCHAR(16))");
            try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Integer>> answers = oneGroupAfterAHolder(writer, callers,
                        new Queued("insert 4", insert(4)), new Queued("aborting", connection -> {
                            insert(5).apply(connection);
                            try (var rollback = connection.createStatement()) {
                                rollback.execute("ROLLBACK");
                            }
                            throw new IllegalStateException("the transaction ended under this member");
                        }), new Queued("insert 6", insert(6)));

                assertEquals(List.of(100, 4, 6), List.of(answers.get(0).get(), answers.get(1).get(), answers.get(3).get()));
                ExecutionException failed = assertThrows(ExecutionException.class, answers.get(2)::get);
                assertEquals("the transaction ended under this member", failed.getCause().getMessage());
            }
            assertThrows(IllegalStateException.class, () -> writer.inTransaction("failing after a row", 0,
                    connection -> {
                        insert(7).apply(connection);
                        throw new IllegalStateException("the work fails after its first row");
                    }));

            assertEquals(List.of(3L, 3L), List.of(database.queryLong("SELECT COUNT(*) FROM gc_test"),
                    database.queryLong("SELECT COUNT(*) FROM gc_test WHERE id IN (4, 6, 100)")),
                    "4, 6 and the holder's 100; neither the aborting member's 5 nor the failed write's 7");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aGroupRunsItsMembersInStrategyOrderAndInQueueOrderWithinAStrategy(Engine engine) throws Exception {
        withWriter(engine, (writer, database, rung) -> {
            List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
            CountDownLatch writerBusy = new CountDownLatch(1);
            CountDownLatch othersQueued = new CountDownLatch(1);
            try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<Object> holder = callers.submit(() -> writer.inTransaction("holder", 0, connection -> {
                    writerBusy.countDown();
                    await(othersQueued);
                    return null;
                }));
                writerBusy.await();
                List<Future<Object>> queued = new ArrayList<>();
                String[][] members = {{"9", "9a"}, {"3", "3a"}, {"9", "9b"}, {"3", "3b"}};
                for (String[] member : members) {
                    queued.add(callers.submit(() -> writer.inTransaction(member[1], Long.parseLong(member[0]), c -> {
                        ran.add(member[1]);
                        return null;
                    })));
                    waitUntilQueued(writer, queued.size());
                }
                othersQueued.countDown();
                holder.get();
                for (Future<Object> f : queued) {
                    f.get();
                }
            }

            assertEquals(List.of("3a", "3b", "9a", "9b"), ran);
        });
    }

    /** Callers are answered only after the sync that makes their commit durable: a failed sync fails them. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aCallerIsAnsweredOnlyAfterTheSyncAndAFailedSyncFailsItsGroup(Engine engine) throws Exception {
        try (TestDatabase database = engine.newDatabase(); Persistence migrated = database.open();
                HikariDataSource pool = ConnectionPool.open(database.settings(), Dialect.of(database.settings().url()))) {
            database.execute("CREATE TABLE gc_test (id INTEGER PRIMARY KEY, v VARCHAR(16))");
            try (GroupCommitter writer = new GroupCommitter(pool, 128, "SELECT * FROM no_such_table",
                    (connection, results) -> { })) {
                StoreUnavailableException unknown = assertThrows(StoreUnavailableException.class,
                        () -> writer.inTransaction("inserting 2", 0, insert(2)));
                assertTrue(unknown.getMessage().startsWith("database unavailable while inserting 2"), unknown.getMessage());
            }
        }
    }

    /**
     * An idle H2 writer syncs what H2's background writer wrote (the file's space is reused 1 s after a chunk was
     * replaced, so nothing may stay unsynced that long); a writer without a sync statement never does.
     */
    @Test
    void anIdleWriterSyncsEveryHundredMillisecondsOnlyWhenItHasASyncStatement() throws Exception {
        try (TestDatabase database = Engine.H2.newDatabase(); Persistence migrated = database.open();
                HikariDataSource pool = ConnectionPool.open(database.settings(), Dialect.H2)) {
            try (GroupCommitter syncing = new GroupCommitter(pool, 128, Dialect.H2.syncAfterCommit(),
                    (connection, results) -> { });
                    GroupCommitter plain = new GroupCommitter(pool, 128, (connection, results) -> { })) {
                Await.until("the idle writer synced three times", () -> syncing.idleSyncs() >= 3);
                assertEquals(0, plain.idleSyncs());
                assertEquals(0, syncing.commits(), "an idle sync commits nothing");
            }
        }
        assertEquals(100, GroupCommitter.IDLE_SYNC.toMillis());
    }

    @Test
    void h2SyncsEveryCommittedGroupToTheDeviceAndSqliteAndPostgresCommitsAreDurableByThemselves() {
        assertEquals("CHECKPOINT SYNC", Dialect.H2.syncAfterCommit());
        assertEquals("", Dialect.SQLITE.syncAfterCommit());
        assertEquals("FULL", Dialect.SQLITE.driverProperties("jdbc:sqlite:x.db").get("synchronous"));
        assertEquals("", Dialect.POSTGRESQL.syncAfterCommit());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aClosedWriterRefusesNewWork(Engine engine) throws Exception {
        withWriter(engine, (writer, database, rung) -> {
            writer.close();

            StoreUnavailableException refused = assertThrows(StoreUnavailableException.class,
                    () -> writer.inTransaction("inserting 1", 0, insert(1)));
            assertEquals("the store is closed; nothing was written while inserting 1", refused.getMessage());
            assertEquals(0, database.queryLong("SELECT COUNT(*) FROM gc_test"));
        });
    }

    private record Queued(String what, Transactions.Work<Integer> work) {
    }

    /**
     * A holder (inserting 100) keeps the writer busy until {@code members} are queued behind it in this order, so
     * that they are written as one group; returns the holder's answer, then the members'.
     */
    private static List<Future<Integer>> oneGroupAfterAHolder(GroupCommitter writer, ExecutorService callers,
            Queued... members) throws InterruptedException {
        CountDownLatch writerBusy = new CountDownLatch(1);
        CountDownLatch othersQueued = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        answers.add(callers.submit(() -> writer.inTransaction("holder", 0, connection -> {
            writerBusy.countDown();
            await(othersQueued);
            return insert(100).apply(connection);
        })));
        writerBusy.await();
        for (int i = 0; i < members.length; i++) {
            Queued member = members[i];
            answers.add(callers.submit(() -> writer.inTransaction(member.what(), 0, member.work())));
            waitUntilQueued(writer, i + 1);
        }
        othersQueued.countDown();
        return answers;
    }

    /** Holds the writer inside a member until the test has queued the others. */
    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntilQueued(GroupCommitter writer, int count) throws InterruptedException {
        for (int i = 0; i < 2_000 && writer.queued() < count; i++) {
            Thread.sleep(5);
        }
        assertEquals(count, writer.queued());
    }
}

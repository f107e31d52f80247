package io.batchcast.adapter.persistence;

import static io.batchcast.adapter.persistence.TradingFixtures.NOON;
import static io.batchcast.adapter.persistence.TradingFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchcast.domain.Strategy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A group locks the sequence rows of all its appending members at once ({@link StreamAppender#lockAll}): every user
 * and stream row that exists, with its head, before any member runs, in one statement per table. A row that is not
 * there yet (a stream's or a user's first event) is left to the member, which creates it.
 */
class GroupSequenceLocksTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theGroupLearnsTheHeadsOfEveryExistingRowItsMembersAppendTo(Engine engine) throws Exception {
        try (TestDatabase database = engine.newDatabase(); Persistence persistence = database.open()) {
            Fixture fixture = Fixture.of(persistence);
            WriteSet writes = new WriteSet(true);
            try (Connection connection = database.connect()) {
                connection.setAutoCommit(false);

                fixture.lockAll(database, persistence, connection, writes);

                assertEquals(OptionalLong.of(3), writes.head("user_streams", "user_id", fixture.alice));
                assertEquals(OptionalLong.of(1), writes.head("user_streams", "user_id", fixture.bob));
                assertEquals(OptionalLong.of(2), writes.head("streams", "strategy_id", fixture.aliceGrid.id()));
                assertEquals(OptionalLong.of(1), writes.head("streams", "strategy_id", fixture.aliceEth.id()));
                assertEquals(OptionalLong.of(1), writes.head("streams", "strategy_id", fixture.bobGrid.id()));
                assertEquals(OptionalLong.empty(), writes.head("streams", "strategy_id", fixture.bobNew.id()),
                        "a stream without events has no row yet: its first append creates it");
                connection.rollback();
            }
        }
    }

    /**
     * The rows stay locked until the group's transaction ends: another transaction that asks for one of them without
     * waiting is refused, and one that asks for a row no member appends to is not. (SQLite has no row locks: its
     * write transaction holds the whole database.)
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"H2", "POSTGRESQL"})
    void theRowsStayLockedUntilTheGroupsTransactionEnds(Engine engine) throws Exception {
        try (TestDatabase database = engine.newDatabase(); Persistence persistence = database.open()) {
            Fixture fixture = Fixture.of(persistence);
            Strategy carols = persistence.strategyStore().create(unique("carol"), "Grid BTC", NOON);
            persistence.batchRecorder().record(oneOrder(carols, "c1"));
            try (Connection group = database.connect(); Connection other = database.connect()) {
                group.setAutoCommit(false);
                other.setAutoCommit(false);

                fixture.lockAll(database, persistence, group, new WriteSet(true));

                assertThrows(SQLException.class, () -> lockWithoutWaiting(other, "user_streams", "user_id",
                        fixture.bob));
                other.rollback();
                assertThrows(SQLException.class, () -> lockWithoutWaiting(other, "streams", "strategy_id",
                        fixture.aliceEth.id()));
                other.rollback();
                lockWithoutWaiting(other, "user_streams", "user_id", carols.userId());
                lockWithoutWaiting(other, "streams", "strategy_id", carols.id());
                other.rollback();
                group.rollback();
                lockWithoutWaiting(other, "user_streams", "user_id", fixture.bob);
                other.rollback();
            }
        }
    }

    /** Alice: two events on her grid, one on her ETH strategy. Bob: one event, and a strategy without any. */
    private record Fixture(String alice, String bob, Strategy aliceGrid, Strategy aliceEth, Strategy bobGrid,
            Strategy bobNew) {

        static Fixture of(Persistence persistence) {
            String alice = unique("alice");
            String bob = unique("bob");
            Strategy aliceGrid = persistence.strategyStore().create(alice, "Grid BTC", NOON);
            Strategy aliceEth = persistence.strategyStore().create(alice, "Grid ETH", NOON);
            Strategy bobGrid = persistence.strategyStore().create(bob, "Grid BTC", NOON);
            Strategy bobNew = persistence.strategyStore().create(bob, "Grid SOL", NOON);
            for (var batch : List.of(oneOrder(aliceGrid, "g1"), oneOrder(aliceGrid, "g2"), oneOrder(aliceEth, "e1"),
                    oneOrder(bobGrid, "b1"))) {
                persistence.batchRecorder().record(batch);
            }
            return new Fixture(alice, bob, aliceGrid, aliceEth, bobGrid, bobNew);
        }

        /** What a group of these members declares: alice's grid twice, her ETH strategy, both of bob's. */
        void lockAll(TestDatabase database, Persistence persistence, Connection connection, WriteSet writes)
                throws SQLException {
            new StreamAppender(persistence.epoch(), Dialect.of(database.url())).lockAll(connection, writes,
                    List.of(heads(aliceGrid), heads(bobNew), heads(aliceEth), heads(aliceGrid), heads(bobGrid)));
        }

        private static StreamAppender.Heads heads(Strategy strategy) {
            return new StreamAppender.Heads(strategy.userId(), strategy.id());
        }
    }

    private static io.batchcast.application.port.out.RecordedBatch oneOrder(Strategy strategy, String orderId) {
        return TradingFixtures.creating(strategy, unique("batch"), "",
                List.of(TradingFixtures.limitBuy(strategy, orderId, "cli-" + orderId, "1", "100")));
    }

    private static void lockWithoutWaiting(Connection connection, String table, String keyColumn, Object key)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT head_seq FROM " + table + " WHERE " + keyColumn + " = ? FOR UPDATE NOWAIT")) {
            select.setObject(1, key);
            select.executeQuery().close();
        }
    }
}

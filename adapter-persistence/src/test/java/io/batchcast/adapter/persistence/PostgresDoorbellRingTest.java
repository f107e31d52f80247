package io.batchcast.adapter.persistence;

import static io.batchcast.adapter.persistence.TradingFixtures.NOON;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import io.batchcast.domain.EventId;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.OrderBatchEvent;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.StoredEvent;
import io.batchcast.domain.StreamKey;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** The doorbell rings once per committed group, after the commit, naming every event the group appended. */
class PostgresDoorbellRingTest {

    private static Optional<StoredEvent> event(long strategyId, long seq) {
        var results = List.of(OperationResult.created(0, "o", "c", OrderType.LIMIT));
        return Optional.of(new StoredEvent(new EventId("epoch123", seq),
                OrderBatchEvent.of(results, new StreamKey("u", strategyId), "b", NOON).orElseThrow()));
    }

    @Test
    void aGroupOfThreeRecordsRingsOneDoorbellNamingAllThreeAndIntentsRingNothing() throws Exception {
        try (PostgresTestDatabase database = PostgresTestDatabase.create(); Persistence migrated = database.open();
                HikariDataSource pool = ConnectionPool.open(database.settings(), Dialect.of(database.settings().url()));
                Connection listening = database.connect()) {
            try (Statement listen = listening.createStatement()) {
                listen.execute("LISTEN " + PostgresDoorbellRing.CHANNEL);
            }
            CountDownLatch writerBusy = new CountDownLatch(1);
            CountDownLatch othersQueued = new CountDownLatch(1);
            try (GroupCommitter writer = new GroupCommitter(pool, 128, new PostgresDoorbellRing());
                    ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<Boolean> intent = callers.submit(() -> writer.inTransaction("an intent", 0, connection -> {
                    writerBusy.countDown();
                    try {
                        othersQueued.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return true;
                }));
                writerBusy.await();
                List<Future<Optional<StoredEvent>>> records = new ArrayList<>();
                for (long[] at : new long[][] {{7, 1}, {7, 2}, {8, 1}}) {
                    records.add(callers.submit(() -> writer.inTransaction("a record", 0, c -> event(at[0], at[1]))));
                    while (writer.queued() < records.size()) {
                        Thread.sleep(5);
                    }
                }
                records.add(callers.submit(() -> writer.inTransaction("a batch without event", 0, c -> Optional.empty())));
                while (writer.queued() < 4) {
                    Thread.sleep(5);
                }
                othersQueued.countDown();
                intent.get();
                for (Future<Optional<StoredEvent>> record : records) {
                    record.get();
                }
            }

            List<String> payloads = new ArrayList<>();
            PGConnection postgres = listening.unwrap(PGConnection.class);
            for (int poll = 0; poll < 10; poll++) {
                PGNotification[] notifications = postgres.getNotifications(200);
                if (notifications != null) {
                    for (PGNotification notification : notifications) {
                        payloads.add(notification.getParameter());
                    }
                }
            }
            assertEquals(List.of("7:1,7:2,8:1"), payloads, "the first group (the intent alone) rang nothing");
        }
    }

    @Test
    void aPayloadNamingSeveralEventsRingsEachInOrder() throws InterruptedException {
        DoorbellListenerTest.RecordingDoorbell doorbell = new DoorbellListenerTest.RecordingDoorbell();

        new DoorbellPayload().ring(doorbell, "7:1,x:2,8:3");

        assertEquals("7:1", doorbell.nextRing());
        assertEquals("8:3", doorbell.nextRing(), "the malformed entry is skipped, the rest still rings");
    }
}

package io.batchcast.bootstrap;

import static io.batchcast.bootstrap.TestClient.limits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchcast.proto.v1.SubmitOrderBatchResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/events} against the running jar: a strategy created while the stream is open appears on it
 * (on the embedded SQLite, and on PostgreSQL when it is created and traded through another instance), and a reconnect
 * with the last id resumes every strategy of the subscription exactly once, in commit order.
 */
class CallerEventsIT {

    private static final String PATH = "/api/v1/events";

    @TempDir
    Path workDir;

    @Test
    void aStrategyCreatedMidStreamAppearsAndAReconnectResumesAllThreeStrategiesOnTheEmbeddedDefault() throws Exception {
        try (RunningJar jar = new RunningJar(workDir, Map.of()); TestClient client = new TestClient(jar.grpcPort, "u1")) {
            long first = client.createStrategy("first");
            long created;
            String last;
            try (RawSseClient stream = new RawSseClient(jar.httpPort, PATH, client.token, null)) {
                assertEquals(200, stream.status);
                assertEquals("retry: 3000\n\n", stream.nextFrame());
                created = client.createStrategy("created while connected");
                SubmitOrderBatchResponse onCreated = client.submit(created, "", limits(2, "c"));
                SubmitOrderBatchResponse onFirst = client.submit(first, "", limits(1, "f"));
                String epoch = epochOf(onCreated);
                assertFrame(stream.nextEvent(), epoch + "-u1", created, onCreated);
                assertFrame(stream.nextEvent(), epoch + "-u2", first, onFirst);
                last = epoch + "-u2";
            }
            long third = client.createStrategy("third");
            List<Long> strategies = List.of(third, first, created, third);
            List<SubmitOrderBatchResponse> missed = new ArrayList<>();
            for (int i = 0; i < strategies.size(); i++) {
                missed.add(client.submit(strategies.get(i), "", limits(1, "m" + i)));
            }
            try (RawSseClient again = new RawSseClient(jar.httpPort, PATH, client.token, last)) {
                String epoch = epochOf(missed.getFirst());
                for (int i = 0; i < missed.size(); i++) {
                    assertFrame(again.nextEvent(), epoch + "-u" + (3 + i), strategies.get(i), missed.get(i));
                }
            }
        }
    }

    @Test
    void aStrategyCreatedAndTradedThroughAnotherInstanceAppearsOnTheOpenStreamOnPostgres() throws Exception {
        try (ThrowawayPostgres db = new ThrowawayPostgres();
                RunningJar a = new RunningJar(Files.createDirectories(workDir.resolve("a")), db.env());
                RunningJar b = new RunningJar(Files.createDirectories(workDir.resolve("b")), db.env());
                TestClient viaA = new TestClient(a.grpcPort, "u1");
                TestClient viaB = new TestClient(b.grpcPort, "u1");
                TestClient otherUser = new TestClient(b.grpcPort, "u2")) {
            long existing = viaA.createStrategy("existing");
            long others = otherUser.createStrategy("not u1's");
            try (RawSseClient onA = new RawSseClient(a.httpPort, PATH, viaA.token, null)) {
                assertEquals("retry: 3000\n\n", onA.nextFrame());
                long created = viaB.createStrategy("created on B while A streams");
                otherUser.submit(others, "", limits(1, "o"));
                SubmitOrderBatchResponse onCreated = viaB.submit(created, "", limits(3, "b"));
                SubmitOrderBatchResponse onExisting = viaB.submit(existing, "", limits(1, "e"));
                String epoch = epochOf(onCreated);
                assertFrame(onA.nextEvent(), epoch + "-u1", created, onCreated);
                assertFrame(onA.nextEvent(), epoch + "-u2", existing, onExisting);
            }
        }
    }

    private static String epochOf(SubmitOrderBatchResponse response) {
        return response.getEventId().substring(0, response.getEventId().indexOf('-'));
    }

    private static void assertFrame(String frame, String id, long strategy, SubmitOrderBatchResponse response) {
        assertTrue(frame.startsWith("id: " + id + "\nevent: order_batch_update\n"), frame);
        assertTrue(frame.contains("\"strategy_id\":" + strategy + ",\"batch_id\":\"" + response.getBatchId() + "\""),
                frame);
    }
}

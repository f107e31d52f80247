package io.batchcast.bootstrap;

import static io.batchcast.bootstrap.TestClient.limits;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchcast.proto.v1.SubmitOrderBatchResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code coalesce_ms} against two jars on one PostgreSQL: batches submitted through instance B, replayed from the
 * database on instance A, merge into one frame per run of one strategy, and the merged frame's id resumes exactly.
 */
class CoalescingIT {

    @TempDir
    Path workDir;

    @Test
    void aReplayFromPostgresMergesEachStrategysRunAndTheMergedIdResumesExactly() throws Exception {
        try (ThrowawayPostgres db = new ThrowawayPostgres();
                RunningJar a = new RunningJar(Files.createDirectories(workDir.resolve("a")), db.env());
                RunningJar b = new RunningJar(Files.createDirectories(workDir.resolve("b")), db.env());
                TestClient viaA = new TestClient(a.grpcPort, "u1");
                TestClient viaB = new TestClient(b.grpcPort, "u1")) {
            long grid = viaB.createStrategy("grid");
            long scalper = viaB.createStrategy("scalper");
            SubmitOrderBatchResponse lastOnGrid = null;
            for (int i = 0; i < 10; i++) {
                lastOnGrid = viaB.submit(grid, "", limits(2, "g" + i));
            }
            SubmitOrderBatchResponse lastOnScalper = null;
            for (int i = 0; i < 10; i++) {
                lastOnScalper = viaB.submit(scalper, "", limits(1, "s" + i));
            }
            String epoch = lastOnGrid.getEventId().substring(0, lastOnGrid.getEventId().indexOf('-'));

            try (RawSseClient stream = new RawSseClient(a.httpPort, "/api/v1/events?coalesce_ms=1000", viaA.token,
                    "earliest")) {
                assertEquals(200, stream.status);
                assertEquals(frame(epoch + "-u10", grid, lastOnGrid, 20, 10), masked(stream.nextEvent()));
                assertEquals(frame(epoch + "-u20", scalper, lastOnScalper, 10, 10), masked(stream.nextEvent()));
            }

            SubmitOrderBatchResponse next = viaB.submit(grid, "", limits(1, "n"));
            try (RawSseClient resumed = new RawSseClient(a.httpPort, "/api/v1/events", viaA.token,
                    epoch + "-u20")) {
                String frame = resumed.nextEvent();
                assertEquals("id: " + epoch + "-u21\nevent: order_batch_update\n", frame.substring(0,
                        frame.indexOf("data: ")));
                assertEquals(true, frame.contains("\"batch_id\":\"" + next.getBatchId() + "\""), frame);
                assertEquals(false, frame.contains("batch_count"), frame);
            }
        }
    }

    /** The merged frame, with the last batch's timestamp (which the submit's response does not carry) masked. */
    private static String frame(String id, long strategy, SubmitOrderBatchResponse last, int created, int batches) {
        return "id: " + id + "\nevent: order_batch_update\ndata: {\"type\":\"order_batch_update\",\"data\":{"
                + "\"strategy_id\":" + strategy + ",\"batch_id\":\"" + last.getBatchId() + "\",\"summaries\":["
                + "{\"order_type\":\"LIMIT\",\"created\":" + created + ",\"cancelled\":0}],"
                + "\"timestamp\":\"" + MASK + "\",\"batch_count\":" + batches + "}}\n\n";
    }

    private static String masked(String frame) {
        return frame.replaceFirst("\"timestamp\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\"",
                "\"timestamp\":\"" + MASK + "\"");
    }

    private static final String MASK = "<ISO 8601 with milliseconds>";
}

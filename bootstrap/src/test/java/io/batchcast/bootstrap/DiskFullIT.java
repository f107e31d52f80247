package io.batchcast.bootstrap;

import static io.batchcast.bootstrap.TestClient.limits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchcast.adapter.persistence.SmallFilesystem;
import io.batchcast.proto.v1.OrderBatchEvent;
import io.batchcast.proto.v1.SubmitOrderBatchResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The running jar with its database on a 24 MB tmpfs (a SQLite file, or a PostgreSQL tablespace), filled up by a
 * filler file while 8 callers submit, then freed: what was acknowledged is durable, what failed failed as
 * {@code UNAVAILABLE} and left nothing half-written, readiness says the storage is full and heals by itself, and a
 * restart finds every acknowledged batch.
 */
class DiskFullIT {

    private static final int CALLERS = 8;

    @TempDir
    Path workDir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aFullDiskFailsSubmitsAsUnavailableAcknowledgesOnlyDurableBatchesAndHealsWhenFreed(String database)
            throws Exception {
        boolean sqlite = database.equals("sqlite");
        try (SmallFilesystem disk = SmallFilesystem.mount(24); ThrowawayPostgres postgres = sqlite ? null
                : ThrowawayPostgres.inTablespace(disk.directoryOwnedBy("postgres"))) {
            Map<String, String> env = sqlite
                    ? Map.of("BATCHCAST_DB_URL", "jdbc:sqlite:" + disk.root().resolve("batchcast.db"))
                    : postgres.env();
            String code = sqlite ? "SQLITE_FULL" : "53100";
            Map<String, SubmitOrderBatchResponse> acknowledged = new ConcurrentHashMap<>();
            Map<String, StatusRuntimeException> refused = new ConcurrentHashMap<>();
            long strategy;
            String first;
            String last;
            try (RunningJar jar = new RunningJar(workDir, env); TestClient client = new TestClient(jar.grpcPort, "u1")) {
                strategy = client.createStrategy("alpha");
                first = client.submit(strategy, "", limits(1, "first")).getEventId();
                fillWhileCallersSubmit(disk, jar, client, strategy, code, acknowledged, refused);
                for (StatusRuntimeException refusal : refused.values()) {
                    assertEquals(Status.Code.UNAVAILABLE, refusal.getStatus().getCode(), refusal.toString());
                    assertTrue(refusal.getStatus().getDescription().contains("nothing was sent to the exchange or written")
                            || refusal.getStatus().getDescription().contains("outcome is not recorded yet"),
                            refusal.getStatus().getDescription());
                }

                disk.free();
                String up = jar.awaitReadiness(200);
                assertTrue(!up.contains("storage"), up);
                for (String requestId : refused.keySet()) { // settled once the disk is free: whole, or not at all
                    acknowledged.put(requestId, client.submitUntilAnswered(strategy, requestId, limits(2, requestId + "-")));
                }
                last = client.submit(strategy, "", limits(1, "after")).getEventId();
            }

            try (RunningJar restarted = new RunningJar(workDir, env);
                    TestClient client = new TestClient(restarted.grpcPort, "u1")) {
                List<OrderBatchEvent> log = client.eventsAfter(strategy, first, last);
                assertEquals(LongStream.rangeClosed(BatchcastJarIT.seq(first) + 1, BatchcastJarIT.seq(last)).boxed()
                        .toList(), log.stream().map(e -> BatchcastJarIT.seq(e.getEventId())).toList(), "gap-free");
                Map<String, String> eventOfBatch = new HashMap<>();
                for (OrderBatchEvent event : log) {
                    assertEquals(null, eventOfBatch.put(event.getBatchId(), event.getEventId()), "once per batch");
                }
                for (SubmitOrderBatchResponse response : acknowledged.values()) {
                    assertEquals(2, response.getResultsCount(), "a whole receipt for batch " + response.getBatchId());
                    assertEquals(response.getEventId(), eventOfBatch.get(response.getBatchId()),
                            "acknowledged batch " + response.getBatchId() + " survived the restart with its id");
                }
                assertEquals(acknowledged.size() + 1, log.size(), "the log holds the acknowledged batches and 'after'");
            }
        }
    }

    /** Fills the filesystem while the callers submit; returns once writes fail and readiness says why. */
    private static void fillWhileCallersSubmit(SmallFilesystem disk, RunningJar jar, TestClient client, long strategy,
            String code, Map<String, SubmitOrderBatchResponse> acknowledged, Map<String, StatusRuntimeException> refused)
            throws Exception {
        try (ConcurrentCallers callers = new ConcurrentCallers(CALLERS, (caller, submitting) ->
                submitWhile(submitting, client, strategy, caller, acknowledged, refused))) {
            awaitAtLeast(acknowledged, CALLERS, "batches acknowledged before the disk is full");
            int beforeFull = acknowledged.size();
            long filled = disk.fill();
            awaitAtLeast(refused, CALLERS, "submits refused after the filler took " + filled + " bytes");
            String down = jar.awaitReadiness(503);
            assertTrue(down.matches(".*\"storage\":\"full: writes fail since [0-9T:.\\-]+Z: " + code + "\".*"), down);
            System.out.printf("DiskFullIT (%s): %d acknowledged before the fill, %d after, %d refused%n", code,
                    beforeFull, acknowledged.size() - beforeFull, refused.size());
        }
    }

    private static void submitWhile(BooleanSupplier submitting, TestClient client, long strategy, int caller,
            Map<String, SubmitOrderBatchResponse> acknowledged, Map<String, StatusRuntimeException> refused) {
        for (int n = 0; submitting.getAsBoolean(); n++) {
            String requestId = "c" + caller + "-" + n;
            try {
                acknowledged.put(requestId, client.submit(strategy, requestId, limits(2, requestId + "-")));
            } catch (StatusRuntimeException e) {
                refused.put(requestId, e);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private static void awaitAtLeast(Map<String, ?> entries, int count, String what) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (entries.size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertTrue(entries.size() >= count, what + ": " + entries.size() + ", not " + count + " within 60 s");
    }
}

package io.batchcast.bootstrap;

import static io.batchcast.bootstrap.TestClient.limits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchcast.proto.v1.OrderBatchEvent;
import io.batchcast.proto.v1.SubmitOrderBatchResponse;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code kill -9} while 16 callers submit, then a restart on the same database: every acknowledged batch is in the
 * log once, with the id it was acknowledged with; ids are gap-free; every batch that was in flight is either whole
 * (and in the log once) or not there at all, and its retry says which.
 */
class DurabilityUnderKillIT {

    private static final int CALLERS = 16;

    @TempDir
    Path workDir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "h2", "postgresql"})
    void everyAcknowledgedBatchSurvivesAKillOnceAndInFlightOnesAreWholeOrAbsent(String database) throws Exception {
        try (ThrowawayPostgres postgres = new ThrowawayPostgres()) {
            Map<String, String> env = new HashMap<>(switch (database) {
                case "sqlite" -> Map.of();
                case "h2" -> RunningJar.h2Env(workDir);
                default -> postgres.env();
            });
            env.put("BATCHCAST_EXECUTION_RECONCILE_dash_AFTER", "PT2S");
            Map<String, SubmitOrderBatchResponse> acknowledged = new ConcurrentHashMap<>();
            Set<String> inFlight = ConcurrentHashMap.newKeySet();
            long strategy;
            String first;
            try (RunningJar jar = new RunningJar(workDir, env); TestClient client = new TestClient(jar.grpcPort, "u1")) {
                strategy = client.createStrategy("alpha");
                first = client.submit(strategy, "", limits(1, "first")).getEventId();
                try (ConcurrentCallers callers = new ConcurrentCallers(CALLERS, (caller, alive) ->
                        submitUntilDead(client, strategy, caller, alive, acknowledged, inFlight))) {
                    Thread.sleep(3_000);
                    jar.kill();
                }
            }
            assertTrue(acknowledged.size() >= CALLERS, "the callers got answers before the kill: " + acknowledged.size());

            try (RunningJar restarted = new RunningJar(workDir, env);
                    TestClient client = new TestClient(restarted.grpcPort, "u1")) {
                Thread.sleep(3_000); // intents of the killed instance are older than reconcile-after: settled
                Map<String, SubmitOrderBatchResponse> retries = new HashMap<>();
                for (String requestId : inFlight) {
                    retries.put(requestId, client.submit(strategy, requestId, limits(2, requestId + "-")));
                }
                String last = client.submit(strategy, "", limits(1, "last")).getEventId();
                List<OrderBatchEvent> log = new ArrayList<>(client.eventsAfter(strategy, first, last));

                List<Long> seqs = log.stream().map(e -> BatchcastJarIT.seq(e.getEventId())).toList();
                assertEquals(LongStream.rangeClosed(2, BatchcastJarIT.seq(last)).boxed().toList(), seqs, "gap-free");
                Map<String, String> eventOfBatch = new HashMap<>();
                for (OrderBatchEvent event : log) {
                    assertEquals(null, eventOfBatch.put(event.getBatchId(), event.getEventId()), "once per batch");
                }
                for (SubmitOrderBatchResponse response : acknowledged.values()) {
                    // a batch whose steps were refused as too late (reconcile-after is 2 s here, a loaded machine
                    // can take longer than half of it to start them) has no event, and must not be in the log
                    assertEquals(response.getEventId().isEmpty() ? null : response.getEventId(),
                            eventOfBatch.get(response.getBatchId()),
                            "acknowledged batch " + response.getBatchId() + " is in the log with its id");
                }
                Set<String> retried = new HashSet<>();
                for (SubmitOrderBatchResponse retry : retries.values()) {
                    assertEquals(2, retry.getResultsCount(), "a whole receipt for batch " + retry.getBatchId());
                    assertEquals(retry.getEventId().isEmpty() ? null : retry.getEventId(),
                            eventOfBatch.get(retry.getBatchId()), "in the log exactly when its receipt has an event");
                    retried.add(retry.getBatchId());
                }
                assertEquals(inFlight.size(), retried.size());
            }
        }
    }

    private static void submitUntilDead(TestClient client, long strategy, int caller, BooleanSupplier alive,
            Map<String, SubmitOrderBatchResponse> acknowledged, Set<String> inFlight) {
        for (int n = 0; alive.getAsBoolean(); n++) {
            String requestId = "c" + caller + "-" + n;
            inFlight.add(requestId);
            try {
                acknowledged.put(requestId, client.submit(strategy, requestId, limits(2, requestId + "-")));
                inFlight.remove(requestId);
            } catch (StatusRuntimeException e) {
                return; // the server died under this call: its outcome is settled after the restart
            }
        }
    }
}

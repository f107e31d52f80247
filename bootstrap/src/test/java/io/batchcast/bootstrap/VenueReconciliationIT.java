package io.batchcast.bootstrap;

import static io.batchcast.bootstrap.TestClient.limits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchcast.proto.v1.OperationOutcome;
import io.batchcast.proto.v1.OperationResult;
import io.batchcast.proto.v1.SubmitOrderBatchResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway against the paper venue over FIX, as separate processes: {@code kill -9} of the gateway in the middle
 * of a 20-operation batch (venue latency 500 ms, 4 operations at a time), then a restart. Reconciliation records
 * exactly what the venue did, the retry returns it, and no order is live at the venue without a record.
 */
class VenueReconciliationIT {

    @TempDir
    Path workDir;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aGatewayKilledMidBatchIsReconciledWithTheVenueAndTheRetryReturnsWhatTheVenueDid(String database)
            throws Exception {
        try (ThrowawayPostgres postgres = new ThrowawayPostgres()) {
            killedMidBatch(database.equals("h2") ? Map.of() : postgres.env());
        }
    }

    private void killedMidBatch(Map<String, String> databaseEnv) throws Exception {
        int venuePort = RunningJar.freePort();
        Path venueData = workDir.resolve("venue");
        Map<String, String> env = new HashMap<>(databaseEnv);
        env.putAll(Map.of(
                "BATCHCAST_EXCHANGE", "fix://127.0.0.1:" + venuePort,
                "BATCHCAST_EXECUTION_RECONCILE_dash_AFTER", "PT4S",
                "BATCHCAST_LIMITS_MAX_dash_PARALLELISM", "4"));
        Files.createDirectories(workDir.resolve("gw"));
        Process venue = startVenue(workDir, venuePort, venueData, "PT0.5S");
        try {
            long strategy;
            SubmitOrderBatchResponse warm;
            try (RunningJar gateway = new RunningJar(workDir.resolve("gw"), env);
                    TestClient client = new TestClient(gateway.grpcPort, "u1")) {
                strategy = client.createStrategy("alpha");
                warm = awaitLogon(client, strategy);
                CompletableFuture<Void> submitted = CompletableFuture.runAsync(() -> {
                    try {
                        client.submit(strategy, "req-20", limits(20, "o"));
                    } catch (RuntimeException expected) {
                        // the gateway dies under this call
                    }
                });
                Thread.sleep(1_200); // two waves of four answered, the third at the venue, two more not sent
                gateway.kill();
                submitted.get(30, TimeUnit.SECONDS);
            }

            try (RunningJar restarted = new RunningJar(workDir.resolve("gw"), env);
                    TestClient client = new TestClient(restarted.grpcPort, "u1")) {
                SubmitOrderBatchResponse retry = client.submitUntilAnswered(strategy, "req-20", limits(20, "o"));

                Set<String> createdIds = new HashSet<>();
                int notExecuted = 0;
                for (OperationResult result : retry.getResultsList()) {
                    if (result.getOutcome() == OperationOutcome.OPERATION_OUTCOME_CREATED) {
                        createdIds.add(result.getOrderId());
                    } else {
                        assertEquals("NOT_EXECUTED", result.getError().getReason());
                        notExecuted++;
                    }
                }
                assertEquals(20, createdIds.size() + notExecuted);
                assertTrue(!createdIds.isEmpty() && notExecuted > 0, "killed in the middle: " + createdIds.size());
                assertEquals(retry, client.submit(strategy, "req-20", limits(20, "o")), "the stored receipt again");
                assertEquals(createdIds.size(), retry.getSummaries(0).getCreated());
                assertEquals(2, BatchcastJarIT.seq(retry.getEventId()), "the batch's one event follows the warm-up's");

                venue.destroyForcibly().waitFor();
                Set<String> atVenue = venueOrders(venueData, strategy);
                Set<String> recorded = new HashSet<>(createdIds);
                recorded.add(warm.getResults(0).getOrderId());
                assertEquals(recorded, atVenue, "every order at the venue is recorded, none twice, none missing");
            }
        } finally {
            venue.destroyForcibly().waitFor();
        }
    }

    /** The paper venue as its own process ({@code java -jar batchcast.jar venue}), once it listens. */
    static Process startVenue(Path workDir, int port, Path data, String latency) throws Exception {
        Path log = workDir.resolve("venue.log");
        Process venue = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                RunningJar.jar().toString(), "venue", "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--data", data.toString(), "--latency", latency, "--id-prefix", "k")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plusSeconds(30);
        while (!Files.readString(log).contains("listening") && Instant.now().isBefore(deadline)) {
            assertTrue(venue.isAlive(), () -> "the venue exited: " + read(log));
            Thread.sleep(100);
        }
        return venue;
    }

    /** Submits a one-order batch until the FIX session is logged on and it is CREATED. */
    static SubmitOrderBatchResponse awaitLogon(TestClient client, long strategy) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        for (int n = 0; Instant.now().isBefore(deadline); n++) {
            SubmitOrderBatchResponse response = client.submit(strategy, "", limits(1, "warm" + n + "-"));
            if (response.getResults(0).getOutcome() == OperationOutcome.OPERATION_OUTCOME_CREATED) {
                return response;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the gateway never logged on to the venue");
    }

    static Set<String> venueOrders(Path data, long strategy) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("venue"));
                PreparedStatement select = connection.prepareStatement(
                        "SELECT order_id FROM venue_orders WHERE account = ?")) {
            select.setString(1, Long.toString(strategy));
            Set<String> ids = new HashSet<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}

package io.batchcast.bootstrap;

import static io.batchcast.bootstrap.TestClient.expectedFrame;
import static io.batchcast.bootstrap.TestClient.limits;
import static io.batchcast.bootstrap.TestClient.stopLimits;
import static io.batchcast.bootstrap.TestClient.timestampOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchcast.proto.v1.OrderOperation;
import io.batchcast.proto.v1.SubmitOrderBatchResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as a process: gRPC in, SSE frames out over real sockets, on SQLite and on PostgreSQL. */
class BatchcastJarIT {

    private static final Pattern ISO_MILLIS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

    @TempDir
    Path workDir;

    @Test
    void submitOverGrpcArrivesAsOneSseFrameOnTheEmbeddedDefault() throws Exception {
        try (RunningJar jar = new RunningJar(workDir, Map.of())) {
            assertSeedFlow(jar);
            assertTrue(jar.outputContaining("(embedded SQLite)").contains("database      jdbc:sqlite:"),
                    "the banner names the database in use");
        }
    }

    @Test
    void submitOverGrpcArrivesAsOneSseFrameOnPostgres() throws Exception {
        try (ThrowawayPostgres db = new ThrowawayPostgres();
                RunningJar jar = new RunningJar(workDir, db.env())) {
            assertSeedFlow(jar);
        }
    }

    private static void assertSeedFlow(RunningJar jar) throws Exception {
        try (TestClient client = new TestClient(jar.grpcPort, "u1")) {
            long strategy = client.createStrategy("alpha");
            try (RawSseClient sse = new RawSseClient(jar.httpPort, "/api/v1/strategies/" + strategy + "/events",
                    client.token, null)) {
                assertEquals(200, sse.status);
                assertEquals("retry: 3000\n\n", sse.nextFrame());
                List<OrderOperation> ops = new ArrayList<>(limits(5, "l"));
                ops.addAll(stopLimits(2, "s"));
                SubmitOrderBatchResponse response = client.submit(strategy, "r-1", ops);

                String frame = sse.nextEvent();
                String ts = timestampOf(frame);
                assertTrue(ISO_MILLIS.matcher(ts).matches(), ts);
                assertEquals(expectedFrame(strategy, response, "[{\"order_type\":\"LIMIT\",\"created\":5,\"cancelled\":0},"
                        + "{\"order_type\":\"STOP_LIMIT\",\"created\":2,\"cancelled\":0}]", ts), frame);
            }
        }
    }

    @Test
    void metricsCountBatchesDeliveriesReplaysAndLagAndOneLoggingBackendServesEveryLibrary() throws Exception {
        try (RunningJar jar = new RunningJar(workDir, Map.of()); TestClient client = new TestClient(jar.grpcPort, "u1")) {
            long strategy = client.createStrategy("alpha");
            String path = "/api/v1/strategies/" + strategy + "/events";
            try (RawSseClient live = new RawSseClient(jar.httpPort, path, client.token, null)) {
                live.nextFrame();
                String first = client.submit(strategy, "", limits(3, "m")).getEventId();
                client.submit(strategy, "", List.of(TestClient.cancel("no-such-order")));
                assertThrows(io.grpc.StatusRuntimeException.class, () -> client.submit(strategy, "", List.of()));
                client.submit(strategy, "", limits(1, "n"));
                live.nextEvent();
                live.nextEvent();
                try (RawSseClient reconnected = new RawSseClient(jar.httpPort, path, client.token, first)) {
                    reconnected.nextEvent();

                    String metrics = get(jar, "/observe/metrics");
                    for (String line : List.of(
                            "batchcast_batches_total{outcome=\"executed\",scope=\"application\",} 3.0",
                            "batchcast_batches_total{outcome=\"invalid\",scope=\"application\",} 1.0",
                            "batchcast_operations_total{outcome=\"created\",scope=\"application\",} 4.0",
                            "batchcast_operations_total{outcome=\"rejected\",scope=\"application\",} 1.0",
                            "batchcast_events_emitted_total{scope=\"application\",} 2.0",
                            "batchcast_delivery_lag_seconds_count{scope=\"application\",} 2.0",
                            "batchcast_replayed_events_total{scope=\"application\",} 1.0",
                            "batchcast_sse_connections{scope=\"application\",} 2.0",
                            "batchcast_sse_deliveries_total{scope=\"application\",} 3.0",
                            "batchcast_sse_frames_serialized_total{scope=\"application\",} 2.0")) {
                        assertTrue(metrics.contains(line), line + " in\n" + metrics);
                    }
                    // The live stream wrote its retry field, then its two events in one write or two (frames
                    // queued together share one, depending on timing); the reconnected stream wrote its retry
                    // field and replayed event in one. No keepalive write is due within this test's seconds (the
                    // first half of one comes after half the 15 s heartbeat interval of quiet).
                    Matcher writes = Pattern.compile("batchcast_sse_writes_total\\{scope=\"application\",} (\\d+)\\.0")
                            .matcher(metrics);
                    assertTrue(writes.find(), metrics);
                    assertTrue(Set.of("3", "4").contains(writes.group(1)), writes.group());
                }
            }
            assertTrue(get(jar, "/observe/health/ready").contains("\"status\":\"UP\""));
            assertFalse(jar.output().contains("SLF4J"), jar.output());
        }
    }

    @Test
    void sigtermLetsAnInFlightBatchFinishAndCommit() throws Exception {
        try (RunningJar jar = new RunningJar(workDir, Map.of("BATCHCAST_EXCHANGE_LATENCY", "PT2S"));
                TestClient client = new TestClient(jar.grpcPort, "u1")) {
            long strategy = client.createStrategy("alpha");
            try (var threads = java.util.concurrent.Executors.newSingleThreadExecutor()) {
                var inFlight = threads.submit(() -> client.submit(strategy, "", limits(1, "f")));
                Thread.sleep(800); // the call is inside its 2 s exchange wait when SIGTERM arrives
                jar.terminate();
                SubmitOrderBatchResponse response = inFlight.get();
                assertEquals(io.batchcast.proto.v1.OperationOutcome.OPERATION_OUTCOME_CREATED,
                        response.getResults(0).getOutcome());
                assertEquals(1, seq(response.getEventId()));
            }
            // the embedded database stays open until the server closes it last: an embedded database closed at JVM
            // exit (H2's own hook does that) would pull it from under the batches the shutdown is still finishing
            assertFalse(jar.output().contains("Database is already closed"), jar.output());
        }
        try (RunningJar again = new RunningJar(workDir, Map.of());
                TestClient client = new TestClient(again.grpcPort, "u1")) {
            assertEquals(2, seq(client.submit(1, "", limits(1, "g")).getEventId()), "the batch finished during "
                    + "shutdown was committed: the next event of the stream is number 2");
        }
    }

    @Test
    void withoutASecretTheServerWarnsAndPrintsADemoTokenThatWorks() throws Exception {
        try (RunningJar jar = new RunningJar(workDir, Map.of("BATCHCAST_JWT_SECRET", ""))) {
            String output = jar.outputContaining("a demo token");
            assertTrue(output.contains("WARNING: BATCHCAST_JWT_SECRET is not set"), output);
            var matcher = Pattern.compile("a demo token \\(user 'demo', valid 24 h\\): (\\S+)").matcher(output);
            assertTrue(matcher.find(), output);
            try (RawSseClient sse = new RawSseClient(jar.httpPort, "/api/v1/strategies/1/events", matcher.group(1), null);
                    RawSseClient forged = new RawSseClient(jar.httpPort, "/api/v1/strategies/1/events",
                            new TokenIssuer(JwtSecret.fromConfig(RunningJar.SECRET), java.time.Clock.systemUTC())
                                    .issue("demo", java.time.Duration.ofHours(1)), null)) {
                assertEquals(404, sse.status, "the demo token is accepted; strategy 1 does not exist without demo mode");
                assertEquals(401, forged.status, "a token signed with another secret is not");
            }
            for (String request : List.of("GET /api/v1/strategies/1/events HTTP/1.1", "GET /nothing/here HTTP/1.1",
                    "GET /observe/metrics HTTP/1.1", "GET /a b c HTTP/1.1")) {
                String head = responseHead(jar, request);
                assertTrue(head.contains("\nX-Content-Type-Options: nosniff\n"), request + " answered\n" + head);
            }
        }
    }

    @Test
    void tokenCommandPrintsOnlyTheTokenOnStdout() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", RunningJar.jar().toString(), "token", "--user", "42").redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("BATCHCAST_JWT_SECRET", RunningJar.SECRET);
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertEquals(0, process.waitFor());
        assertTrue(stdout.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\n"), stdout);
        var claims = com.nimbusds.jwt.SignedJWT.parse(stdout.strip()).getJWTClaimsSet();
        assertEquals("42", claims.getSubject());
    }

    @Test
    void demoModeSubmitsBatchesThroughGrpcAndPrintsTheDashboardUrl() throws Exception {
        try (RunningJar jar = new RunningJar(workDir, Map.of("BATCHCAST_DEMO", "true"))) {
            String url = awaitLine(jar, "Demo dashboard: ");
            var matcher = Pattern.compile("http://localhost:" + jar.httpPort + "/\\?strategy=(\\d+)&access_token=(\\S+)")
                    .matcher(url);
            assertTrue(matcher.matches(), url);
            try (RawSseClient sse = new RawSseClient(jar.httpPort, "/api/v1/strategies/" + matcher.group(1) + "/events",
                    matcher.group(2), null)) {
                assertEquals(200, sse.status);
                String frame = sse.nextEvent();
                assertTrue(frame.contains("\nevent: order_batch_update\n"), frame);
            }
        }
    }

    private static String awaitLine(RunningJar jar, String prefix) throws Exception {
        for (int i = 0; i < 100; i++) {
            for (String line : jar.output().split("\n")) {
                if (line.startsWith(prefix)) {
                    return line.substring(prefix.length()).strip();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no line starting with '" + prefix + "' in " + jar.output());
    }

    /** The status line and headers answering this request line, sent as is (a malformed one included). */
    private static String responseHead(RunningJar jar, String requestLine) throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", jar.httpPort)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            var head = new StringBuilder();
            for (int b = socket.getInputStream().read(); b >= 0 && head.indexOf("\n\n") < 0;
                    b = socket.getInputStream().read()) {
                if (b != '\r') {
                    head.append((char) b);
                }
            }
            return head.toString();
        }
    }

    private static String get(RunningJar jar, String path) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + jar.httpPort + path)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    @Test
    void restartOnTheSameDatabaseKeepsCursorsValidAndIdsIncreasing() throws Exception {
        SubmitOrderBatchResponse first;
        SubmitOrderBatchResponse second;
        long strategy;
        try (RunningJar jar = new RunningJar(workDir, Map.of()); TestClient client = new TestClient(jar.grpcPort, "u1")) {
            strategy = client.createStrategy("alpha");
            first = client.submit(strategy, "", limits(1, "a"));
            second = client.submit(strategy, "", limits(2, "b"));
        }
        try (RunningJar jar = new RunningJar(workDir, Map.of()); TestClient client = new TestClient(jar.grpcPort, "u1");
                RawSseClient sse = new RawSseClient(jar.httpPort, "/api/v1/strategies/" + strategy + "/events",
                        client.token, first.getEventId())) {
            String replayed = sse.nextEvent();
            assertTrue(replayed.startsWith("id: " + second.getEventId() + "\n"), replayed);
            SubmitOrderBatchResponse third = client.submit(strategy, "", limits(3, "c"));
            String live = sse.nextEvent();
            assertTrue(live.startsWith("id: " + third.getEventId() + "\n"), live);
            assertEquals(seq(second.getEventId()) + 1, seq(third.getEventId()));
            assertEquals(epoch(first.getEventId()), epoch(third.getEventId()));
        }
    }

    @Test
    void sigtermEndsSseStreamsCleanly() throws Exception {
        try (RunningJar jar = new RunningJar(workDir, Map.of()); TestClient client = new TestClient(jar.grpcPort, "u1")) {
            long strategy = client.createStrategy("alpha");
            try (RawSseClient sse = new RawSseClient(jar.httpPort, "/api/v1/strategies/" + strategy + "/events",
                    client.token, null)) {
                assertEquals("retry: 3000\n\n", sse.nextFrame());
                jar.terminate();
                assertTrue(sse.endsCleanly(), "the stream ends (EOF) instead of hanging");
            }
            assertTrue(jar.output().contains("stopped"), jar.output());
        }
    }

    static long seq(String eventId) {
        return Long.parseLong(eventId.substring(eventId.lastIndexOf('-') + 1));
    }

    static String epoch(String eventId) {
        return eventId.substring(0, eventId.lastIndexOf('-'));
    }
}

package io.batchcast.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BATCHCAST_LOG_FORMAT on the jar as a process: every line it writes, on stdout and stderr, start to exit. */
class LogFormatIT {

    private static final Pattern ISO_UTC_MILLIS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workDir;

    @Test
    void jsonFormatWritesEveryLineAsOneJsonObjectFromTheBannerToTheLastShutdownMessage() throws Exception {
        int httpPort = RunningJar.freePort();
        int grpcPort = RunningJar.freePort();
        Map<String, String> env = env(httpPort, grpcPort);
        env.put("BATCHCAST_JWT_SECRET", ""); // the banner's warning block and its demo token too
        env.put("BATCHCAST_DEMO", "true"); // and the demo block
        try (JarProcess jar = new JarProcess(workDir, env)) {
            jar.awaitReady(httpPort);
            awaitStdout(jar, "Demo dashboard: ");
            assertEquals(143, jar.terminate(), "SIGTERM ends the JVM with 128 + 15");

            List<JsonNode> records = records(jar.stdout());
            assertEquals(List.of(), records(jar.stderr()), "nothing on stderr");
            JsonNode banner = only(records, "Batchcast is up\n");
            assertEquals("io.batchcast.bootstrap.Banner", banner.get("logger").asText());
            assertEquals("INFO", banner.get("level").asText());
            assertTrue(banner.get("message").asText().contains("\n  gRPC          localhost:" + grpcPort + "  ("),
                    banner.toString());
            assertEquals("WARN", only(records, "WARNING: BATCHCAST_JWT_SECRET is not set.").get("level").asText());
            assertTrue(only(records, "Demo: user 'demo', strategy 1,").get("message").asText()
                    .contains("\nDemo dashboard: http://localhost:" + httpPort + "/?strategy=1&access_token="));
            only(records, "Batchcast stopping: refusing new work");
            JsonNode last = records.getLast();
            assertEquals("Batchcast stopped", last.get("message").asText(), "the last line: " + last);
            assertEquals("io.batchcast.bootstrap.RunningServer", last.get("logger").asText());
        }
    }

    @Test
    void jsonFormatLogsAFailedStartAsOneObjectWithTheStackTraceAndExitsNonZero() throws Exception {
        int deadPort = RunningJar.freePort(); // nothing listens there: the database cannot be reached
        Map<String, String> env = env(RunningJar.freePort(), RunningJar.freePort());
        env.put("BATCHCAST_DB_URL", "jdbc:postgresql://127.0.0.1:" + deadPort + "/batchcast");
        env.put("BATCHCAST_DB_USER", "postgres");
        try (JarProcess jar = new JarProcess(workDir, env)) {
            assertEquals(1, jar.awaitExit(Duration.ofSeconds(60)));

            List<JsonNode> records = records(jar.stdout());
            assertEquals(List.of(), records(jar.stderr()), "nothing on stderr");
            JsonNode failure = only(records, "Batchcast did not start: cannot reach the database at "
                    + "jdbc:postgresql://127.0.0.1:" + deadPort + "/batchcast within 3000 ms");
            assertEquals("ERROR", failure.get("level").asText());
            assertEquals("io.batchcast.bootstrap.Main", failure.get("logger").asText());
            String stackTrace = failure.get("exception").asText();
            assertTrue(stackTrace.startsWith("io.batchcast.application.port.in.StoreUnavailableException: cannot reach"),
                    stackTrace);
            assertTrue(stackTrace.contains("\n\tat io.batchcast.bootstrap.RunningServer.start("), stackTrace);
            assertTrue(stackTrace.contains("Caused by: "), stackTrace);
            assertFalse(jar.stdout().contains("Batchcast is up"));
        }
    }

    @Test
    void textFormatStampsEveryRecordInIso8601Utc() throws Exception {
        int httpPort = RunningJar.freePort();
        Map<String, String> env = env(httpPort, RunningJar.freePort());
        env.remove("BATCHCAST_LOG_FORMAT"); // text is the default
        try (JarProcess jar = new JarProcess(workDir, env)) {
            jar.awaitReady(httpPort);
            awaitStdout(jar, "Batchcast is up");
            assertEquals(143, jar.terminate());
            String stdout = jar.stdout();
            List<String> records = stdout.lines().filter(line -> line.matches("^\\d{4}-.*")).toList();
            assertTrue(records.size() >= 2, stdout);
            for (String record : records) {
                assertTrue(Pattern.compile("^" + ISO_UTC_MILLIS + " (TRACE|DEBUG|INFO|WARN|ERROR) [\\w.$]+: .+")
                        .matcher(record).matches(), record);
            }
            assertTrue(records.stream().anyMatch(r -> r.endsWith(
                    " INFO io.batchcast.bootstrap.RunningServer: Executing on the paper exchange (in-process)")), stdout);
            assertTrue(stdout.contains("\nBatchcast is up\n  gRPC          localhost:"), stdout);
            assertTrue(stdout.endsWith("\nBatchcast stopped\n"), stdout);
            assertEquals("", jar.stderr());
        }
    }

    @Test
    void anUnknownFormatStopsTheStartNamingTheKeyTheVariableAndTheChoices() throws Exception {
        Map<String, String> env = env(RunningJar.freePort(), RunningJar.freePort());
        env.put("BATCHCAST_LOG_FORMAT", "xml");
        try (JarProcess jar = new JarProcess(workDir, env)) {
            assertEquals(2, jar.awaitExit(Duration.ofSeconds(60)));
            assertEquals("batchcast.log.format (BATCHCAST_LOG_FORMAT) must be text or json, was 'xml'\n", jar.stderr());
            assertEquals("", jar.stdout());
        }
    }

    private Map<String, String> env(int httpPort, int grpcPort) {
        return new HashMap<>(Map.of(
                "BATCHCAST_HTTP_PORT", Integer.toString(httpPort),
                "BATCHCAST_GRPC_PORT", Integer.toString(grpcPort),
                "BATCHCAST_JWT_SECRET", RunningJar.SECRET,
                "BATCHCAST_DB_URL", RunningJar.sqliteUrl(workDir),
                "BATCHCAST_LOG_FORMAT", "json"));
    }

    /** Every line parsed as one JSON object with an ISO-8601 UTC timestamp, a level, a logger and a message. */
    private static List<JsonNode> records(String output) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (String line : output.lines().toList()) {
            JsonNode record;
            try {
                record = JSON.readTree(line);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new AssertionError("not one JSON object: " + line + "\nin\n" + output, e);
            }
            assertTrue(record.isObject(), line);
            assertTrue(ISO_UTC_MILLIS.matcher(record.path("timestamp").asText()).matches(), line);
            for (String field : List.of("level", "logger", "message")) {
                assertTrue(record.path(field).isTextual(), field + " in " + line);
            }
            records.add(record);
        }
        return records;
    }

    private static JsonNode only(List<JsonNode> records, String messageStart) {
        List<JsonNode> matching = records.stream()
                .filter(r -> r.get("message").asText().startsWith(messageStart)).toList();
        assertEquals(1, matching.size(), messageStart + " in " + records);
        return matching.getFirst();
    }

    private static void awaitStdout(JarProcess jar, String text) throws Exception {
        for (int i = 0; i < 200 && !jar.stdout().contains(text); i++) {
            Thread.sleep(50);
        }
        assertTrue(jar.stdout().contains(text), jar.stdout());
    }
}

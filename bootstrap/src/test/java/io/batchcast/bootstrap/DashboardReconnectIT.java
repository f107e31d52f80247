package io.batchcast.bootstrap;

import static io.batchcast.bootstrap.TestClient.limits;
import static io.batchcast.bootstrap.TestClient.stopLimits;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard while its server restarts on the same database and ports: the browser retries (and fails) while the
 * server is down, and "Reconnects" counts the one reconnection that succeeded; the stream resumes and the next batch
 * is a toast.
 */
class DashboardReconnectIT {

    // the browser retries every 0.5 s; the stop does not wait long for in-flight work (there is none)
    private static final Map<String, String> ENV = Map.of("BATCHCAST_SSE_RETRY_dash_MS", "500",
            "BATCHCAST_SSE_RETRY", "PT0.5S", "BATCHCAST_SHUTDOWN_GRACE", "PT1S");

    // the browser waits 30 s before it reconnects after a stream ended; meanwhile the restarted server keeps only the
    // newest 2 events of the strategy (pruned every second), so the browser's cursor is outside the retention then
    private static final Map<String, String> PRUNING_ENV = Map.of("BATCHCAST_SSE_RETRY_dash_MS", "30000",
            "BATCHCAST_SSE_RETRY", "PT30S", "BATCHCAST_SHUTDOWN_GRACE", "PT1S",
            "BATCHCAST_RETENTION_MAX_dash_EVENTS_dash_PER_dash_STREAM", "2",
            "BATCHCAST_RETENTION_PRUNE_dash_INTERVAL", "PT1S");

    @TempDir
    Path workDir;

    @Test
    void reconnectsCountsTheReconnectionThatSucceededNotTheFailedAttempts() throws Exception {
        int http = RunningJar.freePort();
        int grpc = RunningJar.freePort();
        long strategy;
        String token;
        try (RunningJar jar = new RunningJar(workDir, ENV, http, grpc);
                TestClient trader = new TestClient(grpc, "u-restart");
                HeadlessChromium chromium = new HeadlessChromium(1440, 900)) {
            strategy = trader.createStrategy("restart");
            token = trader.token;
            chromium.driver.get("http://127.0.0.1:" + http + "/?strategy=" + strategy + "&access_token=" + token);
            chromium.wait.until(ExpectedConditions.textToBe(By.id("connection-state"), "Live"));
            trader.submit(strategy, "before", limits(2, "b-"));
            chromium.wait.until(driver -> List.of("LIMIT: 2 created").equals(chromium.texts(".toast-text")));

            jar.terminate();
            chromium.wait.until(ExpectedConditions.attributeToBe(By.id("connection-state"), "data-state",
                    "reconnecting"));
            // the browser retries meanwhile (every 0.5 s, or backing off after a refusal); each attempt fails
            Thread.sleep(3000);
            assertEquals("0", chromium.text("#reconnect-count"), "failed attempts are not reconnections");

            try (RunningJar restarted = new RunningJar(workDir, ENV, http, grpc);
                    TestClient again = new TestClient(grpc, "u-restart")) {
                chromium.wait.until(ExpectedConditions.textToBe(By.id("connection-state"), "Live"));
                again.submit(strategy, "after", stopLimits(3, "a-"));
                chromium.wait.until(driver -> chromium.texts("#batch-rows td.orders").size() == 2);
                assertAll(
                        () -> assertEquals("1", chromium.text("#reconnect-count")),
                        () -> assertEquals(List.of("STOP_LIMIT: 3 created", "LIMIT: 2 created"),
                                chromium.texts("#batch-rows td.orders"), "nothing missed, nothing twice"),
                        () -> assertEquals("STOP_LIMIT: 3 created", chromium.texts(".toast-text").getFirst()));
            }
        }
    }

    @Test
    void aStreamResumingAfterItsCursorWasPrunedShowsTheResyncNotice() throws Exception {
        int http = RunningJar.freePort();
        int grpc = RunningJar.freePort();
        try (RunningJar jar = new RunningJar(workDir, PRUNING_ENV, http, grpc);
                TestClient trader = new TestClient(grpc, "u-pruned");
                HeadlessChromium chromium = new HeadlessChromium(1440, 900)) {
            long strategy = trader.createStrategy("pruned");
            chromium.driver.get("http://127.0.0.1:" + http + "/?strategy=" + strategy + "&access_token="
                    + trader.token);
            chromium.wait.until(ExpectedConditions.textToBe(By.id("connection-state"), "Live"));
            trader.submit(strategy, "seen", limits(1, "s-"));
            chromium.wait.until(driver -> chromium.texts("#batch-rows td.orders").size() == 1);
            jar.terminate();

            try (RunningJar restarted = new RunningJar(workDir, PRUNING_ENV, http, grpc);
                    TestClient again = new TestClient(grpc, "u-pruned")) {
                for (int i = 0; i < 4; i++) {
                    again.submit(strategy, "missed-" + i, limits(1, "m" + i + "-"));
                }
                new WebDriverWait(chromium.driver, Duration.ofSeconds(60)).until(
                        ExpectedConditions.visibilityOfElementLocated(By.id("resync-notice")));
                chromium.wait.until(ExpectedConditions.textToBe(By.id("connection-state"), "Live"));
                String notice = chromium.driver.findElement(By.cssSelector("#resync-notice div")).getText();
                assertAll(
                        () -> assertTrue(notice.startsWith("Some batches could not be replayed. Reason: "
                                + "cursor_outside_retention. Live updates continue from event "), notice),
                        () -> assertEquals("1", chromium.text("#reconnect-count")));
            }
        }
    }
}

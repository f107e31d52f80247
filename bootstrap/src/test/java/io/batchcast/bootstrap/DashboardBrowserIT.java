package io.batchcast.bootstrap;

import static io.batchcast.bootstrap.TestClient.limits;
import static io.batchcast.bootstrap.TestClient.stopLimits;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchcast.proto.v1.CreateOrder;
import io.batchcast.proto.v1.OrderOperation;
import io.batchcast.proto.v1.OrderType;
import io.batchcast.proto.v1.Side;
import io.batchcast.proto.v1.SubmitOrderBatchResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The dashboard in Debian's headless Chromium against the packaged jar, batches submitted through gRPC: every tab of
 * a browser shares one event stream, the last 24 hours come from the hourly statistics, history is there on load,
 * and toasts never cover the table.
 */
class DashboardBrowserIT {

    private static final int TABS = 10;

    @TempDir
    static Path workDir;
    private static RunningJar jar;

    @BeforeAll
    static void startServer() throws Exception {
        // one symbol trades, so a create of another is an exchange rejection (counted as rejected for its type)
        // a heartbeat each second: the streams of a browser a test closed are found gone (and counted out) quickly
        // (sse.heartbeat, a duration; sse.heartbeat-ms in milliseconds before it)
        jar = new RunningJar(workDir, Map.of("BATCHCAST_EXCHANGE_ALLOWED_dash_SYMBOLS", "BTC-USDT",
                "BATCHCAST_SSE_HEARTBEAT", "PT1S", "BATCHCAST_SSE_HEARTBEAT_dash_MS", "1000"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        jar.close();
    }

    @Test
    void tenTabsOnTenStrategiesShareOneEventStreamAndEachShowsItsOwnBatch() throws Exception {
        try (TestClient trader = new TestClient(jar.grpcPort, "u-ten-tabs");
                HeadlessChromium chromium = new HeadlessChromium(1440, 900)) {
            List<Long> strategies = new ArrayList<>();
            for (int i = 0; i < TABS; i++) {
                strategies.add(trader.createStrategy("tab " + i));
            }
            awaitOpenStreams(0);
            long openedBefore = metric("batchcast_sse_streams_opened_total");
            List<String> tabs = new ArrayList<>();
            for (int i = 0; i < TABS; i++) {
                if (i > 0) {
                    chromium.driver.switchTo().newWindow(WindowType.TAB);
                }
                chromium.driver.get(dashboardUrl(strategies.get(i), trader.token));
                chromium.wait.until(ExpectedConditions.textToBe(By.id("connection-state"), "Live"));
                tabs.add(chromium.driver.getWindowHandle());
                assertEquals(1, metric("batchcast_sse_connections"), "streams open with " + (i + 1) + " tabs live");
            }
            for (int i = 0; i < TABS; i++) {
                trader.submit(strategies.get(i), "tab-" + i, limits(i + 1, "t" + i + "-"));
            }

            List<String> picker = new ArrayList<>();
            for (int i = 0; i < TABS; i++) {
                picker.add("#" + strategies.get(i) + " \u00B7 tab " + i);
            }
            for (int i = 0; i < TABS; i++) {
                chromium.driver.switchTo().window(tabs.get(i));
                String expected = "LIMIT: " + (i + 1) + " created";
                String strategy = String.valueOf(strategies.get(i));
                chromium.wait.until(driver -> List.of(expected).equals(chromium.texts(".toast-text")));
                assertAll("tab " + i,
                        () -> assertEquals(List.of(expected), chromium.texts("#batch-rows td.orders")),
                        () -> assertEquals("shared-worker", chromium.script(
                                "return document.documentElement.dataset.connection")),
                        () -> assertEquals("0", chromium.text("#reconnect-count")),
                        () -> assertEquals(picker, chromium.texts("#strategy-picker option"), "the strategy picker"),
                        () -> assertEquals(strategy, chromium.script(
                                "return document.getElementById('strategy-picker').value")));
            }
            assertAll("the server's stream counters",
                    () -> assertEquals(1, metric("batchcast_sse_connections"), "streams open now"),
                    () -> assertEquals(openedBefore + 1, metric("batchcast_sse_streams_opened_total"),
                            "streams opened by the ten tabs"));
        }
    }

    @Test
    void withoutSharedWorkerEachTabOpensItsOwnStreamOfItsStrategy() throws Exception {
        try (TestClient trader = new TestClient(jar.grpcPort, "u-no-worker");
                HeadlessChromium chromium = new HeadlessChromium(1440, 900)) {
            chromium.beforeEveryPage("delete window.SharedWorker;");
            long first = trader.createStrategy("one");
            long second = trader.createStrategy("two");
            awaitOpenStreams(0);
            chromium.driver.get(dashboardUrl(first, trader.token));
            chromium.wait.until(ExpectedConditions.textToBe(By.id("connection-state"), "Live"));
            String firstTab = chromium.driver.getWindowHandle();
            chromium.driver.switchTo().newWindow(WindowType.TAB);
            chromium.beforeEveryPage("delete window.SharedWorker;"); // each tab is a page target of its own
            chromium.driver.get(dashboardUrl(second, trader.token));
            chromium.wait.until(ExpectedConditions.textToBe(By.id("connection-state"), "Live"));

            trader.submit(first, "nw-1", limits(1, "nw1-"));
            trader.submit(second, "nw-2", stopLimits(2, "nw2-"));

            chromium.wait.until(driver -> List.of("STOP_LIMIT: 2 created").equals(chromium.texts(".toast-text")));
            assertEquals("tab", chromium.script("return document.documentElement.dataset.connection"));
            chromium.driver.switchTo().window(firstTab);
            chromium.wait.until(driver -> List.of("LIMIT: 1 created").equals(chromium.texts(".toast-text")));
            assertEquals("tab", chromium.script("return document.documentElement.dataset.connection"));
            assertEquals(2, metric("batchcast_sse_connections"), "one stream per tab");
        }
    }

    @Test
    void aTraderSeesHistoryTheLast24HoursRejectionsAndToastsBesideTheTable() throws Exception {
        try (TestClient trader = new TestClient(jar.grpcPort, "u-trader")) {
            for (int[] size : new int[][] {{1440, 900}, {390, 844}}) {
                String where = size[0] + "x" + size[1];
                long strategy = trader.createStrategy("desk " + where);
                List<SubmitOrderBatchResponse> history = scriptedHistory(trader, strategy, where);
                // the page toasts batches that completed after it opened; these completed before
                Thread.sleep(2500);
                try (HeadlessChromium chromium = new HeadlessChromium(size[0], size[1])) {
                    assertEquals(List.of((long) size[0], (long) size[1]), chromium.viewport(), "the page's size");
                    chromium.driver.get(dashboardUrl(strategy, trader.token));
                    chromium.wait.until(ExpectedConditions.textToBe(By.id("connection-state"), "Live"));
                    chromium.wait.until(driver -> chromium.texts("#batch-rows tr").size() == 50);
                    List<String> rows = chromium.texts("#batch-rows td.orders");
                    List<String> batchIds = chromium.attributes("#batch-rows td.batch", "title");
                    assertAll(where + " history, the newest 50 of 52 events",
                            () -> assertEquals("LIMIT: 3 cancelled", rows.get(0)),
                            () -> assertEquals("LIMIT: 5 created \u00B7 STOP_LIMIT: 2 created", rows.get(1)),
                            () -> assertEquals(List.of("LIMIT: 1 created"), rows.subList(2, 50).stream().distinct()
                                    .toList()),
                            () -> assertEquals(history.get(51).getBatchId(), batchIds.get(0)),
                            () -> assertEquals(history.get(2).getBatchId(), batchIds.get(49)),
                            () -> assertEquals(List.of(), chromium.texts(".toast-text"), "history makes no toasts"));
                    assertStatistics(chromium, where, "53", "57", "3", "2", Map.of(
                            "created LIMIT", 55, "created STOP_LIMIT", 2, "cancelled LIMIT", 3,
                            "rejected LIMIT", 1, "rejected MARKET", 1));
                    assertEquals(List.of("LIMIT 55 3 1", "STOP_LIMIT 2 0 0", "STOP_MARKET 0 0 0", "MARKET 0 0 1"),
                            typeRows(chromium), where + " per type");

                    String cancelled = history.get(50).getResults(3).getOrderId();
                    List<OrderOperation> live = new ArrayList<>(limits(1, "live-" + where));
                    live.add(TestClient.cancel(cancelled));
                    live.add(create(OrderType.ORDER_TYPE_MARKET, "BTC-USDT", "live-market-" + where));
                    trader.submit(strategy, "live-" + where, live);
                    chromium.wait.until(driver -> List.of("LIMIT: 1 created, 1 cancelled \u00B7 MARKET: 1 created")
                            .equals(chromium.texts(".toast-text")));
                    assertAll(where + " live",
                            () -> assertEquals("Live", chromium.text("#connection-state")),
                            () -> assertEquals("0", chromium.text("#reconnect-count")),
                            () -> assertFalse(chromium.driver.getCurrentUrl().contains("access_token"),
                                    "the token is removed from the address bar"));
                    assertToastClearOfTheTable(chromium, where);
                    assertStatistics(chromium, where + " after a live batch", "54", "59", "4", "2", Map.of(
                            "created LIMIT", 56, "created STOP_LIMIT", 2, "created MARKET", 1, "cancelled LIMIT", 4,
                            "rejected LIMIT", 1, "rejected MARKET", 1));
                }
            }
        }
    }

    /**
     * 50 batches of one LIMIT order; 5 LIMIT and 2 STOP_LIMIT; 3 of those LIMIT orders cancelled and a MARKET order
     * the exchange rejects (a symbol it does not trade); a cancel of an order cancelled already (rejected, no event).
     * 53 batches, 52 events; returns the 53 responses in order.
     */
    private static List<SubmitOrderBatchResponse> scriptedHistory(TestClient trader, long strategy, String tag) {
        List<SubmitOrderBatchResponse> responses = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            responses.add(trader.submit(strategy, tag + "-h-" + i, limits(1, tag + "-h" + i + "-")));
        }
        List<OrderOperation> mixed = new ArrayList<>(limits(5, tag + "-m-"));
        mixed.addAll(stopLimits(2, tag + "-ms-"));
        SubmitOrderBatchResponse created = trader.submit(strategy, tag + "-mixed", mixed);
        responses.add(created);
        List<OrderOperation> cancels = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            cancels.add(TestClient.cancel(created.getResults(i).getOrderId()));
        }
        cancels.add(create(OrderType.ORDER_TYPE_MARKET, "DOGE-USDT", tag + "-rejected"));
        responses.add(trader.submit(strategy, tag + "-cancels", cancels));
        responses.add(trader.submit(strategy, tag + "-again",
                List.of(TestClient.cancel(created.getResults(0).getOrderId()))));
        assertEquals("", responses.getLast().getEventId(), "a batch of rejections only emits no event");
        return responses;
    }

    /** Each row of the per-type table as "TYPE created cancelled rejected". */
    private static List<String> typeRows(HeadlessChromium chromium) {
        @SuppressWarnings("unchecked")
        List<String> rows = (List<String>) chromium.script("return [...document.querySelectorAll('#type-rows tr')]"
                + ".map(r => [...r.children].map(c => c.textContent).join(' '))");
        return rows;
    }

    private static void assertStatistics(HeadlessChromium chromium, String where, String batches, String created,
            String cancelled, String rejected, Map<String, Integer> bars) {
        chromium.wait.until(driver -> batches.equals(chromium.text("#total-batches"))
                && new TreeMap<>(bars).equals(chartBars(chromium)));
        assertAll(where + " statistics",
                () -> assertEquals(created, chromium.text("#total-created")),
                () -> assertEquals(cancelled, chromium.text("#total-cancelled")),
                () -> assertEquals(rejected, chromium.text("#total-rejected")),
                () -> assertEquals("yes", chromium.script("return document.getElementById('totals').dataset.rejected")),
                () -> assertEquals(new TreeMap<>(bars), chartBars(chromium)));
    }

    /** The chart's segments summed per "kind TYPE" over the 24 hours (the batches may straddle an hour). */
    @SuppressWarnings("unchecked")
    private static Map<String, Integer> chartBars(HeadlessChromium chromium) {
        List<List<Object>> segments = (List<List<Object>>) chromium.script("return [...document.querySelectorAll("
                + "'#hourly-chart rect.bar')].map(r => [r.dataset.kind + ' ' + r.dataset.type, r.dataset.value])");
        Map<String, Integer> sums = new TreeMap<>();
        for (List<Object> segment : segments) {
            sums.merge((String) segment.get(0), Integer.parseInt((String) segment.get(1)), Integer::sum);
        }
        return sums;
    }

    @SuppressWarnings("unchecked")
    private static void assertToastClearOfTheTable(HeadlessChromium chromium, String where) {
        List<String> overlaps = (List<String>) chromium.script("""
                const boxes = [...document.querySelectorAll('.toast')].map(t => t.getBoundingClientRect());
                const cells = [...document.querySelectorAll('#batch-table th:nth-child(3), #batch-table th:nth-child(4),'
                    + ' #batch-rows td.batch, #batch-rows td.event')];
                const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
                return cells.filter(c => { const r = c.getBoundingClientRect();
                    return r.width > 0 && boxes.some(b => hit(b, r)); }).map(c => c.textContent);
                """);
        Object visibleToasts = chromium.script("return [...document.querySelectorAll('.toast')]"
                + ".filter(t => t.getBoundingClientRect().height > 0).length");
        assertAll(where + " toast placement",
                () -> assertEquals(1L, visibleToasts),
                () -> assertEquals(List.of(), overlaps, "Batch and Event cells under a toast"));
    }

    private static OrderOperation create(OrderType type, String symbol, String clientOrderId) {
        CreateOrder.Builder create = CreateOrder.newBuilder().setClientOrderId(clientOrderId).setSymbol(symbol)
                .setSide(Side.SIDE_BUY).setOrderType(type).setQuantity("0.01");
        return OrderOperation.newBuilder().setCreate(create).build();
    }

    private static String dashboardUrl(long strategy, String token) {
        return "http://127.0.0.1:" + jar.httpPort + "/?strategy=" + strategy + "&access_token=" + token;
    }

    private static void awaitOpenStreams(long count) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (metric("batchcast_sse_connections") != count && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertEquals(count, metric("batchcast_sse_connections"), "open streams before the test");
    }

    /** A metric of the server, from its Prometheus text. */
    private static long metric(String name) throws Exception {
        String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + jar.httpPort + "/observe/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*} ([0-9.]+)$").matcher(text);
        assertTrue(matcher.find(), name + " in\n" + text);
        return (long) Double.parseDouble(matcher.group(1));
    }
}

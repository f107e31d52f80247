package io.batchcast.adapter.sse;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.batchcast.application.service.DeliveryCounters;
import io.batchcast.application.service.DeliveryLimits;
import io.batchcast.application.service.EventDelivery;
import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.in.OperationRequest;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.OrderType;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's package; nothing is downloaded): batches submitted through the
 * application's use case appear as one toast each, with the exact text of the origin design's createBatchToast.
 */
@ServerTest
class DashboardBrowserTest {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String USER = "u-browser";
    private static final TradingDesk DESK = new TradingDesk();
    private static final DeliveryCounters COUNTERS = new DeliveryCounters();
    private static final EventDelivery DELIVERY = DESK.delivery(DeliveryLimits.defaults(), COUNTERS);

    private final int port;
    private Path profile;
    private ChromeDriverService service;
    private WebDriver browser;
    private WebDriverWait wait;

    DashboardBrowserTest(WebServer server) {
        this.port = server.port();
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        SseRouting.routing(routing, DELIVERY, SseSettings.defaults(TestTokens.SECRET), Clock.systemUTC());
    }

    @BeforeEach
    void startBrowser() throws IOException {
        // an explicit driver path: Selenium Manager (which would try to download a browser) is never consulted
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        profile = Files.createTempDirectory("batchcast-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile);
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    @Test
    void eachSubmittedBatchShowsOneToastNamingEveryOrderTypeWithItsCounts() {
        long strategy = DESK.strategyOf(USER);
        BatchReceipt resting = DESK.createLimits(USER, strategy, 3);
        openDashboard(strategy);

        List<OperationRequest> operations = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            operations.add(DESK.create(OrderType.LIMIT));
        }
        resting.results().forEach(r -> operations.add(TradingDesk.cancelByClientId(r.clientOrderId())));
        operations.add(DESK.create(OrderType.STOP_LIMIT));
        operations.add(DESK.create(OrderType.STOP_LIMIT));
        BatchReceipt mixed = DESK.submit(USER, strategy, operations);
        awaitToasts(1);
        List<OperationResult> created = mixed.results().subList(0, 2);
        BatchReceipt cancelsOnly = DESK.submit(USER, strategy, created.stream()
                .map(r -> TradingDesk.cancelByClientId(r.clientOrderId())).toList());
        awaitToasts(2);

        assertAll(
                () -> assertEquals(List.of("LIMIT: 2 cancelled", "LIMIT: 5 created, 3 cancelled \u00B7 STOP_LIMIT: 2 "
                        + "created"), texts(".toast-text")),
                () -> assertEquals(List.of("LIMIT: 2 cancelled", "LIMIT: 5 created, 3 cancelled \u00B7 STOP_LIMIT: 2 "
                        + "created"), texts("#batch-rows td.orders")),
                () -> assertEquals(TradingDesk.eventId(cancelsOnly), text("#last-event-id")),
                () -> assertEquals("Live", text("#connection-state")),
                () -> assertEquals("0", text("#reconnect-count")),
                () -> assertEquals(TradingDesk.eventId(mixed), texts("#batch-rows td.mono").get(3)),
                () -> assertFalse(browser.getCurrentUrl().contains("access_token"), "token removed from the URL"));
    }

    @Test
    void reloadAfterMissedBatchesWerePrunedShowsTheResyncNotice() {
        long strategy = DESK.strategyOf(USER);
        openDashboard(strategy);
        DESK.createLimits(USER, strategy, 1);
        awaitToasts(1);
        browser.get("about:blank");
        DESK.createLimits(USER, strategy, 1);
        String head = TradingDesk.eventId(DESK.createLimits(USER, strategy, 1));
        DESK.store.prune(strategy, 3);

        browser.get(dashboardUrl(strategy, null));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("resync-notice")));

        assertAll(
                () -> assertEquals("Some batches could not be replayed. Reason: cursor_outside_retention. Live updates "
                        + "continue from event " + head + "; reload your order view for the full picture.",
                        text("#resync-notice div")),
                () -> assertEquals(head, text("#last-event-id")));
    }

    private void openDashboard(long strategy) {
        browser.get(dashboardUrl(strategy, TestTokens.forUser(USER)));
        wait.until(ExpectedConditions.textToBe(By.id("connection-state"), "Live"));
    }

    private String dashboardUrl(long strategy, String token) {
        return "http://127.0.0.1:" + port + "/?strategy=" + strategy + (token == null ? "" : "&access_token=" + token);
    }

    private void awaitToasts(int count) {
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".toast"), count));
        // a new toast slides in from opacity 0, and WebDriver reads no text of an element it cannot see yet
        wait.until(driver -> texts(".toast-text").stream().noneMatch(String::isEmpty));
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private List<String> texts(String css) {
        return browser.findElements(By.cssSelector(css)).stream().map(e -> e.getText()).toList();
    }
}

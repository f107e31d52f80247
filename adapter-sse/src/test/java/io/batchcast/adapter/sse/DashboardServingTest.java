package io.batchcast.adapter.sse;

import io.batchcast.application.service.DeliveryCounters;
import io.batchcast.application.service.DeliveryLimits;
import io.batchcast.application.service.EventDelivery;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard's files are served from the classpath, with headers that keep a token in its URL from leaking. */
@ServerTest
class DashboardServingTest {

    private static final TradingDesk DESK = new TradingDesk();
    private static final DeliveryCounters COUNTERS = new DeliveryCounters();
    private static final EventDelivery DELIVERY = DESK.delivery(DeliveryLimits.defaults(), COUNTERS);

    private final int port;

    DashboardServingTest(WebServer server) {
        this.port = server.port();
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        SseRouting.routing(routing, DELIVERY, SseSettings.defaults(), TestTokens.VERIFIER, Clock.systemUTC());
    }

    @Test
    void rootServesTheDashboardWithAStrictPolicyAndNoReferrer() throws IOException {
        try (RawStream page = RawStream.get(port, "/?strategy=1&access_token=x", Map.of())) {
            String body = page.readToEnd(Duration.ofSeconds(5));
            assertAll(() -> assertEquals(200, page.status()),
                    () -> assertTrue(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type")),
                    () -> assertTrue(body.contains("<script type=\"module\" src=\"dashboard.js\"></script>"), body),
                    () -> assertEquals("no-referrer", page.header("Referrer-Policy")),
                    () -> assertEquals("nosniff", page.header("X-Content-Type-Options")),
                    () -> assertTrue(page.header("Content-Security-Policy").startsWith("default-src 'self'; "
                            + "script-src 'self';"), page.header("Content-Security-Policy")));
        }
    }

    @Test
    void scriptsAreServedAsJavaScriptForModuleLoading() throws IOException {
        for (String script : new String[] {"/dashboard.js", "/batch-toast.js", "/event-hub.js",
                "/events-worker.js", "/hourly-chart.js"}) {
            try (RawStream file = RawStream.get(port, script, Map.of())) {
                assertEquals(200, file.status(), script);
                assertTrue(file.header("Content-Type").contains("javascript"), file.header("Content-Type"));
            }
        }
    }
}

package io.batchcast.adapter.sse;

import io.batchcast.application.service.DeliveryCounters;
import io.batchcast.application.service.DeliveryLimits;
import io.batchcast.application.service.EventDelivery;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Keepalive comments on a quiet stream, dead clients found by them, and streams ended when the token expires. */
@ServerTest
class HeartbeatAndExpiryTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final TradingDesk DESK = new TradingDesk();
    private static final DeliveryCounters COUNTERS = new DeliveryCounters();
    private static final EventDelivery DELIVERY =
            DESK.delivery(DeliveryLimits.defaults().withMaxStreamsPerUser(1), COUNTERS);
    private static SseRouting sse;

    private final int port;

    HeartbeatAndExpiryTest(WebServer server) {
        this.port = server.port();
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        sse = SseRouting.routing(routing, DELIVERY,
                SseSettings.defaults().withHeartbeat(Duration.ofMillis(200)),
                TestTokens.VERIFIER, Clock.systemUTC());
    }

    @Test
    void quietStreamGetsKeepaliveCommentsWithoutIds() throws IOException {
        long strategy = DESK.strategyOf("u-quiet");
        try (RawStream stream = open("u-quiet", strategy, TestTokens.forUser("u-quiet"))) {
            assertEquals("retry: 3000\n\n: keepalive\n\n: keepalive\n\n", stream.readFrames(3, WAIT));
        }
    }

    @Test
    void keepaliveComesAfterEventsToo() throws IOException {
        long strategy = DESK.strategyOf("u-busy");
        try (RawStream stream = open("u-busy", strategy, TestTokens.forUser("u-busy"))) {
            String event = TradingDesk.eventId(DESK.createLimits("u-busy", strategy, 1));
            // on a busy machine a keepalive may come before the event (the submit can take longer than half a
            // heartbeat); what this test pins is that the keepalive keeps coming once an event was written
            int frames = 2;
            String body = stream.readFrames(frames, WAIT);
            while (!body.contains("id: " + event + "\n")) {
                body = stream.readFrames(++frames, WAIT);
            }
            // one read may bring more than the frames asked for: the next frame is the one after all that came
            String afterEvent = stream.readFrames(RawStream.frameCount(body) + 1, WAIT).substring(body.length());
            assertTrue(body.startsWith("retry: 3000\n\n"), body);
            assertTrue(body.endsWith("}}\n\n"), body);
            assertEquals(": keepalive\n\n", afterEvent);
        }
    }

    @Test
    void clientThatWentAwayIsFoundByTheHeartbeatAndItsSlotFreed() throws IOException {
        long strategy = DESK.strategyOf("u-gone");
        String token = TestTokens.forUser("u-gone");
        long removedBefore = COUNTERS.deadStreamsRemoved();
        RawStream stream = open("u-gone", strategy, token);
        stream.readFrames(1, WAIT);
        try (RawStream second = open("u-gone", strategy, token)) {
            assertEquals(429, second.status(), "one stream per user in this test");
        }

        stream.close();

        // streams of earlier tests whose clients left are found too, so at least this one
        await(() -> COUNTERS.deadStreamsRemoved() - removedBefore >= 1);
        long deadline = System.nanoTime() + WAIT.toNanos();
        int status = 0;
        while (status != 200 && System.nanoTime() < deadline) {
            try (RawStream again = open("u-gone", strategy, token)) {
                status = again.status();
            }
        }
        assertEquals(200, status, "the user's slot is free again");
    }

    @Test
    void streamEndsCleanlyWhenTheTokenExpiresAndTheTokenIsThenRefused() throws IOException {
        long strategy = DESK.strategyOf("u-expiring");
        String token = TestTokens.expiringIn("u-expiring", Duration.ofSeconds(2));
        long openedAt = System.nanoTime();
        try (RawStream stream = open("u-expiring", strategy, token)) {
            stream.readToEnd(WAIT);

            assertTrue(Duration.ofNanos(System.nanoTime() - openedAt).toMillis() >= 900,
                    "ended at the token's expiry, not before");
            assertTrue(stream.endedCleanly(), "ended with the terminating chunk");
            assertTrue(stream.text().startsWith("retry: 3000\n\n"), stream.text());
        }
        try (RawStream again = open("u-expiring", strategy, token)) {
            assertEquals(401, again.status());
        }
    }

    private RawStream open(String user, long strategy, String token) throws IOException {
        return RawStream.get(port, "/api/v1/strategies/" + strategy + "/events?access_token=" + token, Map.of());
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("no dead stream was found by the heartbeat within " + WAIT);
            }
            Thread.onSpinWait();
        }
    }
}

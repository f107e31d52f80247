package io.batchcast.adapter.sse;

import static io.batchcast.adapter.sse.RawStream.headers;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.batchcast.adapter.auth.AccessTokenSettings;
import io.batchcast.adapter.auth.JwtAccessTokens;
import io.batchcast.adapter.auth.testing.IdentityProvider;
import io.batchcast.adapter.auth.testing.JwksServer;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A token that cannot be checked because the identity provider's keys are unreachable is 503, not 401. */
@ServerTest
class UnreachableKeysTest {

    private static final TradingDesk DESK = new TradingDesk();
    private static final IdentityProvider IDP = new IdentityProvider();

    private final int port;

    UnreachableKeysTest(WebServer server) {
        this.port = server.port();
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        JwksServer gone = new JwksServer(IDP::jwks);
        gone.close();
        SseRouting.routing(routing, DESK.delivery(), SseSettings.defaults(),
                JwtAccessTokens.create(AccessTokenSettings.jwks(gone.url()), Clock.systemUTC()), Clock.systemUTC());
    }

    @Test
    void theStreamAndTheSessionAnswer503WithRetryAfter() throws IOException {
        long strategy = DESK.strategyOf("keys-gone");
        String token = IDP.token("rsa-1", "keys-gone", Instant.now().plusSeconds(600));
        String body = "{\"error\":\"keys_unavailable\",\"message\":\"the identity provider's signing keys cannot be "
                + "fetched now; try again later\"}";
        try (RawStream stream = RawStream.get(port, "/api/v1/strategies/" + strategy + "/events",
                headers("Authorization", "Bearer " + token));
                RawStream session = RawStream.request(port, "POST", "/api/v1/session",
                        headers("Authorization", "Bearer " + token, "Content-Length", "0"))) {
            assertAll(() -> assertEquals(503, stream.status()), () -> assertEquals(body, stream.text()),
                    () -> assertEquals("5", stream.header("Retry-After")),
                    () -> assertNull(stream.header("WWW-Authenticate")),
                    () -> assertEquals(503, session.status()), () -> assertEquals(body, session.text()),
                    () -> assertNull(session.header("Set-Cookie")));
        }
    }
}

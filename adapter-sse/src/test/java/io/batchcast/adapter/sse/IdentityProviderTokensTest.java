package io.batchcast.adapter.sse;

import static io.batchcast.adapter.sse.RawStream.headers;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import io.batchcast.adapter.auth.AccessTokenSettings;
import io.batchcast.adapter.auth.HmacSecret;
import io.batchcast.adapter.auth.JwtAccessTokens;
import io.batchcast.adapter.auth.testing.IdentityProvider;
import io.batchcast.adapter.auth.testing.JwksServer;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Tokens of a real identity provider (RS256 and ES256, its JWK set served over HTTP by the test) on the event stream
 * and the session endpoint over a real socket, next to the deployment's HS256 secret, with issuer and audience
 * required.
 */
@ServerTest
class IdentityProviderTokensTest {

    private static final String UNAUTHENTICATED = "{\"error\":\"unauthenticated\",\"message\":\"a valid, unexpired "
            + "access token is required (Authorization: Bearer, the batchcast_token cookie, or the access_token "
            + "parameter)\"}";
    private static final TradingDesk DESK = new TradingDesk();
    private static final IdentityProvider IDP = new IdentityProvider();
    private static final JwksServer JWKS = new JwksServer(IDP::jwks);
    private static final JwtAccessTokens TOKENS = JwtAccessTokens.create(new AccessTokenSettings(
            Optional.of(new HmacSecret(TestTokens.SECRET.getBytes(StandardCharsets.UTF_8))), Optional.of(JWKS.url()),
            Optional.of(IdentityProvider.ISSUER), Optional.of(IdentityProvider.AUDIENCE)), Clock.systemUTC());

    private final int port;
    private final Instant expiry = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);

    IdentityProviderTokensTest(WebServer server) {
        this.port = server.port();
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        SseRouting.routing(routing, DESK.delivery(), SseSettings.defaults(), TOKENS, Clock.systemUTC());
    }

    @AfterAll
    static void closeIdentityProvider() {
        TOKENS.close();
        JWKS.close();
    }

    private int status(long strategy, String token) throws IOException {
        try (RawStream stream = RawStream.get(port, "/api/v1/strategies/" + strategy + "/events",
                headers("Authorization", "Bearer " + token))) {
            return stream.status();
        }
    }

    @Test
    void rs256AndEs256TokensOpenTheCallersStreamFromHeaderQueryAndSessionCookie() throws IOException {
        long strategy = DESK.strategyOf("idp-alice");
        String rs256 = IDP.token("rsa-1", "idp-alice", expiry);
        String es256 = IDP.token("ec-1", "idp-alice", expiry);
        String path = "/api/v1/strategies/" + strategy + "/events";
        try (RawStream header = RawStream.get(port, path, headers("Authorization", "Bearer " + rs256));
                RawStream query = RawStream.get(port, path + "?access_token=" + es256, Map.of());
                RawStream session = RawStream.request(port, "POST", "/api/v1/session",
                        headers("Authorization", "Bearer " + es256, "Content-Length", "0"));
                RawStream otherUser = RawStream.get(port, path,
                        headers("Authorization", "Bearer " + IDP.token("rsa-1", "idp-mallory", expiry)))) {
            assertAll(() -> assertEquals(200, header.status()), () -> assertEquals(200, query.status()),
                    () -> assertEquals(204, session.status()),
                    () -> assertTrue(session.header("Set-Cookie").startsWith("batchcast_token=" + es256 + ";")),
                    () -> assertEquals(404, otherUser.status()));
        }
    }

    @Test
    void hs256TokensOfTheDeploymentCountWhenTheyCarryTheIssuerAndAudience() throws IOException {
        long strategy = DESK.strategyOf("idp-hs");

        assertEquals(401, status(strategy, TestTokens.forUser("idp-hs")), "no iss, no aud");
        assertEquals(200, status(strategy, TestTokens.signed(JWSAlgorithm.HS256, TestTokens.SECRET,
                IdentityProvider.claims("idp-hs", expiry).build())));
    }

    @Test
    void wrongKeyWrongAlgorithmExpiredAndForeignTokensAre401() throws IOException {
        long strategy = DESK.strategyOf("idp-refused");
        IDP.addUnpublishedKey(JWSAlgorithm.ES256, "rogue-ec");
        Map<String, String> refused = Map.of(
                "wrong key", IDP.sign("rogue-ec", JWSAlgorithm.ES256, "ec-1",
                        IdentityProvider.claims("idp-refused", expiry).build()),
                "unpublished kid", IDP.token("rogue-ec", "idp-refused", expiry),
                "wrong alg", IDP.sign("rsa-1", JWSAlgorithm.PS256, "rsa-1",
                        IdentityProvider.claims("idp-refused", expiry).build()),
                "expired", IDP.token("rsa-1", "idp-refused", Instant.now().minusSeconds(1)),
                "aud mismatch", IDP.sign("ec-1", IdentityProvider.claims("idp-refused", expiry)
                        .audience("another-api").build()),
                "iss mismatch", IDP.sign("rsa-1", IdentityProvider.claims("idp-refused", expiry)
                        .issuer("https://evil.example.com").build()));
        for (var token : refused.entrySet()) {
            try (RawStream stream = RawStream.get(port, "/api/v1/strategies/" + strategy + "/events",
                    headers("Authorization", "Bearer " + token.getValue()))) {
                assertEquals(401, stream.status(), token.getKey());
                assertEquals(UNAUTHENTICATED, stream.text(), token.getKey());
                assertEquals("Bearer realm=\"batchcast\"", stream.header("WWW-Authenticate"), token.getKey());
            }
        }
    }

    @Test
    void aKeyTheProviderRotatesInOpensStreamsAtOnce() throws IOException {
        long strategy = DESK.strategyOf("idp-rotation");
        assertEquals(200, status(strategy, IDP.token("rsa-1", "idp-rotation", expiry)));

        IDP.addKey(JWSAlgorithm.RS256, "rsa-rotated");

        assertEquals(200, status(strategy, IDP.token("rsa-rotated", "idp-rotation", expiry)));
    }
}

package io.batchcast.bootstrap;

import static io.batchcast.bootstrap.TestClient.limits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchcast.adapter.auth.testing.IdentityProvider;
import io.batchcast.adapter.auth.testing.JwksServer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar configured for an identity provider only (its JWK set served over HTTP by the test, issuer and
 * audience required, no BATCHCAST_JWT_SECRET): RS256 and ES256 tokens work on gRPC and SSE, HS256 is off, and no
 * random secret is generated.
 */
class IdentityProviderJarIT {

    @TempDir
    Path workDir;

    @Test
    void providerTokensWorkOnBothProtocolsAndHs256IsOff() throws Exception {
        IdentityProvider idp = new IdentityProvider();
        Instant expiry = Instant.now().plusSeconds(600);
        try (JwksServer jwks = new JwksServer(idp::jwks);
                RunningJar jar = new RunningJar(workDir, Map.of("BATCHCAST_JWT_SECRET", "",
                        "BATCHCAST_AUTH_JWKS_dash_URL", jwks.url().toString(),
                        "BATCHCAST_AUTH_ISSUER", IdentityProvider.ISSUER,
                        "BATCHCAST_AUTH_AUDIENCE", IdentityProvider.AUDIENCE));
                TestClient rs256 = new TestClient(idp.token("rsa-1", "idp-user", expiry), jar.grpcPort);
                TestClient hs256 = new TestClient(jar.grpcPort, "idp-user")) {
            long strategy = rs256.createStrategy("alpha");
            try (RawSseClient sse = new RawSseClient(jar.httpPort, "/api/v1/strategies/" + strategy + "/events",
                    idp.token("ec-1", "idp-user", expiry), null)) {
                assertEquals(200, sse.status);
                assertEquals("retry: 3000\n\n", sse.nextFrame());
                String batchId = rs256.submit(strategy, "", limits(2, "l")).getBatchId();
                assertTrue(sse.nextEvent().contains("\"batch_id\":\"" + batchId + "\""));
            }
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                    () -> hs256.createStrategy("beta"));
            assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
            assertEquals("the token must be signed with one of RS256, ES256", refused.getStatus().getDescription());
            String banner = jar.outputContaining("access tokens");
            assertTrue(banner.contains("  access tokens RS256/ES256 (JWK set " + jwks.url() + ")"), banner);
            assertFalse(banner.contains("BATCHCAST_JWT_SECRET is not set"), banner);
        }
    }
}

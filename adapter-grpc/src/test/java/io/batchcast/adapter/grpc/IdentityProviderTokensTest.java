package io.batchcast.adapter.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.batchcast.adapter.auth.AccessTokenSettings;
import io.batchcast.adapter.auth.HmacSecret;
import io.batchcast.adapter.auth.JwtAccessTokens;
import io.batchcast.adapter.auth.testing.IdentityProvider;
import io.batchcast.adapter.auth.testing.JwksServer;
import io.batchcast.adapter.exchange.PaperExchange;
import io.batchcast.adapter.exchange.PaperExchangeSettings;
import io.batchcast.application.service.BatchLimits;
import io.batchcast.application.service.DeliveryCounters;
import io.batchcast.application.service.DeliveryLimits;
import io.batchcast.application.service.EventDelivery;
import io.batchcast.application.service.EventFeed;
import io.batchcast.application.service.ManagingStrategies;
import io.batchcast.application.service.ReadingBack;
import io.batchcast.application.service.SubmittingOrderBatches;
import io.batchcast.application.testing.InMemoryStore;
import io.batchcast.proto.v1.CreateStrategyRequest;
import io.batchcast.proto.v1.ListStrategiesRequest;
import io.batchcast.proto.v1.Strategy;
import io.batchcast.proto.v1.StrategyServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tokens of a real identity provider (RS256 and ES256, its JWK set served over HTTP by the test) on the production
 * Netty server over TCP, next to the deployment's own HS256 secret, with issuer and audience required.
 */
class IdentityProviderTokensTest {

    private final IdentityProvider idp = new IdentityProvider();
    private final JwksServer jwks = new JwksServer(idp::jwks);
    private final Instant expiry = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
    private JwtAccessTokens tokens;
    private GrpcServer server;
    private ManagedChannel channel;

    @BeforeEach
    void start() {
        InMemoryStore store = new InMemoryStore();
        EventFeed feed = new EventFeed(store, store, EventFeed.DEFAULT_MAX_REPLAY);
        ManagingStrategies strategies = new ManagingStrategies(store, Clock.systemUTC());
        ReadingBack reading = new ReadingBack(store, store, store);
        SubmittingOrderBatches submitting = new SubmittingOrderBatches(store, store, store, store,
                new PaperExchange(PaperExchangeSettings.defaults()), feed, Clock.systemUTC(), BatchLimits.defaults());
        tokens = JwtAccessTokens.create(new AccessTokenSettings(Optional.of(new HmacSecret(Tokens.SECRET)),
                Optional.of(jwks.url()), Optional.of(IdentityProvider.ISSUER), Optional.of(IdentityProvider.AUDIENCE)),
                Clock.systemUTC());
        server = new GrpcServer(GrpcSettings.defaults().withPort(0),
                new GrpcUseCases(submitting,
                new EventDelivery(feed, DeliveryLimits.defaults(), new DeliveryCounters(), Clock.systemUTC()),
                strategies, strategies, reading, reading, (user, query) -> java.util.List.of()), tokens).start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdown(Duration.ofSeconds(5));
        tokens.close();
        jwks.close();
    }

    private StrategyServiceGrpc.StrategyServiceBlockingStub strategies(String token) {
        return StrategyServiceGrpc.newBlockingStub(channel).withInterceptors(Tokens.bearer(token));
    }

    private List<String> strategyNames(String token) {
        return strategies(token).listStrategies(ListStrategiesRequest.getDefaultInstance()).getStrategiesList()
                .stream().map(Strategy::getName).toList();
    }

    private void assertUnauthenticated(String description, String token) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> strategyNames(token));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertEquals(description, e.getStatus().getDescription());
    }

    @Test
    void rs256AndEs256TokensOfTheProviderAreTheSameUser() {
        strategies(idp.token("rsa-1", "alice", expiry))
                .createStrategy(CreateStrategyRequest.newBuilder().setName("alice's grid").build());

        assertEquals(List.of("alice's grid"), strategyNames(idp.token("ec-1", "alice", expiry)));
        assertEquals(List.of(), strategyNames(idp.token("ec-1", "bob", expiry)));
    }

    @Test
    void hs256TokensOfTheDeploymentStillCountWithTheRequiredIssuerAndAudience() {
        strategies(idp.token("rsa-1", "alice", expiry))
                .createStrategy(CreateStrategyRequest.newBuilder().setName("alice's grid").build());
        String hs256 = Tokens.signed(JWSAlgorithm.HS256, Tokens.SECRET, "alice", expiry);
        String withIssuerAndAudience = signedHs256(IdentityProvider.claims("alice", expiry).build());

        assertEquals(List.of("alice's grid"), strategyNames(withIssuerAndAudience));
        assertUnauthenticated("the token issuer (iss claim) must be https://idp.example.com/realms/trading", hs256);
    }

    @Test
    void wrongKeyWrongAlgorithmExpiredAndForeignTokensAreUnauthenticated() {
        idp.addUnpublishedKey(JWSAlgorithm.RS256, "rogue");
        var claims = IdentityProvider.claims("alice", expiry);

        assertUnauthenticated("the token signature is invalid",
                idp.sign("rogue", JWSAlgorithm.RS256, "rsa-1", claims.build()));
        assertUnauthenticated("no key of the identity provider's JWK set matches the token's kid and alg",
                idp.token("rogue", "alice", expiry));
        assertUnauthenticated("the token must be signed with one of HS256, RS256, ES256",
                idp.sign("rsa-1", JWSAlgorithm.PS256, "rsa-1", claims.build()));
        assertUnauthenticated("the token has expired", idp.token("ec-1", "alice", Instant.now().minusSeconds(1)));
        assertUnauthenticated("the token audience (aud claim) must include batchcast",
                idp.sign("rsa-1", IdentityProvider.claims("alice", expiry).audience("another-api").build()));
        assertUnauthenticated("the token issuer (iss claim) must be https://idp.example.com/realms/trading",
                idp.sign("ec-1", IdentityProvider.claims("alice", expiry).issuer("https://evil.example.com").build()));
    }

    @Test
    void aKeyTheProviderRotatesInIsAcceptedAtOnce() {
        assertEquals(List.of(), strategyNames(idp.token("rsa-1", "alice", expiry)));

        idp.addKey(JWSAlgorithm.ES256, "ec-2");

        assertEquals(List.of(), strategyNames(idp.token("ec-2", "alice", expiry)));
        assertEquals(2, jwks.fetches());
    }

    @Test
    void anUnreachableJwkSetIsUnavailableRatherThanTheCallersFault() {
        jwks.close();

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> strategyNames(idp.token("rsa-1", "alice", expiry)));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        assertEquals("the identity provider's signing keys cannot be fetched now; try again later",
                e.getStatus().getDescription());
        assertEquals(List.of(), strategyNames(signedHs256(IdentityProvider.claims("alice", expiry).build())),
                "HS256 tokens do not need the provider");
    }

    private static String signedHs256(JWTClaimsSet claims) {
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(Tokens.SECRET));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}

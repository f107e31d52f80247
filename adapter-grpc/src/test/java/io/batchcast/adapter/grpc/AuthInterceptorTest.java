package io.batchcast.adapter.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.batchcast.application.port.out.VerifiedCaller;
import io.batchcast.proto.v1.ListStrategiesRequest;
import io.batchcast.proto.v1.OrderBatchEvent;
import io.batchcast.proto.v1.OrderBatchServiceGrpc;
import io.batchcast.proto.v1.Strategy;
import io.batchcast.proto.v1.StrategyServiceGrpc;
import io.batchcast.proto.v1.StreamOrderBatchEventsRequest;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuthInterceptorTest {

    private final InProcessBatchcast batchcast = new InProcessBatchcast();

    @AfterEach
    void close() throws InterruptedException {
        batchcast.close();
    }

    private StatusRuntimeException listFails(ClientInterceptor... interceptors) {
        var stub = StrategyServiceGrpc.newBlockingStub(batchcast.channel).withInterceptors(interceptors);
        return assertThrows(StatusRuntimeException.class,
                () -> stub.listStrategies(ListStrategiesRequest.getDefaultInstance()));
    }

    private static void assertUnauthenticated(String description, StatusRuntimeException e) {
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertEquals(description, e.getStatus().getDescription());
    }

    @Test
    void missingTokenIsUnauthenticated() {
        assertUnauthenticated("missing authorization metadata; send 'authorization: Bearer <jwt>'", listFails());
    }

    @Test
    void otherSchemeThanBearerIsUnauthenticated() {
        assertUnauthenticated("the authorization metadata must use the Bearer scheme: 'authorization: Bearer <jwt>'",
                listFails(Tokens.authorization("Basic YWxpY2U6c2VjcmV0")));
    }

    @Test
    void twoAuthorizationEntriesAreUnauthenticatedRatherThanOnePicked() {
        String alice = "Bearer " + Tokens.valid("alice");
        String mallory = "Bearer " + Tokens.valid("mallory");

        for (ClientInterceptor twice : List.of(Tokens.authorization(alice, mallory), Tokens.authorization(alice, alice),
                Tokens.authorization(alice, "Basic YWxpY2U6c2VjcmV0"))) {
            assertUnauthenticated("exactly one authorization header is required, the call has 2", listFails(twice));
        }
    }

    @Test
    void malformedTokenIsUnauthenticated() {
        assertUnauthenticated("the token is not a signed JWT", listFails(Tokens.bearer("not.a.jwt")));
    }

    @Test
    void tokenForgedWithAnotherSecretIsUnauthenticated() {
        byte[] otherSecret = "an-attacker-chosen-secret-of-32-bytes-or-more-0000000000000000000"
                .getBytes(StandardCharsets.US_ASCII);
        String forged = Tokens.signed(JWSAlgorithm.HS256, otherSecret, "alice", Tokens.NOW.plusSeconds(3600));

        assertUnauthenticated("the token signature is invalid", listFails(Tokens.bearer(forged)));
    }

    @Test
    void tamperedClaimsAreUnauthenticated() {
        String[] parts = Tokens.valid("alice").split("\\.");
        String mallory = Tokens.unsigned("mallory").split("\\.")[1];

        assertUnauthenticated("the token signature is invalid",
                listFails(Tokens.bearer(parts[0] + "." + mallory + "." + parts[2])));
    }

    @Test
    void expiredTokenIsUnauthenticated() {
        // expired two minutes ago (no clock skew is tolerated)
        String expired = Tokens.signed(JWSAlgorithm.HS256, Tokens.SECRET, "alice", Tokens.NOW.minusSeconds(120));

        assertUnauthenticated("the token has expired", listFails(Tokens.bearer(expired)));
    }

    @Test
    void tokenWithoutExpiryIsUnauthenticated() {
        String eternal = Tokens.signed(JWSAlgorithm.HS256, Tokens.SECRET, "alice", null);

        assertUnauthenticated("the token has no expiry (exp claim)", listFails(Tokens.bearer(eternal)));
    }

    @Test
    void unsignedAlgNoneTokenIsUnauthenticated() {
        assertUnauthenticated("the token is not a signed JWT", listFails(Tokens.bearer(Tokens.unsigned("alice"))));
    }

    @Test
    void hs512TokenIsUnauthenticatedEvenWithTheRightSecret() {
        String hs512 = Tokens.signed(JWSAlgorithm.HS512, Tokens.SECRET, "alice", Tokens.NOW.plusSeconds(3600));

        assertUnauthenticated("the token must be signed with HS256", listFails(Tokens.bearer(hs512)));
    }

    @Test
    void tokenWithoutSubjectIsUnauthenticated() {
        String anonymous = Tokens.signed(JWSAlgorithm.HS256, Tokens.SECRET, null, Tokens.NOW.plusSeconds(3600));

        assertUnauthenticated("the token subject (sub claim, the user id) must be 1 to 128 characters",
                listFails(Tokens.bearer(anonymous)));
    }

    @Test
    void subjectThatIsAJsonNumberIsUnauthenticated() {
        batchcast.createStrategy("42", "the user whose id is the text 42");
        String numeric = Tokens.signedJson("{\"sub\":42," + Tokens.expInAnHour() + "}");

        assertUnauthenticated("the token subject (sub claim, the user id) must be a JSON string",
                listFails(Tokens.bearer(numeric)));
    }

    @Test
    void subjectWithALoneSurrogateIsUnauthenticatedRatherThanActingAsAnotherUser() {
        // stored as UTF-8, "rt-\ud800" would become "rt-?", the id of another user
        batchcast.createStrategy("rt-?", "the grid of user rt-?");
        String loneSurrogate = Tokens.signedJson("{\"sub\":\"rt-\\ud800\"," + Tokens.expInAnHour() + "}");
        String reversedPair = Tokens.signedJson("{\"sub\":\"rt-\\udc00\\ud800\"," + Tokens.expInAnHour() + "}");

        for (String token : List.of(loneSurrogate, reversedPair)) {
            assertUnauthenticated("the token subject (sub claim, the user id) must be well-formed Unicode without"
                    + " control characters", listFails(Tokens.bearer(token)));
        }
    }

    @Test
    void subjectWithAControlCharacterIsUnauthenticated() {
        String withNul = Tokens.signedJson("{\"sub\":\"rt-\\u0000\"," + Tokens.expInAnHour() + "}");

        assertUnauthenticated("the token subject (sub claim, the user id) must be well-formed Unicode without"
                + " control characters", listFails(Tokens.bearer(withNul)));
    }

    @Test
    void subjectOutsideTheBasicPlaneIsAUserLikeAnyOther() {
        // a correctly paired surrogate (U+1F680) is well-formed: only lone halves are refused
        String rocket = Tokens.signedJson("{\"sub\":\"rt-\\ud83d\\ude80\"," + Tokens.expInAnHour() + "}");
        long strategy = batchcast.createStrategy("rt-\uD83D\uDE80", "rocket grid");

        List<Strategy> seen = StrategyServiceGrpc.newBlockingStub(batchcast.channel)
                .withInterceptors(Tokens.bearer(rocket))
                .listStrategies(ListStrategiesRequest.getDefaultInstance()).getStrategiesList();

        assertEquals(List.of(strategy), seen.stream().map(Strategy::getId).toList());
    }

    @Test
    void streamingCallsNeedATokenToo() {
        Iterator<OrderBatchEvent> events = OrderBatchServiceGrpc.newBlockingStub(batchcast.channel)
                .streamOrderBatchEvents(StreamOrderBatchEventsRequest.newBuilder().setStrategyId(1).build());

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, events::hasNext);
        assertUnauthenticated("missing authorization metadata; send 'authorization: Bearer <jwt>'", e);
    }

    @Test
    void theTokenSubjectIsTheUserTheServiceSees() {
        long aliceStrategy = batchcast.createStrategy("alice", "alice's grid");
        batchcast.createStrategy("bob", "bob's grid");

        List<Strategy> seenByAlice = batchcast.strategies("alice")
                .listStrategies(ListStrategiesRequest.getDefaultInstance()).getStrategiesList();

        assertEquals(List.of(aliceStrategy), seenByAlice.stream().map(Strategy::getId).toList());
    }

    @Test
    void tokenExpiredASecondAgoIsRefusedLikeOnTheSseEndpoint() {
        String justExpired = Tokens.signed(JWSAlgorithm.HS256, Tokens.SECRET, "alice", Tokens.NOW.minusSeconds(1));
        String stillValid = Tokens.signed(JWSAlgorithm.HS256, Tokens.SECRET, "alice", Tokens.NOW.plusSeconds(1));
        long strategy = batchcast.createStrategy("alice", "alice's grid");

        assertUnauthenticated("the token has expired", listFails(Tokens.bearer(justExpired)));
        assertEquals(List.of(strategy), StrategyServiceGrpc.newBlockingStub(batchcast.channel)
                .withInterceptors(Tokens.bearer(stillValid)).listStrategies(ListStrategiesRequest.getDefaultInstance())
                .getStrategiesList().stream().map(Strategy::getId).toList());
    }

    @Test
    void tokenNotValidYetIsRefused() throws Exception {
        Instant notBefore = Tokens.NOW.plus(Duration.ofMinutes(5));
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject("alice")
                .notBeforeTime(Date.from(notBefore)).expirationTime(Date.from(notBefore.plusSeconds(3600))).build());
        jwt.sign(new MACSigner(Tokens.SECRET));

        assertUnauthenticated("the token is not valid yet (nbf claim)", listFails(Tokens.bearer(jwt.serialize())));
    }

    @Test
    void theServiceSeesTheCallersTokenExpiry() {
        Instant expiry = Instant.parse("2025-10-30T12:36:26Z");
        var seen = new AtomicReference<VerifiedCaller>();
        var auth = new AuthInterceptor(Tokens.verifier(Tokens.SECRET, InProcessBatchcast.CLOCK));
        ServerCallHandler<Object, Object> handler = (call, headers) -> {
            seen.set(AuthInterceptor.currentCaller());
            return new ServerCall.Listener<>() { };
        };
        Metadata headers = new Metadata();
        headers.put(AuthInterceptor.AUTHORIZATION,
                "Bearer " + Tokens.signed(JWSAlgorithm.HS256, Tokens.SECRET, "alice", expiry));

        auth.interceptCall(null, headers, handler);

        assertEquals(new VerifiedCaller("alice", expiry), seen.get());
    }
}

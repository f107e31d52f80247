package io.batchcast.adapter.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.batchcast.adapter.auth.testing.IdentityProvider;
import io.batchcast.adapter.auth.testing.JwksServer;
import io.batchcast.application.port.out.KeysUnavailable;
import io.batchcast.application.port.out.TokenRejected;
import io.batchcast.application.port.out.TokenRejected.Reason;
import io.batchcast.application.port.out.VerifiedCaller;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RS256 and ES256 tokens against an identity provider's JWK set, served over HTTP by the test or read from a file. */
class JwksTokensTest {

    private static final Instant EXPIRY = HsTokens.NOW.plusSeconds(600).minusMillis(789);
    private static final String UNKNOWN_KEY = "no key of the identity provider's JWK set matches the token's kid and alg";

    private final IdentityProvider idp = new IdentityProvider();
    private final JwksServer jwksServer = new JwksServer(idp::jwks);
    private JwtAccessTokens tokens;

    @AfterEach
    void close() {
        if (tokens != null) {
            tokens.close();
        }
        jwksServer.close();
    }

    private JwtAccessTokens verifier(AccessTokenSettings settings) {
        tokens = JwtAccessTokens.create(settings, HsTokens.CLOCK);
        return tokens;
    }

    private JwtAccessTokens servedJwks() {
        return verifier(AccessTokenSettings.jwks(jwksServer.url()));
    }

    @Test
    void rs256AndEs256TokensFromTheServedJwksAreAccepted() {
        JwtAccessTokens verifier = servedJwks();

        assertEquals(new VerifiedCaller("alice", EXPIRY), verifier.verify(idp.token("rsa-1", "alice", EXPIRY)));
        assertEquals(new VerifiedCaller("bob", EXPIRY), verifier.verify(idp.token("ec-1", "bob", EXPIRY)));
        assertEquals(1, jwksServer.fetches(), "the JWK set is cached");
    }

    @Test
    void aJwksFileWorksLikeAUrl(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("jwks.json"), idp.jwks());
        JwtAccessTokens verifier = verifier(AccessTokenSettings.jwks(file.toUri()));

        assertEquals(new VerifiedCaller("alice", EXPIRY), verifier.verify(idp.token("rsa-1", "alice", EXPIRY)));
        assertEquals(new VerifiedCaller("bob", EXPIRY), verifier.verify(idp.token("ec-1", "bob", EXPIRY)));

        idp.addKey(JWSAlgorithm.ES256, "ec-2");
        Files.writeString(file, idp.jwks());
        assertEquals(new VerifiedCaller("carol", EXPIRY), verifier.verify(idp.token("ec-2", "carol", EXPIRY)));
    }

    @Test
    void aKeyRotationIsPickedUpWhenATokenNamesTheNewKid() {
        JwtAccessTokens verifier = servedJwks();
        assertEquals(new VerifiedCaller("alice", EXPIRY), verifier.verify(idp.token("rsa-1", "alice", EXPIRY)));

        idp.addKey(JWSAlgorithm.RS256, "rsa-2");

        assertEquals(new VerifiedCaller("alice", EXPIRY), verifier.verify(idp.token("rsa-2", "alice", EXPIRY)));
        assertEquals(2, jwksServer.fetches(), "fetched once at first use and once for the new kid");
        assertEquals(new VerifiedCaller("bob", EXPIRY), verifier.verify(idp.token("rsa-1", "bob", EXPIRY)),
                "the old key still counts");
    }

    @Test
    void tokensWithMadeUpKidsCauseAtMostTwoFetchesPerHalfMinute() {
        JwtAccessTokens verifier = servedJwks();
        idp.addUnpublishedKey(JWSAlgorithm.RS256, "not-published");

        for (int i = 0; i < 5; i++) {
            String forged = idp.sign("not-published", JWSAlgorithm.RS256, "kid-" + i,
                    IdentityProvider.claims("alice", EXPIRY).build());
            assertEquals(new TokenRejected(Reason.UNKNOWN_KEY, UNKNOWN_KEY), verifier.verify(forged));
        }
        assertEquals(2, jwksServer.fetches());
    }

    @Test
    void aTokenSignedWithAKeyTheProviderDoesNotPublishIsRejected() {
        JwtAccessTokens verifier = servedJwks();
        idp.addUnpublishedKey(JWSAlgorithm.RS256, "rogue");
        String claimingThePublishedKid = idp.sign("rogue", JWSAlgorithm.RS256, "rsa-1",
                IdentityProvider.claims("alice", EXPIRY).build());
        String withoutKid = idp.sign("rogue", JWSAlgorithm.RS256, null,
                IdentityProvider.claims("alice", EXPIRY).build());

        assertEquals(new TokenRejected(Reason.INVALID_SIGNATURE, "the token signature is invalid"),
                verifier.verify(claimingThePublishedKid));
        assertEquals(new TokenRejected(Reason.INVALID_SIGNATURE, "the token signature is invalid"),
                verifier.verify(withoutKid));
        assertEquals(new TokenRejected(Reason.UNKNOWN_KEY, UNKNOWN_KEY), verifier.verify(idp.token("rogue", "alice",
                EXPIRY)));
    }

    @Test
    void theAlgorithmMustMatchTheKeyType() {
        JwtAccessTokens verifier = servedJwks();
        var claims = IdentityProvider.claims("alice", EXPIRY).build();

        // an EC key's kid in an RS256 header, and the other way round: no key of that type has that kid
        assertEquals(new TokenRejected(Reason.UNKNOWN_KEY, UNKNOWN_KEY),
                verifier.verify(idp.sign("rsa-1", JWSAlgorithm.RS256, "ec-1", claims)));
        assertEquals(new TokenRejected(Reason.UNKNOWN_KEY, UNKNOWN_KEY),
                verifier.verify(idp.sign("ec-1", JWSAlgorithm.ES256, "rsa-1", claims)));
        // other RSA and EC algorithms are not accepted, even with the right key
        assertEquals(new TokenRejected(Reason.ALGORITHM_NOT_ACCEPTED, "the token must be signed with one of RS256, ES256"),
                verifier.verify(idp.sign("rsa-1", JWSAlgorithm.PS256, "rsa-1", claims)));
        assertEquals(new TokenRejected(Reason.ALGORITHM_NOT_ACCEPTED, "the token must be signed with one of RS256, ES256"),
                verifier.verify(idp.sign("rsa-1", JWSAlgorithm.RS512, "rsa-1", claims)));
    }

    @Test
    void withOnlyASecretRs256IsNotAccepted() {
        JwtAccessTokens verifier = verifier(AccessTokenSettings.hmac(new HmacSecret(HsTokens.SECRET)));

        assertEquals(new TokenRejected(Reason.ALGORITHM_NOT_ACCEPTED, "the token must be signed with HS256"),
                verifier.verify(idp.token("rsa-1", "alice", EXPIRY)));
    }

    @Test
    void withBothTheAlgorithmPicksTheKeyAndAPublicKeyIsNeverAnHmacSecret() throws Exception {
        JwtAccessTokens verifier = verifier(new AccessTokenSettings(Optional.of(new HmacSecret(
                HsTokens.SECRET)), Optional.of(jwksServer.url()), Optional.empty(),
                Optional.empty()));
        // the classic confusion attack: HS256 "signed" with the RSA public key as the HMAC secret
        byte[] publicKeyBytes = ((RSAKey) idp.publicKey("rsa-1")).toRSAPublicKey().getEncoded();
        String confused = HsTokens.signed(JWSAlgorithm.HS256, publicKeyBytes, "alice", EXPIRY);

        assertEquals(new VerifiedCaller("alice", EXPIRY), verifier.verify(idp.token("rsa-1", "alice", EXPIRY)));
        assertEquals(new VerifiedCaller("bob", Instant.parse("2025-10-30T13:34:56Z")),
                verifier.verify(HsTokens.valid("bob")));
        assertEquals(new TokenRejected(Reason.INVALID_SIGNATURE, "the token signature is invalid"),
                verifier.verify(confused));
        assertEquals(new TokenRejected(Reason.ALGORITHM_NOT_ACCEPTED,
                        "the token must be signed with one of HS256, RS256, ES256"),
                verifier.verify(HsTokens.signed(JWSAlgorithm.HS512, HsTokens.SECRET, "alice", EXPIRY)));
    }

    @Test
    void issuerAndAudienceWhenConfiguredAreRequiredAndMustMatch() {
        JwtAccessTokens verifier = verifier(AccessTokenSettings.jwks(jwksServer.url())
                .withIssuer(IdentityProvider.ISSUER).withAudience(IdentityProvider.AUDIENCE));
        var wrongIssuer = new TokenRejected(Reason.WRONG_ISSUER,
                "the token issuer (iss claim) must be https://idp.example.com/realms/trading");
        var wrongAudience = new TokenRejected(Reason.WRONG_AUDIENCE, "the token audience (aud claim) must include batchcast");

        assertEquals(new VerifiedCaller("alice", EXPIRY), verifier.verify(idp.token("rsa-1", "alice", EXPIRY)));
        assertEquals(new VerifiedCaller("alice", EXPIRY), verifier.verify(idp.sign("ec-1",
                IdentityProvider.claims("alice", EXPIRY).audience(List.of("dashboard", "batchcast")).build())));
        assertEquals(wrongIssuer, verifier.verify(idp.sign("rsa-1",
                IdentityProvider.claims("alice", EXPIRY).issuer("https://evil.example.com").build())));
        assertEquals(wrongIssuer, verifier.verify(idp.sign("rsa-1",
                IdentityProvider.claims("alice", EXPIRY).issuer(null).build())));
        assertEquals(wrongAudience, verifier.verify(idp.sign("rsa-1",
                IdentityProvider.claims("alice", EXPIRY).audience("another-api").build())));
        assertEquals(wrongAudience, verifier.verify(idp.sign("rsa-1",
                IdentityProvider.claims("alice", EXPIRY).audience((String) null).build())));
    }

    @Test
    void issuerAndAudienceApplyToHs256TokensToo() {
        JwtAccessTokens verifier = verifier(AccessTokenSettings.hmac(new HmacSecret(HsTokens.SECRET))
                .withIssuer(IdentityProvider.ISSUER));

        assertEquals(new TokenRejected(Reason.WRONG_ISSUER,
                        "the token issuer (iss claim) must be https://idp.example.com/realms/trading"),
                verifier.verify(HsTokens.valid("alice")));
        assertEquals(new VerifiedCaller("alice", EXPIRY), verifier.verify(HsTokens.signed(
                new JWSHeader(JWSAlgorithm.HS256), HsTokens.SECRET,
                new JWTClaimsSet.Builder().subject("alice").issuer(IdentityProvider.ISSUER)
                        .expirationTime(Date.from(EXPIRY)).build())));
    }

    @Test
    void expiredAndNotYetValidJwksTokensAreRejectedWithoutSkew() {
        JwtAccessTokens verifier = servedJwks();

        assertEquals(new TokenRejected(Reason.EXPIRED, "the token has expired"),
                verifier.verify(idp.token("ec-1", "alice", HsTokens.NOW.minusSeconds(1))));
        assertEquals(new TokenRejected(Reason.NOT_YET_VALID, "the token is not valid yet (nbf claim)"),
                verifier.verify(idp.sign("rsa-1", IdentityProvider.claims("alice", EXPIRY)
                        .notBeforeTime(Date.from(HsTokens.NOW.plusSeconds(2))).build())));
    }

    @Test
    void anUnreachableJwksIsKeysUnavailableNotTheCallersFault() {
        jwksServer.close();
        JwtAccessTokens verifier = verifier(AccessTokenSettings.jwks(jwksServer.url()));

        assertEquals(new KeysUnavailable("the identity provider's signing keys cannot be fetched now; try again later"),
                verifier.verify(idp.token("rsa-1", "alice", EXPIRY)));
    }

    @Test
    void aJwksFileThatIsNotAJwkSetIsKeysUnavailable(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("jwks.json"), "not json");
        JwtAccessTokens verifier = verifier(AccessTokenSettings.jwks(URI.create(file.toUri().toString())));

        assertTrue(verifier.verify(idp.token("rsa-1", "alice", EXPIRY)) instanceof KeysUnavailable);
    }
}

package io.batchcast.adapter.sse;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.batchcast.adapter.auth.AccessTokenSettings;
import io.batchcast.adapter.auth.HmacSecret;
import io.batchcast.adapter.auth.JwtAccessTokens;
import io.batchcast.application.port.out.AccessTokenVerification;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** Access tokens as an identity provider sharing the server's secret would issue them, and forgeries of them. */
final class TestTokens {

    /** 64 bytes, so the same key can also sign HS384/HS512: those must fail on the algorithm, not the key. */
    static final String SECRET = "batchcast-test-secret-0123456789-batchcast-test-secret-0123456789";
    static final String OTHER_SECRET = "not-the-server-secret-0123456789-not-the-server-secret-0123456789";
    /** The production verifier, accepting HS256 tokens signed with {@link #SECRET}. */
    static final AccessTokenVerification VERIFIER = JwtAccessTokens.create(
            AccessTokenSettings.hmac(new HmacSecret(SECRET.getBytes(StandardCharsets.UTF_8))), Clock.systemUTC());

    private TestTokens() {
    }

    static String forUser(String userId) {
        return signed(JWSAlgorithm.HS256, SECRET, claims(userId, Instant.now().plus(Duration.ofHours(1))));
    }

    static String expiringIn(String userId, Duration lifetime) {
        return signed(JWSAlgorithm.HS256, SECRET, claims(userId, Instant.now().plus(lifetime)));
    }

    static String expired(String userId) {
        return signed(JWSAlgorithm.HS256, SECRET, claims(userId, Instant.now().minus(Duration.ofMinutes(5))));
    }

    static String signedWithOtherSecret(String userId) {
        return signed(JWSAlgorithm.HS256, OTHER_SECRET, claims(userId, Instant.now().plus(Duration.ofHours(1))));
    }

    static String hs512(String userId) {
        return signed(JWSAlgorithm.HS512, SECRET, claims(userId, Instant.now().plus(Duration.ofHours(1))));
    }

    static String unsigned(String userId) {
        return new PlainJWT(claims(userId, Instant.now().plus(Duration.ofHours(1)))).serialize();
    }

    static String withoutExpiry(String userId) {
        return signed(JWSAlgorithm.HS256, SECRET, new JWTClaimsSet.Builder().subject(userId).build());
    }

    static String withoutSubject() {
        return signed(JWSAlgorithm.HS256, SECRET,
                new JWTClaimsSet.Builder().expirationTime(Date.from(Instant.now().plusSeconds(3600))).build());
    }

    /**
     * A correctly signed HS256 token over exactly this claims JSON, with {@code exp} an hour from now appended: for
     * claims nimbus's builder would not write, such as a numeric {@code sub} or a JSON escape of a lone surrogate.
     */
    static String signedJson(String claimsJsonWithoutExp) {
        String json = claimsJsonWithoutExp.substring(0, claimsJsonWithoutExp.lastIndexOf('}'))
                + ",\"exp\":" + Instant.now().plus(Duration.ofHours(1)).getEpochSecond() + "}";
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), new Payload(json));
        try {
            jws.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jws.serialize();
    }

    private static JWTClaimsSet claims(String userId, Instant expiresAt) {
        return new JWTClaimsSet.Builder().subject(userId).issueTime(new Date()).expirationTime(Date.from(expiresAt))
                .build();
    }

    static String signed(JWSAlgorithm algorithm, String secret, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.batchcast.adapter.grpc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.batchcast.adapter.auth.AccessTokenSettings;
import io.batchcast.adapter.auth.HmacSecret;
import io.batchcast.adapter.auth.JwtAccessTokens;
import io.batchcast.application.port.out.AccessTokenVerification;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/** Mints test tokens the way an identity provider would, with nimbus. */
final class Tokens {

    /** 64 bytes, so that an HS512 token can be signed with the very secret the server uses. */
    static final byte[] SECRET = "batchcast-test-secret-0123456789-batchcast-test-secret-012345678"
            .getBytes(StandardCharsets.US_ASCII);
    static final Instant NOW = Instant.parse("2025-10-30T12:34:56.789Z");

    private Tokens() {
    }

    /** The production verifier, accepting HS256 tokens signed with {@code secret}, on {@code clock}. */
    static AccessTokenVerification verifier(byte[] secret, Clock clock) {
        return JwtAccessTokens.create(AccessTokenSettings.hmac(new HmacSecret(secret)), clock);
    }

    static String valid(String userId) {
        return signed(JWSAlgorithm.HS256, SECRET, userId, NOW.plus(Duration.ofHours(1)));
    }

    static String signed(JWSAlgorithm algorithm, byte[] secret, String subject, Instant expiry) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject);
        if (expiry != null) {
            claims.expirationTime(Date.from(expiry));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims.build());
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /**
     * A correctly signed HS256 token over exactly this claims JSON: for claims nimbus's builder would not write, such
     * as a numeric {@code sub} or a JSON escape of a lone UTF-16 surrogate.
     */
    static String signedJson(String claimsJson) {
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), new Payload(claimsJson));
        try {
            jws.sign(new MACSigner(SECRET));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jws.serialize();
    }

    /** {@code "exp":<an hour after NOW>}, to complete a claims JSON. */
    static String expInAnHour() {
        return "\"exp\":" + NOW.plus(Duration.ofHours(1)).getEpochSecond();
    }

    /** An unsecured JWT ("alg":"none", empty signature) claiming to be {@code subject}. */
    static String unsigned(String subject) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"sub\":\"" + subject + "\",\"exp\":" + NOW.plusSeconds(3600)
                .getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".";
    }

    static ClientInterceptor bearer(String token) {
        return authorization("Bearer " + token);
    }

    /** One {@code authorization} metadata entry per value. */
    static ClientInterceptor authorization(String... values) {
        Metadata headers = new Metadata();
        for (String value : values) {
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), value);
        }
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }
}

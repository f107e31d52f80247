package io.batchcast.adapter.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;

/** HS256 tokens as a deployment sharing the server's secret mints them, and forgeries of them. */
final class HsTokens {

    /** 64 bytes, so that an HS512 token can be signed with the very secret the server uses. */
    static final byte[] SECRET = "batchcast-test-secret-0123456789-batchcast-test-secret-012345678"
            .getBytes(StandardCharsets.US_ASCII);
    static final byte[] OTHER_SECRET = "an-attacker-chosen-secret-of-32-bytes-or-more-0000000000000000000"
            .getBytes(StandardCharsets.US_ASCII);
    static final Instant NOW = Instant.parse("2025-10-30T12:34:56.789Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private HsTokens() {
    }

    static String signed(JWSAlgorithm algorithm, byte[] secret, String subject, Instant expiry) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject);
        if (expiry != null) {
            claims.expirationTime(Date.from(expiry));
        }
        return signed(new JWSHeader(algorithm), secret, claims.build());
    }

    static String signed(JWSHeader header, byte[] secret, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    static String valid(String subject) {
        return signed(JWSAlgorithm.HS256, SECRET, subject, NOW.plusSeconds(3600));
    }

    /** A correctly signed HS256 token over exactly this claims JSON (e.g. a numeric sub, a lone surrogate escape). */
    static String signedJson(String claimsJson) {
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), new Payload(claimsJson));
        try {
            jws.sign(new MACSigner(SECRET));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jws.serialize();
    }

    static String expInAnHour() {
        return "\"exp\":" + NOW.plusSeconds(3600).getEpochSecond();
    }

    /** An unsecured JWT ("alg":"none", empty signature). */
    static String unsigned(String subject) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"sub\":\"" + subject + "\"," + expInAnHour() + "}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".";
    }

    static JwtAccessTokens verifier() {
        return JwtAccessTokens.create(AccessTokenSettings.hmac(new HmacSecret(SECRET)), CLOCK);
    }
}

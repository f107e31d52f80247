package io.batchcast.bootstrap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;

/**
 * Signs HS256 access tokens (sub = user id) for development: the CLI, the demo and the startup banner. Only with a
 * secret: without one (an identity provider's JWK set alone) there is nothing to sign with.
 */
final class TokenIssuer {

    private final JwtSecret secret;
    private final Clock clock;

    TokenIssuer(JwtSecret secret, Clock clock) {
        this.secret = secret;
        this.clock = clock;
    }

    String issue(String userId, Duration validFor) {
        var now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(userId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(validFor)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret.bytes()));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a token failed", e);
        }
        return jwt.serialize();
    }
}

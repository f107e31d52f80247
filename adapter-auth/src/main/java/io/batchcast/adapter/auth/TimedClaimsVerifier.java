package io.batchcast.adapter.auth;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import java.time.Clock;
import java.util.Date;
import java.util.Set;

/**
 * nimbus's claims verifier on the injected clock, with no clock skew; without a clock it checks no time at all
 * (nimbus skips {@code exp} and {@code nbf} when {@link #currentTime()} is null), for the checks that are not about time.
 */
final class TimedClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {

    private final Clock clock;

    private TimedClaimsVerifier(String audience, JWTClaimsSet exactMatch, Set<String> required, Clock clock) {
        super(audience, exactMatch, required);
        this.clock = clock;
        setMaxClockSkew(0);
    }

    /** {@code exp} and {@code nbf} against {@code clock}: the token must not have expired nor be used before its time. */
    static TimedClaimsVerifier timeWindow(Clock clock) {
        return new TimedClaimsVerifier(null, null, null, clock);
    }

    static TimedClaimsVerifier requiring(String claim) {
        return new TimedClaimsVerifier(null, null, Set.of(claim), null);
    }

    static TimedClaimsVerifier issuer(String issuer) {
        return new TimedClaimsVerifier(null, new JWTClaimsSet.Builder().issuer(issuer).build(), null, null);
    }

    static TimedClaimsVerifier audience(String audience) {
        return new TimedClaimsVerifier(audience, null, null, null);
    }

    @Override
    protected Date currentTime() {
        return clock == null ? null : Date.from(clock.instant());
    }
}

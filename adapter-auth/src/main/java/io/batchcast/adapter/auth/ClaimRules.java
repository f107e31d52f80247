package io.batchcast.adapter.auth;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import io.batchcast.application.port.out.TokenRejected.Reason;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The claims a token must carry, as nimbus {@code DefaultJWTClaimsVerifier}s run one after the other, each refusal
 * turned into its own {@link Reason}: {@code exp} present, {@code iss} and {@code aud} as configured, then the time
 * window. The time window alone is also run on every use of a remembered token.
 */
final class ClaimRules implements JWTClaimsSetVerifier<SecurityContext> {

    /** One nimbus verifier and what its refusal means. */
    private record Rule(TimedClaimsVerifier verifier, Reason reason, String message) {
    }

    private final List<Rule> rules = new ArrayList<>();
    private final TimedClaimsVerifier timeWindow;

    ClaimRules(AccessTokenSettings settings, Clock clock) {
        rules.add(new Rule(TimedClaimsVerifier.requiring(JWTClaimNames.EXPIRATION_TIME), Reason.MISSING_EXPIRY,
                "the token has no expiry (exp claim)"));
        settings.issuer().ifPresent(issuer -> rules.add(new Rule(TimedClaimsVerifier.issuer(issuer),
                Reason.WRONG_ISSUER, "the token issuer (iss claim) must be " + issuer)));
        settings.audience().ifPresent(audience -> rules.add(new Rule(TimedClaimsVerifier.audience(audience),
                Reason.WRONG_AUDIENCE, "the token audience (aud claim) must include " + audience)));
        this.timeWindow = TimedClaimsVerifier.timeWindow(clock);
    }

    @Override
    public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
        for (Rule rule : rules) {
            try {
                rule.verifier().verify(claims, context);
            } catch (BadJWTException e) {
                throw new Refusal(rule.reason(), rule.message());
            }
        }
        verifyTimeWindow(claims);
    }

    /** @throws Refusal EXPIRED at or after {@code exp}, NOT_YET_VALID before {@code nbf} */
    void verifyTimeWindow(JWTClaimsSet claims) throws Refusal {
        try {
            timeWindow.verify(claims, null);
        } catch (ExpiredJWTException e) {
            throw new Refusal(Reason.EXPIRED, "the token has expired");
        } catch (BadJWTException e) {
            throw new Refusal(Reason.NOT_YET_VALID, "the token is not valid yet (nbf claim)");
        }
    }
}

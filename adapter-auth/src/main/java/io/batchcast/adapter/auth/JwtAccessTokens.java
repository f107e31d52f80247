package io.batchcast.adapter.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.batchcast.application.port.out.AccessTokenVerification;
import io.batchcast.application.port.out.KeysUnavailable;
import io.batchcast.application.port.out.TokenRejected;
import io.batchcast.application.port.out.TokenRejected.Reason;
import io.batchcast.application.port.out.TokenVerdict;
import io.batchcast.application.port.out.VerifiedCaller;
import java.io.Closeable;
import java.io.IOException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The access-token verifier of every protocol: nimbus's {@link DefaultJWTProcessor} with the key selector of
 * {@link KeysByAlgorithm} (HS256 with the shared secret; RS256 and ES256 with the JWK set) and the claims verifiers of
 * {@link ClaimRules}, plus the user-id rule of {@link Subjects}. Only signed JWTs are parsed, so an unsecured
 * ({@code alg: none}) or encrypted token never reaches the processor. No clock skew is allowed.
 *
 * <p>An engine sends the same token on every call until it renews it, so tokens that passed are remembered (a bounded
 * cache keyed by the whole token text, whose bytes include the signature): a repeat skips the parsing and the
 * signature, but never the time window, which is checked on every use. An entry is forgotten after
 * {@link #REMEMBERED_FOR}, the JWK set's cache lifetime, so a key the identity provider withdraws stops counting then.
 */
public final class JwtAccessTokens implements AccessTokenVerification, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(JwtAccessTokens.class.getName());
    static final int REMEMBERED_TOKENS = 10_000;
    static final Duration REMEMBERED_FOR = Duration.ofMinutes(5);
    private static final String UNKNOWN_KEY = "no key of the identity provider's JWK set matches the token's kid and alg";

    /** What a verified token says, kept for its next uses. */
    private record Remembered(JWTClaimsSet claims, VerifiedCaller caller) {
    }

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final KeysByAlgorithm keys;
    private final ClaimRules claimRules;
    private final Closeable jwks;
    private final Cache<String, Remembered> remembered = Caffeine.newBuilder()
            .maximumSize(REMEMBERED_TOKENS).expireAfterWrite(REMEMBERED_FOR).build();
    private final AtomicLong signatureChecks = new AtomicLong();

    private JwtAccessTokens(AccessTokenSettings settings, Clock clock) {
        var jwkSource = settings.jwksUrl().map(JwksSource::open).orElse(null);
        this.jwks = jwkSource;
        this.keys = new KeysByAlgorithm(settings.hmacSecret().orElse(null), jwkSource);
        this.claimRules = new ClaimRules(settings, clock);
        processor.setJWSTypeVerifier(TokenTypes.VERIFIER);
        processor.setJWSKeySelector(keys);
        processor.setJWTClaimsSetVerifier(claimRules);
    }

    /** A verifier for {@code settings}; the JWK set, if any, is fetched on first use and cached. */
    public static JwtAccessTokens create(AccessTokenSettings settings, Clock clock) {
        return new JwtAccessTokens(settings, clock);
    }

    @Override
    public TokenVerdict verify(String token) {
        if (token == null || token.isBlank()) {
            return new TokenRejected(Reason.MALFORMED, "no access token");
        }
        String text = token.strip();
        Remembered known = remembered.getIfPresent(text);
        SignedJWT jwt = null;
        try {
            if (known == null) {
                jwt = parse(text);
                known = check(jwt);
                remembered.put(text, known);
            } else {
                claimRules.verifyTimeWindow(known.claims());
            }
            return known.caller();
        } catch (Refusal e) {
            if (e.rejection().reason() == Reason.EXPIRED) {
                remembered.invalidate(text);
            }
            return e.rejection();
        } catch (BadJWSException e) {
            return new TokenRejected(Reason.INVALID_SIGNATURE, "the token signature is invalid");
        } catch (BadJWTException e) {
            return new TokenRejected(Reason.MALFORMED, "the token claims are not valid JSON claims");
        } catch (BadJOSEException e) {
            return noKey(jwt);
        } catch (RateLimitReachedException e) {
            // the JWK set was just fetched again for an unknown kid; nimbus limits how often a stranger can cause that
            return new TokenRejected(Reason.UNKNOWN_KEY, UNKNOWN_KEY);
        } catch (KeySourceException e) {
            LOG.log(System.Logger.Level.WARNING, "the JWK set (batchcast.auth.jwks-url) cannot be fetched: "
                    + e.getMessage());
            return new KeysUnavailable("the identity provider's signing keys cannot be fetched now; try again later");
        } catch (JOSEException e) {
            return new TokenRejected(Reason.INVALID_SIGNATURE, "the token signature cannot be checked");
        }
    }

    private Remembered check(SignedJWT jwt) throws BadJOSEException, JOSEException {
        signatureChecks.incrementAndGet();
        JWTClaimsSet claims = processor.process(jwt, null);
        Map<String, Object> json = jwt.getPayload().toJSONObject();
        String userId = Subjects.userId(json.get(JWTClaimNames.SUBJECT));
        return new Remembered(claims, new VerifiedCaller(userId, claims.getExpirationTime().toInstant()));
    }

    private static SignedJWT parse(String token) throws Refusal {
        try {
            return SignedJWT.parse(token);
        } catch (ParseException | RuntimeException e) {
            // "alg":"none" tokens fail here too: they are not JWS at all
            throw new Refusal(Reason.MALFORMED, "the token is not a signed JWT");
        }
    }

    /** The processor found no key: the algorithm has no key source here, or the JWK set lacks the token's key. */
    private TokenRejected noKey(SignedJWT jwt) {
        if (keys.accepts(jwt.getHeader().getAlgorithm())) {
            return new TokenRejected(Reason.UNKNOWN_KEY, UNKNOWN_KEY);
        }
        return new TokenRejected(Reason.ALGORITHM_NOT_ACCEPTED, "the token must be signed with " + keys.accepted());
    }

    /** How many tokens went through the processor (cache misses), for tests. */
    long signatureChecks() {
        return signatureChecks.get();
    }

    /** Releases the JWK set's cache. */
    @Override
    public void close() {
        if (jwks != null) {
            try {
                jwks.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing the JWK set source failed: " + e.getMessage());
            }
        }
    }
}

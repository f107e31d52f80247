package io.batchcast.adapter.grpc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks an HS256 JWT and returns its subject, the user id. Only HS256 is accepted: a token that names any other
 * algorithm (including "none" and HS512) is refused before its signature is looked at, so an attacker cannot
 * choose how the token is checked. {@code exp} is required; {@code nbf} is honoured when present.
 *
 * <p>An engine sends the same token on every call until it renews it, so tokens whose signature checked out are
 * remembered (a bounded cache keyed by the whole token text, whose bytes include the signature): a repeat skips the
 * parsing and the HMAC, about 7% of a submit's server CPU, but not the time checks, which run on every call.
 */
final class AccessTokenVerifier {

    static final int MIN_SECRET_BYTES = 32;
    static final int MAX_SUBJECT_LENGTH = 128;
    /**
     * Tolerated difference between the token issuer's clock and ours: none, the same rule as the SSE endpoint, so a
     * token is good for both or for neither (tokens are minted with this deployment's secret).
     */
    static final Duration CLOCK_SKEW = Duration.ZERO;

    /** Why a token was refused; the message is safe to send to the client. */
    static final class InvalidTokenException extends Exception {
        InvalidTokenException(String message) {
            super(message, null, false, false);
        }
    }

    static final int CACHED_TOKENS = 10_000;

    /** What a verified token says that must be checked again at each use. */
    private record Verified(String subject, Instant expiry, Instant notBefore) {
    }

    private final MACVerifier verifier;
    private final Clock clock;
    private final Cache<String, Verified> verified = Caffeine.newBuilder().maximumSize(CACHED_TOKENS).build();
    private final AtomicLong signatureChecks = new AtomicLong();

    AccessTokenVerifier(byte[] secret, Clock clock) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the JWT secret must be at least " + MIN_SECRET_BYTES
                    + " bytes (256 bits) for HS256, was " + (secret == null ? 0 : secret.length));
        }
        try {
            this.verifier = new MACVerifier(secret.clone());
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable JWT secret: " + e.getMessage(), e);
        }
        this.clock = clock;
    }

    /** @return the user id ({@code sub}) of a valid token */
    String verify(String token) throws InvalidTokenException {
        Verified known = verified.getIfPresent(token);
        if (known == null) {
            known = checkSignatureAndClaims(token);
            verified.put(token, known);
        }
        Instant now = clock.instant();
        if (!now.minus(CLOCK_SKEW).isBefore(known.expiry())) {
            verified.invalidate(token);
            throw new InvalidTokenException("the token has expired");
        }
        if (known.notBefore() != null && now.plus(CLOCK_SKEW).isBefore(known.notBefore())) {
            throw new InvalidTokenException("the token is not valid yet (nbf claim)");
        }
        return known.subject();
    }

    /** How many tokens had their signature checked (cache misses), for tests. */
    long signatureChecks() {
        return signatureChecks.get();
    }

    private Verified checkSignatureAndClaims(String token) throws InvalidTokenException {
        signatureChecks.incrementAndGet();
        SignedJWT jwt = parse(token);
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new InvalidTokenException("the token must be signed with HS256");
        }
        if (!signatureValid(jwt)) {
            throw new InvalidTokenException("the token signature is invalid");
        }
        Map<String, Object> json = claimsJson(jwt);
        JWTClaimsSet claims = claims(json);
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            throw new InvalidTokenException("the token has no expiry (exp claim)");
        }
        String subject = subject(json.get(JWTClaimNames.SUBJECT));
        Date notBefore = claims.getNotBeforeTime();
        return new Verified(subject, expiry.toInstant(), notBefore == null ? null : notBefore.toInstant());
    }

    /**
     * The user id, from the {@code sub} claim as the token's JSON has it: nimbus would turn a number into its digits,
     * and a lone UTF-16 surrogate (a JSON escape can carry one) would be stored as '?', which is another user's id.
     */
    private static String subject(Object claim) throws InvalidTokenException {
        if (claim != null && !(claim instanceof String)) {
            throw new InvalidTokenException("the token subject (sub claim, the user id) must be a JSON string");
        }
        String subject = (String) claim;
        if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT_LENGTH) {
            throw new InvalidTokenException("the token subject (sub claim, the user id) must be 1 to "
                    + MAX_SUBJECT_LENGTH + " characters");
        }
        if (!wellFormedText(subject)) {
            throw new InvalidTokenException("the token subject (sub claim, the user id) must be well-formed Unicode"
                    + " without control characters");
        }
        return subject;
    }

    /** No control character and no UTF-16 surrogate outside a high-low pair. */
    private static boolean wellFormedText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c) || Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }

    private static SignedJWT parse(String token) throws InvalidTokenException {
        try {
            return SignedJWT.parse(token);
        } catch (ParseException | RuntimeException e) {
            // "alg":"none" tokens fail here too: they are not JWS at all
            throw new InvalidTokenException("the token is not a signed JWT");
        }
    }

    private boolean signatureValid(SignedJWT jwt) {
        try {
            return jwt.verify(verifier);
        } catch (JOSEException | RuntimeException e) {
            return false;
        }
    }

    private static Map<String, Object> claimsJson(SignedJWT jwt) throws InvalidTokenException {
        Map<String, Object> json = jwt.getPayload().toJSONObject();
        if (json == null) {
            throw new InvalidTokenException("the token claims are not valid JSON claims");
        }
        return json;
    }

    private static JWTClaimsSet claims(Map<String, Object> json) throws InvalidTokenException {
        try {
            return JWTClaimsSet.parse(json);
        } catch (ParseException e) {
            throw new InvalidTokenException("the token claims are not valid JSON claims");
        }
    }
}

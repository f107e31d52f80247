package io.batchcast.adapter.sse;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies HS256 access tokens. A token counts only when its header says HS256 (never "none", never another
 * algorithm, so a forged header cannot pick a weaker check), the signature matches, it names a user in {@code sub}
 * (a JSON string of 1 to 128 characters of well-formed Unicode without control characters),
 * and it carries an {@code exp} that is still in the future: a stream is closed at {@code exp}, so a token without one
 * would keep a stream open forever. No clock skew is allowed, the tokens come from the same deployment's secret.
 */
final class AccessTokens {

    /** The longest user id ({@code sub}) accepted, the same limit as the gRPC API. */
    static final int MAX_SUBJECT_LENGTH = 128;

    private final MACVerifier verifier;
    private final Clock clock;

    AccessTokens(String secret, Clock clock) {
        try {
            this.verifier = new MACVerifier(secret.getBytes(StandardCharsets.UTF_8));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the JWT secret cannot be used for HS256: " + e.getMessage(), e);
        }
        this.clock = clock;
    }

    /** The caller the token proves, or empty when the token is malformed, forged, expired or not HS256. */
    Optional<Caller> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token.trim());
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            Map<String, Object> json = jwt.getPayload().toJSONObject();
            return json == null ? Optional.empty() : caller(json.get(JWTClaimNames.SUBJECT), JWTClaimsSet.parse(json));
        } catch (ParseException | JOSEException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    /**
     * The {@code sub} claim is judged as the token's JSON has it: nimbus would turn a number into its digits, and a
     * lone UTF-16 surrogate (a JSON escape can carry one) would be stored as '?', which is another user's id.
     */
    private Optional<Caller> caller(Object subjectClaim, JWTClaimsSet claims) {
        Date expiration = claims.getExpirationTime();
        Date notBefore = claims.getNotBeforeTime();
        Instant now = clock.instant();
        if (!(subjectClaim instanceof String subject) || !validSubject(subject) || expiration == null
                || !expiration.toInstant().isAfter(now)) {
            return Optional.empty();
        }
        if (notBefore != null && notBefore.toInstant().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(new Caller(subject, expiration.toInstant()));
    }

    /** 1 to 128 characters, not blank, no control character and no UTF-16 surrogate outside a high-low pair. */
    private static boolean validSubject(String subject) {
        if (subject.isBlank() || subject.length() > MAX_SUBJECT_LENGTH) {
            return false;
        }
        for (int i = 0; i < subject.length(); i++) {
            char c = subject.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < subject.length()
                    && Character.isLowSurrogate(subject.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c) || Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }
}

package io.batchcast.application.port.out;

import java.util.Objects;

/**
 * A token that does not count: the caller must send another one.
 *
 * @param reason  why, for programs and tests
 * @param message why, for people; safe to send to the client (it never repeats the token)
 */
public record TokenRejected(Reason reason, String message) implements TokenVerdict {

    public TokenRejected {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    public enum Reason {
        /** Absent, blank, not a signed JWT (an unsecured {@code alg: none} token is not one), or claims that are not JSON claims. */
        MALFORMED,
        /** Signed with an algorithm this server does not accept, or with none that the configured keys allow. */
        ALGORITHM_NOT_ACCEPTED,
        /** No configured key matches the token's {@code kid} and {@code alg}. */
        UNKNOWN_KEY,
        INVALID_SIGNATURE,
        /** No {@code exp} claim: such a token would keep a stream open forever. */
        MISSING_EXPIRY,
        EXPIRED,
        /** Its {@code nbf} lies in the future. */
        NOT_YET_VALID,
        /** {@code iss} missing or not the configured issuer. */
        WRONG_ISSUER,
        /** {@code aud} missing or without the configured audience. */
        WRONG_AUDIENCE,
        /** {@code sub} missing, not a JSON string, too long, or not well-formed text. */
        INVALID_SUBJECT
    }
}

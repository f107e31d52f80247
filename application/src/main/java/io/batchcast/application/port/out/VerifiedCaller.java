package io.batchcast.application.port.out;

import java.time.Instant;
import java.util.Objects;

/**
 * The caller a valid access token proves.
 *
 * @param userId    the token's {@code sub}: 1 to 128 characters of well-formed Unicode without control characters
 * @param expiresAt the token's {@code exp}: a stream opened with this token ends then
 */
public record VerifiedCaller(String userId, Instant expiresAt) implements TokenVerdict {

    public VerifiedCaller {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}

package io.batchcast.application.port.out;

import java.util.Objects;

/**
 * The token could not be checked now: the identity provider's keys (its JWKS) could not be fetched and none are
 * cached. Not the caller's fault; the same token may count once the keys are back.
 *
 * @param message why, safe to send to the client
 */
public record KeysUnavailable(String message) implements TokenVerdict {

    public KeysUnavailable {
        Objects.requireNonNull(message, "message");
    }
}

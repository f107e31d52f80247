package io.batchcast.adapter.auth;

import com.nimbusds.jwt.proc.BadJWTException;
import io.batchcast.application.port.out.TokenRejected;

/**
 * Thrown from inside nimbus's processor by the checks this adapter plugs into it (the header type, the claims), so
 * that the processor's failure still says which rule refused the token.
 */
final class Refusal extends BadJWTException {

    private final transient TokenRejected rejection;

    Refusal(TokenRejected.Reason reason, String message) {
        super(message);
        this.rejection = new TokenRejected(reason, message);
    }

    TokenRejected rejection() {
        return rejection;
    }
}

package io.batchcast.application.port.out;

import java.time.Instant;

/**
 * Idempotency keys (AIP-155), scoped per user. Claiming is atomic across threads and instances: of two concurrent
 * claims of one id exactly one gets {@link RequestClaim.Claimed}.
 */
public interface RequestClaims {

    RequestClaim claim(String userId, String requestId, String requestHash, Instant at);

    /** Gives a claim back when the batch could not be recorded, so that a retry can execute it. */
    void release(String userId, String requestId);
}

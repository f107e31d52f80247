package io.batchcast.application.service;

import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.in.RequestAbandonedException;
import io.batchcast.application.port.in.RequestIdConflictException;
import io.batchcast.application.port.in.RequestInProgressException;
import io.batchcast.application.port.out.RequestClaim;
import io.batchcast.application.port.out.RequestClaims;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * AIP-155 request ids: the first call claims the id and executes; a retry with the same payload gets the stored
 * receipt; another payload is a conflict. A retry that arrives while the first call still runs waits for it briefly.
 */
final class IdempotencyGuard {

    static final Duration WAIT_FOR_PENDING = Duration.ofSeconds(5);
    /**
     * A claim still pending after this long belongs to a call whose server stopped mid-batch (a batch runs for
     * seconds at most): retrying cannot finish it, and whether its orders reached the exchange is unknown.
     */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);
    private static final long POLL_MILLIS = 25;

    private final RequestClaims claims;
    private final Clock clock;

    IdempotencyGuard(RequestClaims claims, Clock clock) {
        this.claims = claims;
        this.clock = clock;
    }

    /** Empty when the caller now owns the request id (or sent none) and must execute. */
    Optional<BatchReceipt> claimOrReplay(String userId, String requestId, String requestHash) {
        if (requestId.isEmpty()) {
            return Optional.empty();
        }
        long waitedMillis = 0;
        while (true) {
            RequestClaim claim = claims.claim(userId, requestId, requestHash, clock.instant());
            switch (claim) {
                case RequestClaim.Claimed c -> {
                    return Optional.empty();
                }
                case RequestClaim.Completed done -> {
                    requireSamePayload(requestId, requestHash, done.requestHash());
                    return Optional.of(done.receipt());
                }
                case RequestClaim.Pending pending -> {
                    requireSamePayload(requestId, requestHash, pending.requestHash());
                    if (pending.claimedAt().plus(ABANDONED_AFTER).isBefore(clock.instant())) {
                        throw new RequestAbandonedException(requestId, pending.claimedAt());
                    }
                    if (waitedMillis >= WAIT_FOR_PENDING.toMillis()) {
                        throw new RequestInProgressException(requestId);
                    }
                    sleep();
                    waitedMillis += POLL_MILLIS;
                }
            }
        }
    }

    void release(String userId, String requestId) {
        if (!requestId.isEmpty()) {
            claims.release(userId, requestId);
        }
    }

    private static void requireSamePayload(String requestId, String expected, String stored) {
        if (!expected.equals(stored)) {
            throw new RequestIdConflictException(requestId);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a concurrent request", e);
        }
    }
}

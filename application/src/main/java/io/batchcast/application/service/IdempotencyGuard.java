package io.batchcast.application.service;

import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.in.RequestAbandonedException;
import io.batchcast.application.port.in.RequestIdConflictException;
import io.batchcast.application.port.in.RequestInProgressException;
import io.batchcast.application.port.out.BatchIntents;
import io.batchcast.application.port.out.RequestClaim;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * AIP-155 request ids: a retry with the same payload gets the stored receipt; another payload is a conflict. A retry
 * that arrives while the first call still runs waits for it briefly; one that finds the batch unsettled for longer
 * than the reconcile delay reconciles it with the venue and returns what the venue did.
 */
final class IdempotencyGuard {

    static final Duration WAIT_FOR_PENDING = Duration.ofSeconds(5);
    /**
     * A claim of an earlier version (no intent) still pending after this long belongs to a call whose server stopped
     * mid-batch: retrying cannot finish it, and whether its orders reached the exchange is unknown.
     */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);
    private static final long POLL_MILLIS = 25;

    private final BatchIntents intents;
    private final ReconcilingBatches reconciler;
    private final Clock clock;

    IdempotencyGuard(BatchIntents intents, ReconcilingBatches reconciler, Clock clock) {
        this.intents = intents;
        this.reconciler = reconciler;
        this.clock = clock;
    }

    /** The earlier outcome of this request id; empty when the id is free (or none was sent) and the caller executes. */
    Optional<BatchReceipt> replay(String userId, String requestId, String requestHash) {
        if (requestId.isEmpty()) {
            return Optional.empty();
        }
        long waitedMillis = 0;
        while (true) {
            Optional<RequestClaim> found = intents.find(userId, requestId);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            switch (found.get()) {
                case RequestClaim.Claimed c -> {
                    return Optional.empty();
                }
                case RequestClaim.Completed done -> {
                    requireSamePayload(requestId, requestHash, done.requestHash());
                    return Optional.of(done.receipt());
                }
                case RequestClaim.Unsettled unsettled -> {
                    requireSamePayload(requestId, requestHash, unsettled.requestHash());
                    if (!unsettled.intent().createdAt().plus(reconciler.reconcileAfter()).isAfter(clock.instant())) {
                        return Optional.of(reconciler.reconcile(unsettled.intent()));
                    }
                }
                case RequestClaim.Pending pending -> {
                    requireSamePayload(requestId, requestHash, pending.requestHash());
                    if (pending.claimedAt().plus(ABANDONED_AFTER).isBefore(clock.instant())) {
                        throw new RequestAbandonedException(requestId, pending.claimedAt());
                    }
                }
            }
            if (waitedMillis >= WAIT_FOR_PENDING.toMillis()) {
                throw new RequestInProgressException(requestId);
            }
            sleep();
            waitedMillis += POLL_MILLIS;
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

package io.batchcast.application.port.out;

import io.batchcast.application.port.in.BatchReceipt;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable batch intents, which are also the claims of request ids (AIP-155, scoped per user). Opening is atomic
 * across threads and instances: of two intents for one request id exactly one is {@link RequestClaim.Claimed}.
 */
public interface BatchIntents {

    /** What holds the user's request id, if anything: never {@link RequestClaim.Claimed}. */
    Optional<RequestClaim> find(String userId, String requestId);

    /**
     * Makes the intent durable before any venue call. Returns {@link RequestClaim.Claimed} when it is now stored,
     * or what already holds its request id (nothing was stored then).
     */
    RequestClaim open(BatchIntent intent);

    /**
     * Deletes the unsettled intent of a batch that never reached the venue, freeing its request id for a retry.
     * Does nothing when the batch was recorded or the intent is gone.
     */
    void abandon(String batchId);

    /** Unsettled intents created before {@code before}, oldest first, at most {@code limit}. */
    List<BatchIntent> unsettled(Instant before, int limit);

    /** The receipt of a recorded batch: empty when unknown, unsettled or pruned. */
    Optional<BatchReceipt> receipt(String batchId);
}

package io.batchcast.application.port.out;

import io.batchcast.application.port.in.BatchReceipt;
import java.time.Instant;

/** What claiming a request id found. */
public sealed interface RequestClaim {

    /** The id was free and is now ours: execute, then record (which completes the claim) or release it. */
    record Claimed() implements RequestClaim {
    }

    /** The id belongs to a batch that was recorded, for a request with hash {@code requestHash}. */
    record Completed(String requestHash, BatchReceipt receipt) implements RequestClaim {
    }

    /** Another call claimed the id at {@code claimedAt} and has not finished (or its server stopped mid-batch). */
    record Pending(String requestHash, Instant claimedAt) implements RequestClaim {
    }
}

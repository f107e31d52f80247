package io.batchcast.application.port.out;

import io.batchcast.application.port.in.BatchReceipt;

/** What claiming a request id found. */
public sealed interface RequestClaim {

    /** The id was free and is now ours: execute, then record (which completes the claim) or release it. */
    record Claimed() implements RequestClaim {
    }

    /** The id belongs to a batch that was recorded, for a request with hash {@code requestHash}. */
    record Completed(String requestHash, BatchReceipt receipt) implements RequestClaim {
    }

    /** Another call holds the id and has not finished yet. */
    record Pending(String requestHash) implements RequestClaim {
    }
}

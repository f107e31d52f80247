package io.batchcast.application.port.out;

import io.batchcast.application.port.in.BatchReceipt;
import java.time.Instant;
import java.util.Objects;

/** What holds a request id. */
public sealed interface RequestClaim {

    /** The id was free and the intent that claims it is now stored: execute, then record. */
    record Claimed() implements RequestClaim {
    }

    /** The id belongs to a batch that was recorded, for a request with hash {@code requestHash}. */
    record Completed(String requestHash, BatchReceipt receipt) implements RequestClaim {
    }

    /**
     * The id belongs to a batch that is executing, or whose instance stopped or lost the database before recording
     * it: its outcome is known once it is recorded or reconciled with the venue.
     */
    record Unsettled(String requestHash, BatchIntent intent) implements RequestClaim {
        public Unsettled {
            Objects.requireNonNull(intent, "intent");
        }
    }

    /**
     * A claim written by an earlier version, which kept no intent: its batch's server stopped before recording it,
     * and what reached the venue is unknown.
     */
    record Pending(String requestHash, Instant claimedAt) implements RequestClaim {
    }
}

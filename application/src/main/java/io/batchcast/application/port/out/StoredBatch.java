package io.batchcast.application.port.out;

import io.batchcast.application.port.in.BatchReceipt;
import java.util.Objects;

/** What the store holds of a batch. */
public sealed interface StoredBatch {

    /** Recorded: the receipt its submit returned (and a retry of its request id returns). */
    record Recorded(BatchReceipt receipt) implements StoredBatch {
        public Recorded {
            Objects.requireNonNull(receipt, "receipt");
        }
    }

    /** Its intent is stored but its outcome is not recorded yet; {@code requestId} is empty when it had none. */
    record Unsettled(String requestId) implements StoredBatch {
        public Unsettled {
            Objects.requireNonNull(requestId, "requestId");
        }
    }
}

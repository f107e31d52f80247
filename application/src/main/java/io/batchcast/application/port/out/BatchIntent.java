package io.batchcast.application.port.out;

import io.batchcast.domain.StreamKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a batch is about to do at the venue, made durable before the first venue call: its steps in request order,
 * each with the client order id the venue will see. It is also the batch's claim of its request id. An intent stays
 * unsettled until the batch is recorded, by the instance that executed it or by reconciliation with the venue.
 */
public record BatchIntent(
        String batchId, StreamKey stream, String requestId, String requestHash, List<IntentStep> steps,
        Instant createdAt) {

    public BatchIntent {
        Objects.requireNonNull(batchId, "batchId");
        Objects.requireNonNull(stream, "stream");
        requestId = requestId == null ? "" : requestId;
        requestHash = requestHash == null ? "" : requestHash;
        steps = List.copyOf(steps);
        Objects.requireNonNull(createdAt, "createdAt");
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).index() != i) {
                throw new IllegalArgumentException("steps must be in request order: step " + i + " has index "
                        + steps.get(i).index());
            }
        }
    }

    /** Whether any step asks the venue anything; a batch without such steps needs no intent unless it is claimed. */
    public boolean reachesVenue() {
        return steps.stream().anyMatch(step -> !(step instanceof IntentStep.Decided));
    }
}

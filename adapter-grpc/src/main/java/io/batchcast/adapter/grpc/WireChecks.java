package io.batchcast.adapter.grpc;

import io.batchcast.application.port.in.FieldViolation;
import io.batchcast.application.port.in.OpenEventStream;
import io.batchcast.domain.EventId;
import io.batchcast.proto.v1.StreamOrderBatchEventsRequest;
import io.batchcast.proto.v1.SubmitOrderBatchRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks of request fields that only the wire format has (ids as raw int64, idempotency keys as free strings,
 * paging). The meaning of operations is the application's to validate.
 */
final class WireChecks {

    static final int MAX_REQUEST_ID_LENGTH = 128;
    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1_000;

    private WireChecks() {
    }

    static void submit(SubmitOrderBatchRequest request) {
        List<FieldViolation> violations = new ArrayList<>(2);
        strategyId(request.getStrategyId(), violations);
        requestId(request.getRequestId(), violations);
        failIfAny(violations);
    }

    static void stream(StreamOrderBatchEventsRequest request) {
        List<FieldViolation> violations = new ArrayList<>(2);
        strategyId(request.getStrategyId(), violations);
        String cursor = request.getAfterEventId();
        if (!cursor.isEmpty() && !cursor.equals(OpenEventStream.EARLIEST) && EventId.parse(cursor).isEmpty()) {
            // never echo a malformed cursor back: it is arbitrary client text
            violations.add(new FieldViolation("after_event_id",
                    "must be an event_id received from this API (<epoch>-<sequence>), \"earliest\" for every"
                            + " retained event, or empty for live events only"));
        }
        int coalesceMs = request.getCoalesceMs();
        if (coalesceMs < 0 || coalesceMs > OpenEventStream.MAX_COALESCE_MS) {
            violations.add(new FieldViolation("coalesce_ms", OpenEventStream.COALESCE_RANGE + ", was " + coalesceMs));
        }
        failIfAny(violations);
    }

    /** A request whose only field to check is its strategy id (GetOrderBatch, ListOrders). */
    static void strategyId(long strategyId) {
        List<FieldViolation> violations = new ArrayList<>(1);
        strategyId(strategyId, violations);
        failIfAny(violations);
    }

    /** The page size to use: 0 means the default of 100. */
    static int pageSize(int size) {
        if (size == 0) {
            return DEFAULT_PAGE_SIZE;
        }
        if (size < 0 || size > MAX_PAGE_SIZE) {
            throw FailureStatus.invalidArgument("page_size",
                    "must be between 1 and " + MAX_PAGE_SIZE + " (or 0 for " + DEFAULT_PAGE_SIZE + "), was " + size);
        }
        return size;
    }

    static void strategyId(long strategyId, List<FieldViolation> violations) {
        if (strategyId <= 0) {
            violations.add(new FieldViolation("strategy_id", "must be a positive strategy id, was " + strategyId));
        }
    }

    private static void requestId(String requestId, List<FieldViolation> violations) {
        if (requestId.length() > MAX_REQUEST_ID_LENGTH) {
            violations.add(new FieldViolation("request_id", "must be at most " + MAX_REQUEST_ID_LENGTH
                    + " characters, had " + requestId.length()));
            return;
        }
        for (int i = 0; i < requestId.length(); i++) {
            char c = requestId.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                violations.add(new FieldViolation("request_id",
                        "must be printable ASCII (0x20 to 0x7E); character " + i + " is not"));
                return;
            }
        }
    }

    static void failIfAny(List<FieldViolation> violations) {
        if (!violations.isEmpty()) {
            throw FailureStatus.invalidArgument(violations);
        }
    }
}

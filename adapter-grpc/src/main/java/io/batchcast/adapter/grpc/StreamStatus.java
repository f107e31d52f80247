package io.batchcast.adapter.grpc;

import com.google.rpc.Code;
import io.batchcast.application.port.in.StreamEnd;
import io.batchcast.application.port.in.StreamOpening;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Map;

/** How a StreamOrderBatchEvents call ends: each refusal and end reason of the delivery core as a gRPC status. */
final class StreamStatus {

    private static final String RESUME = "; call again with after_event_id set to the last event_id you received";

    private StreamStatus() {
    }

    static StatusRuntimeException of(StreamOpening.Refusal refusal) {
        return switch (refusal) {
            case StreamOpening.TooManyStreams limit -> Status.RESOURCE_EXHAUSTED.withDescription("at most "
                    + limit.maxStreamsPerUser() + " concurrent event streams per user (SSE and gRPC together);"
                    + " close one first").asRuntimeException();
            case StreamOpening.StrategyNotFound notFound -> Status.NOT_FOUND
                    .withDescription("strategy " + notFound.strategyId() + " not found").asRuntimeException();
            case StreamOpening.StoreUnavailable unavailable -> Status.UNAVAILABLE
                    .withDescription("the event log cannot be read now; retry later").asRuntimeException();
            case StreamOpening.ShuttingDown shuttingDown -> shuttingDown();
        };
    }

    static StatusRuntimeException of(StreamEnd end) {
        return switch (end) {
            case StreamEnd.ClientGone gone -> Status.CANCELLED.withDescription("the client is gone")
                    .asRuntimeException();
            case StreamEnd.TooSlow slow -> FailureStatus.withErrorInfo(Code.RESOURCE_EXHAUSTED,
                    "the stream fell more than " + slow.capacity() + " events behind" + RESUME,
                    "SLOW_CONSUMER", Map.of("max_buffered_events", Integer.toString(slow.capacity())));
            case StreamEnd.TokenExpired expired -> Status.UNAUTHENTICATED
                    .withDescription("the access token expired" + RESUME + ", with a fresh token").asRuntimeException();
            case StreamEnd.ShutDown shutDown -> shuttingDown();
            case StreamEnd.CursorUnusable unusable -> FailureStatus.withErrorInfo(Code.OUT_OF_RANGE,
                    "after_event_id cannot be resumed from (" + unusable.reason() + "); call again with"
                            + " after_event_id set to head_event_id '" + unusable.headCursor()
                            + "' from the error details (events in between are lost)",
                    "CURSOR_OUT_OF_RANGE", Map.of("head_event_id", unusable.headCursor(), "cause", unusable.reason()));
        };
    }

    private static StatusRuntimeException shuttingDown() {
        return Status.UNAVAILABLE.withDescription("the server is shutting down; call again with after_event_id to"
                + " resume").asRuntimeException();
    }
}

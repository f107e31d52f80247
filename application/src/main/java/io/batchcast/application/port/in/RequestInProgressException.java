package io.batchcast.application.port.in;

/** Another call with the same request id is still executing; retry later for its stored response. */
public final class RequestInProgressException extends SubmissionFailure {

    public RequestInProgressException(String requestId) {
        super("request_id '" + requestId + "' is still being executed by another call; retry shortly");
    }
}

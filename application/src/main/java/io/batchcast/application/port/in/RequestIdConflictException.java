package io.batchcast.application.port.in;

/** A request id was reused with a different payload (AIP-155: ALREADY_EXISTS). */
public final class RequestIdConflictException extends SubmissionFailure {

    public RequestIdConflictException(String requestId) {
        super("request_id '" + requestId + "' was already used for a different request");
    }
}

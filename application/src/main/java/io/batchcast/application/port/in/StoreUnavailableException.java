package io.batchcast.application.port.in;

/** The database cannot be reached; nothing of the request was written. Safe to retry. */
public final class StoreUnavailableException extends SubmissionFailure {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.batchcast.application.port.in;

/** The database cannot be reached; nothing of the request was written. Safe to retry. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

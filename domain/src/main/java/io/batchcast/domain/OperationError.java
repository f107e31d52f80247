package io.batchcast.domain;

import java.util.Objects;

/**
 * Why one operation of a batch was refused. {@code reason} is a stable code clients can branch on, {@code message}
 * is for people.
 */
public record OperationError(String reason, String message) {

    public static final String UNKNOWN_ORDER = "UNKNOWN_ORDER";
    public static final String ALREADY_CANCELLED = "ALREADY_CANCELLED";
    public static final String NOT_CANCELLABLE = "NOT_CANCELLABLE";
    public static final String DUPLICATE_CLIENT_ORDER_ID = "DUPLICATE_CLIENT_ORDER_ID";
    public static final String EXCHANGE_REJECTED = "EXCHANGE_REJECTED";
    public static final String EXCHANGE_UNAVAILABLE = "EXCHANGE_UNAVAILABLE";
    /** The caller cancelled the call or its deadline passed before this operation started; it never ran. */
    public static final String NOT_EXECUTED = "NOT_EXECUTED";

    public OperationError {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }
}

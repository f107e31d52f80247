package io.batchcast.domain;

public enum OperationOutcome {
    CREATED,
    CANCELLED,
    REJECTED
}

package io.batchcast.domain;

/** Which order a cancel operation means: by the exchange's order id or by the client's own id. */
public sealed interface CancelTarget {

    String value();

    record ByOrderId(String value) implements CancelTarget {
    }

    record ByClientOrderId(String value) implements CancelTarget {
    }
}

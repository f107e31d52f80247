package io.batchcast.application.port.in;

import io.batchcast.domain.OrderType;
import io.batchcast.domain.Side;

/**
 * One operation of a batch as a client sent it, before validation: strings stay strings and enums may be missing,
 * so that the whole batch can be checked at once and every problem reported with its field path.
 */
public sealed interface OperationRequest {

    /** A create; {@code null} or empty strings mean "not set", {@code null} enums mean "unspecified". */
    record Create(
            String clientOrderId,
            String symbol,
            Side side,
            OrderType orderType,
            String quantity,
            String price,
            String stopPrice) implements OperationRequest {
    }

    /** A cancel naming its order by exactly one of the two ids (the other {@code null} or empty). */
    record Cancel(String orderId, String clientOrderId) implements OperationRequest {
    }

    /** Neither a create nor a cancel was set. */
    record Missing() implements OperationRequest {
    }
}

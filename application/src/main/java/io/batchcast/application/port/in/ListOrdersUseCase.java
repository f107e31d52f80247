package io.batchcast.application.port.in;

@FunctionalInterface
public interface ListOrdersUseCase {

    /**
     * A page of the user's strategy's orders, newest first by creation time (then by order id, descending).
     *
     * @throws StrategyNotFoundException when the strategy is unknown or another user's
     */
    OrderPage list(ListOrdersQuery query);
}

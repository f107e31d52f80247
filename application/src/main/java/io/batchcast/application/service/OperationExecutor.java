package io.batchcast.application.service;

import io.batchcast.application.port.out.ClientOrderIdsTakenException;
import io.batchcast.application.port.out.ExecutionReport;
import io.batchcast.application.port.out.OrderExecutionPort;
import io.batchcast.application.port.out.OrderStore;
import io.batchcast.domain.CancelTarget;
import io.batchcast.domain.NewOrder;
import io.batchcast.domain.OperationError;
import io.batchcast.domain.OperationOutcome;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.Order;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.OrderType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs one planned operation against the exchange; never throws for exchange trouble, it rejects instead. */
final class OperationExecutor {

    private static final System.Logger LOG = System.getLogger(OperationExecutor.class.getName());

    /** An operation's result and, when it changed an order, the order as it now is. */
    record Executed(OperationResult result, Order changedOrder) {
    }

    private final OrderExecutionPort exchange;
    private final OrderStore orders;
    private final Clock clock;

    OperationExecutor(OrderExecutionPort exchange, OrderStore orders, Clock clock) {
        this.exchange = exchange;
        this.orders = orders;
        this.clock = clock;
    }

    Executed place(long strategyId, int index, NewOrder order) {
        ExecutionReport report;
        try {
            report = exchange.place(strategyId, order);
        } catch (RuntimeException e) {
            return rejected(index, null, order.clientOrderId(), order, OperationError.EXCHANGE_UNAVAILABLE,
                    "the exchange could not be reached: the order was not placed");
        }
        return switch (report) {
            case ExecutionReport.Accepted accepted -> new Executed(
                    OperationResult.created(index, accepted.orderId(), order.clientOrderId(), order.type()),
                    new Order(accepted.orderId(), strategyId, order, accepted.status(), clock.instant()));
            case ExecutionReport.Rejected r -> rejected(index, null, order.clientOrderId(), order, r.reason(), r.message());
        };
    }

    Executed cancel(long strategyId, int index, CancelTarget target) {
        Optional<Order> found = switch (target) {
            case CancelTarget.ByOrderId byId -> orders.findByOrderId(strategyId, byId.value());
            case CancelTarget.ByClientOrderId byClient -> orders.findByClientOrderId(strategyId, byClient.value());
        };
        if (found.isEmpty()) {
            String orderId = target instanceof CancelTarget.ByOrderId ? target.value() : null;
            String clientId = target instanceof CancelTarget.ByClientOrderId ? target.value() : null;
            return new Executed(OperationResult.rejected(index, orderId, clientId, null,
                    new OperationError(OperationError.UNKNOWN_ORDER, "no order '" + target.value() + "' in this strategy")),
                    null);
        }
        Order order = found.get();
        if (order.status() != OrderStatus.OPEN) {
            boolean cancelled = order.status() == OrderStatus.CANCELLED;
            return rejected(index, order.orderId(), order.clientOrderId(), order.spec(),
                    cancelled ? OperationError.ALREADY_CANCELLED : OperationError.NOT_CANCELLABLE,
                    cancelled ? "the order is already cancelled" : "the order is " + order.status() + " and cannot be cancelled");
        }
        return cancelOpen(strategyId, index, order);
    }

    private Executed cancelOpen(long strategyId, int index, Order order) {
        ExecutionReport report;
        try {
            report = exchange.cancel(strategyId, order.orderId());
        } catch (RuntimeException e) {
            return rejected(index, order.orderId(), order.clientOrderId(), order.spec(),
                    OperationError.EXCHANGE_UNAVAILABLE, "the exchange could not be reached: the order is still open");
        }
        return switch (report) {
            case ExecutionReport.Accepted accepted -> new Executed(
                    OperationResult.cancelled(index, order.orderId(), order.clientOrderId(), order.type()),
                    order.withStatus(OrderStatus.CANCELLED, clock.instant()));
            case ExecutionReport.Rejected r ->
                    rejected(index, order.orderId(), order.clientOrderId(), order.spec(), r.reason(), r.message());
        };
    }

    /**
     * Turns the orders this batch placed under client order ids that a concurrent batch stored first into
     * {@code DUPLICATE_CLIENT_ORDER_ID} rejections, cancelling each on the exchange so that no order stays live
     * without a record. Rethrows {@code taken} when none of its ids is one this batch placed (nothing to withdraw).
     */
    List<Executed> withdraw(long strategyId, List<Executed> executed, ClientOrderIdsTakenException taken) {
        List<Executed> kept = new ArrayList<>(executed.size());
        boolean withdrewAny = false;
        for (Executed e : executed) {
            OperationResult result = e.result();
            if (result.outcome() == OperationOutcome.CREATED && taken.clientOrderIds().contains(result.clientOrderId())) {
                kept.add(withdrawn(strategyId, result));
                withdrewAny = true;
            } else {
                kept.add(e);
            }
        }
        if (!withdrewAny) {
            throw taken;
        }
        return kept;
    }

    private Executed withdrawn(long strategyId, OperationResult placed) {
        String failure;
        try {
            failure = switch (exchange.cancel(strategyId, placed.orderId())) {
                case ExecutionReport.Accepted accepted -> null;
                case ExecutionReport.Rejected r -> r.reason() + ": " + r.message();
            };
        } catch (RuntimeException e) {
            failure = "the exchange could not be reached";
        }
        String taken = "client_order_id '" + placed.clientOrderId()
                + "' was taken by a concurrent batch while this one ran; ";
        String message;
        if (failure == null) {
            message = taken + "the order placed for it (" + placed.orderId() + ") was cancelled on the exchange";
        } else {
            message = taken + "cancelling the order placed for it (" + placed.orderId() + ") failed (" + failure
                    + "): it may still be live on the exchange";
            LOG.log(System.Logger.Level.ERROR, "strategy " + strategyId + ": " + message);
        }
        return new Executed(OperationResult.rejected(placed.index(), placed.orderId(), placed.clientOrderId(),
                placed.orderType(), new OperationError(OperationError.DUPLICATE_CLIENT_ORDER_ID, message)), null);
    }

    static Executed notExecuted(PlannedOperation op) {
        String orderId = null;
        String clientOrderId = null;
        OrderType type = null;
        switch (op) {
            case PlannedOperation.Place place -> {
                clientOrderId = place.order().clientOrderId();
                type = place.order().type();
            }
            case PlannedOperation.Cancel(int i, CancelTarget.ByOrderId id) -> orderId = id.value();
            case PlannedOperation.Cancel(int i, CancelTarget.ByClientOrderId id) -> clientOrderId = id.value();
        }
        return new Executed(OperationResult.rejected(op.index(), orderId, clientOrderId, type, new OperationError(
                OperationError.NOT_EXECUTED,
                "the call was cancelled or its deadline passed before this operation started; it was not executed")),
                null);
    }

    private static Executed rejected(
            int index, String orderId, String clientOrderId, NewOrder spec, String reason, String message) {
        return new Executed(OperationResult.rejected(index, orderId, clientOrderId, spec.type(),
                new OperationError(reason, message)), null);
    }
}

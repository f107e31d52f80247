package io.batchcast.application.service;

import io.batchcast.application.port.out.IntentStep;
import io.batchcast.application.port.out.OrderStore;
import io.batchcast.domain.CancelTarget;
import io.batchcast.domain.OperationError;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.Order;
import io.batchcast.domain.OrderStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a validated batch into its intent's steps, reading what the store knows: a create whose client order id the
 * strategy used before, and a cancel of an order that is unknown or no longer open, are decided here and never
 * reach the venue; every other step gets its deterministic venue client order id.
 */
final class BatchPlanner {

    private final OrderStore orders;

    BatchPlanner(OrderStore orders) {
        this.orders = orders;
    }

    List<IntentStep> plan(long strategyId, String batchId, List<PlannedOperation> operations) {
        Set<String> used = orders.usedClientOrderIds(strategyId, clientOrderIds(operations));
        List<IntentStep> steps = new ArrayList<>(operations.size());
        for (PlannedOperation op : operations) {
            String venueId = VenueClientOrderIds.of(batchId, op.index());
            steps.add(switch (op) {
                case PlannedOperation.Place place when used.contains(place.order().clientOrderId()) ->
                        new IntentStep.Decided(OperationResult.rejected(place.index(), null,
                                place.order().clientOrderId(), place.order().type(), new OperationError(
                                        OperationError.DUPLICATE_CLIENT_ORDER_ID, "client_order_id '"
                                        + place.order().clientOrderId() + "' was used by an earlier order")));
                case PlannedOperation.Place place -> new IntentStep.Place(place.index(), venueId, place.order());
                case PlannedOperation.Cancel cancel -> cancelStep(strategyId, cancel, venueId);
            });
        }
        return steps;
    }

    private IntentStep cancelStep(long strategyId, PlannedOperation.Cancel cancel, String venueId) {
        CancelTarget target = cancel.target();
        Optional<Order> found = switch (target) {
            case CancelTarget.ByOrderId byId -> orders.findByOrderId(strategyId, byId.value());
            case CancelTarget.ByClientOrderId byClient -> orders.findByClientOrderId(strategyId, byClient.value());
        };
        if (found.isEmpty()) {
            String orderId = target instanceof CancelTarget.ByOrderId ? target.value() : null;
            String clientId = target instanceof CancelTarget.ByClientOrderId ? target.value() : null;
            return new IntentStep.Decided(OperationResult.rejected(cancel.index(), orderId, clientId, null,
                    new OperationError(OperationError.UNKNOWN_ORDER, "no order '" + target.value() + "' in this strategy")));
        }
        Order order = found.get();
        if (order.status() == OrderStatus.OPEN) {
            return new IntentStep.Cancel(cancel.index(), venueId, order);
        }
        boolean cancelled = order.status() == OrderStatus.CANCELLED;
        return new IntentStep.Decided(OperationResult.rejected(cancel.index(), order.orderId(), order.clientOrderId(),
                order.type(), new OperationError(cancelled ? OperationError.ALREADY_CANCELLED : OperationError.NOT_CANCELLABLE,
                        cancelled ? "the order is already cancelled"
                                : "the order is " + order.status() + " and cannot be cancelled")));
    }

    private static List<String> clientOrderIds(List<PlannedOperation> operations) {
        List<String> ids = new ArrayList<>();
        for (PlannedOperation op : operations) {
            if (op instanceof PlannedOperation.Place place) {
                ids.add(place.order().clientOrderId());
            }
        }
        return ids;
    }
}

package io.batchcast.application.service;

import io.batchcast.application.port.out.ExecutionReport;
import io.batchcast.application.port.out.IntentStep;
import io.batchcast.application.port.out.OrderExecutionPort;
import io.batchcast.application.port.out.VenueOrder;
import io.batchcast.domain.OperationError;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.Order;
import io.batchcast.domain.OrderStatus;
import java.time.Clock;
import java.util.Optional;

/**
 * Runs one step of a batch's intent against the venue, or asks the venue what became of it. A venue that does not
 * answer never turns into a rejection: the step's outcome is then {@link StepOutcome.Unknown}, because the request
 * may have taken effect.
 */
final class OperationExecutor {

    private final OrderExecutionPort exchange;
    private final Clock clock;

    OperationExecutor(OrderExecutionPort exchange, Clock clock) {
        this.exchange = exchange;
        this.clock = clock;
    }

    StepOutcome execute(long strategyId, IntentStep step) {
        return switch (step) {
            case IntentStep.Decided decided -> new StepOutcome.Known(step, decided.result(), null);
            case IntentStep.Place place -> {
                try {
                    yield placed(strategyId, place, exchange.place(strategyId, place.venueClientOrderId(), place.order()));
                } catch (RuntimeException e) {
                    yield new StepOutcome.Unknown(step, "the venue did not answer the order: " + e.getMessage());
                }
            }
            case IntentStep.Cancel cancel -> {
                try {
                    yield cancelled(cancel, exchange.cancel(strategyId, cancel.venueClientOrderId(), cancel.order().orderId()));
                } catch (RuntimeException e) {
                    yield new StepOutcome.Unknown(step, "the venue did not answer the cancel: " + e.getMessage());
                }
            }
        };
    }

    /**
     * What the venue did with the step's request, asked by its venue client order id. A venue that cannot be asked
     * leaves the step unknown. When the venue has no record of the request, {@code absenceIsFinal} decides: true once
     * no request of the batch can still be on its way (the intent is older than the reconcile delay), and the step
     * is then rejected as {@code NOT_EXECUTED}; before that, a request still in flight may yet arrive, and the step
     * stays unknown.
     */
    StepOutcome reconcile(long strategyId, IntentStep step, boolean absenceIsFinal) {
        return switch (step) {
            case IntentStep.Decided decided -> new StepOutcome.Known(step, decided.result(), null);
            case IntentStep.Place place -> lookup(strategyId, place.venueClientOrderId())
                    .map(found -> found.map(venue -> placed(strategyId, place,
                                    new ExecutionReport.Accepted(venue.orderId(), venue.status())))
                            .orElseGet(() -> neverActedOn(place, "order", absenceIsFinal)))
                    .orElseGet(() -> new StepOutcome.Unknown(step, "the venue could not be asked about the order"));
            case IntentStep.Cancel cancel -> lookup(strategyId, cancel.venueClientOrderId())
                    .map(found -> found.<StepOutcome>map(venue -> cancelled(cancel,
                                    new ExecutionReport.Accepted(venue.orderId(), OrderStatus.CANCELLED)))
                            .orElseGet(() -> neverActedOn(cancel, "cancel", absenceIsFinal)))
                    .orElseGet(() -> new StepOutcome.Unknown(step, "the venue could not be asked about the cancel"));
        };
    }

    /** Outer empty: the venue could not be asked. */
    private Optional<Optional<VenueOrder>> lookup(long strategyId, String venueClientOrderId) {
        try {
            return Optional.of(exchange.lookup(strategyId, venueClientOrderId));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private StepOutcome placed(long strategyId, IntentStep.Place place, ExecutionReport report) {
        var order = place.order();
        return switch (report) {
            case ExecutionReport.Accepted accepted -> new StepOutcome.Known(place,
                    OperationResult.created(place.index(), accepted.orderId(), order.clientOrderId(), order.type()),
                    new Order(accepted.orderId(), strategyId, order, accepted.status(), clock.instant()));
            case ExecutionReport.Rejected r -> new StepOutcome.Known(place, OperationResult.rejected(place.index(),
                    null, order.clientOrderId(), order.type(), new OperationError(r.reason(), r.message())), null);
        };
    }

    private StepOutcome cancelled(IntentStep.Cancel cancel, ExecutionReport report) {
        Order order = cancel.order();
        return switch (report) {
            case ExecutionReport.Accepted accepted -> new StepOutcome.Known(cancel,
                    OperationResult.cancelled(cancel.index(), order.orderId(), order.clientOrderId(), order.type()),
                    order.withStatus(OrderStatus.CANCELLED, clock.instant()));
            case ExecutionReport.Rejected r -> new StepOutcome.Known(cancel, OperationResult.rejected(cancel.index(),
                    order.orderId(), order.clientOrderId(), order.type(), new OperationError(r.reason(), r.message())),
                    null);
        };
    }

    private static StepOutcome neverActedOn(IntentStep step, String what, boolean absenceIsFinal) {
        if (!absenceIsFinal) {
            return new StepOutcome.Unknown(step, "the venue has no record of the " + what + " yet");
        }
        return new StepOutcome.Known(step, notExecuted(step, new OperationError(OperationError.NOT_EXECUTED,
                "reconciled with the venue after the gateway failed mid-batch: the venue never acted on this " + what)),
                null);
    }

    /** The caller left (cancelled, deadline passed) before this step started: it was never sent. */
    static StepOutcome notStarted(IntentStep step) {
        return new StepOutcome.Known(step, notExecuted(step, new OperationError(OperationError.NOT_EXECUTED,
                "the call was cancelled or its deadline passed before this operation started; it was not executed")),
                null);
    }

    private static OperationResult notExecuted(IntentStep step, OperationError error) {
        return switch (step) {
            case IntentStep.Decided decided -> decided.result();
            case IntentStep.Place place -> OperationResult.rejected(place.index(), null,
                    place.order().clientOrderId(), place.order().type(), error);
            case IntentStep.Cancel cancel -> OperationResult.rejected(cancel.index(), cancel.order().orderId(),
                    cancel.order().clientOrderId(), cancel.order().type(), error);
        };
    }
}

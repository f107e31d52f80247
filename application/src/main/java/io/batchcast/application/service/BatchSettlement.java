package io.batchcast.application.service;

import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.out.BatchAlreadyRecordedException;
import io.batchcast.application.port.out.BatchIntent;
import io.batchcast.application.port.out.BatchIntents;
import io.batchcast.application.port.out.BatchRecorder;
import io.batchcast.application.port.out.ClientOrderIdsTakenException;
import io.batchcast.application.port.out.ExecutionReport;
import io.batchcast.application.port.out.OrderBatchEventPublisher;
import io.batchcast.application.port.out.OrderExecutionPort;
import io.batchcast.application.port.out.RecordedBatch;
import io.batchcast.domain.BatchAggregation;
import io.batchcast.domain.OperationError;
import io.batchcast.domain.OperationOutcome;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.Order;
import io.batchcast.domain.OrderBatchEvent;
import io.batchcast.domain.StoredEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records a batch whose every step is known (settling its intent) and publishes its one event. Used by the call
 * that executed the batch and by reconciliation alike; whichever records first wins, the other gets that receipt.
 */
final class BatchSettlement {

    private static final System.Logger LOG = System.getLogger(BatchSettlement.class.getName());

    private final BatchRecorder recorder;
    private final BatchIntents intents;
    private final OrderExecutionPort exchange;
    private final OrderBatchEventPublisher publisher;
    private final Clock clock;

    BatchSettlement(BatchRecorder recorder, BatchIntents intents, OrderExecutionPort exchange,
            OrderBatchEventPublisher publisher, Clock clock) {
        this.recorder = recorder;
        this.intents = intents;
        this.exchange = exchange;
        this.publisher = publisher;
        this.clock = clock;
    }

    BatchReceipt record(BatchIntent intent, List<StepOutcome.Known> outcomes) {
        List<StepOutcome.Known> current = outcomes;
        while (true) {
            List<OperationResult> results = current.stream().map(StepOutcome.Known::result).toList();
            try {
                Optional<StoredEvent> stored = write(intent, current, results);
                stored.ifPresent(this::publishQuietly);
                return new BatchReceipt(intent.batchId(), results, BatchAggregation.summarize(results),
                        stored.map(StoredEvent::id));
            } catch (ClientOrderIdsTakenException taken) {
                // A concurrent batch stored some of our client order ids first: withdraw our orders for them.
                current = withdraw(intent, current, taken);
            } catch (BatchAlreadyRecordedException recorded) {
                return intents.receipt(intent.batchId()).orElseThrow(() -> recorded);
            }
        }
    }

    private Optional<StoredEvent> write(BatchIntent intent, List<StepOutcome.Known> outcomes,
            List<OperationResult> results) {
        List<Order> changed = new ArrayList<>();
        for (StepOutcome.Known outcome : outcomes) {
            if (outcome.changedOrder() != null) {
                changed.add(outcome.changedOrder());
            }
        }
        Optional<OrderBatchEvent> event = OrderBatchEvent.of(results, intent.stream(), intent.batchId(), clock.instant());
        return recorder.record(new RecordedBatch(intent.batchId(), intent.stream(), intent.requestId(),
                intent.requestHash(), changed, results, event, clock.instant()));
    }

    /**
     * Turns the orders this batch placed under client order ids that a concurrent batch stored first into
     * {@code DUPLICATE_CLIENT_ORDER_ID} rejections, cancelling each at the venue so that no order stays live
     * without a record. Rethrows {@code taken} when none of its ids is one this batch placed (nothing to withdraw).
     */
    private List<StepOutcome.Known> withdraw(BatchIntent intent, List<StepOutcome.Known> outcomes,
            ClientOrderIdsTakenException taken) {
        List<StepOutcome.Known> kept = new ArrayList<>(outcomes.size());
        boolean withdrewAny = false;
        for (StepOutcome.Known outcome : outcomes) {
            OperationResult result = outcome.result();
            if (result.outcome() == OperationOutcome.CREATED && taken.clientOrderIds().contains(result.clientOrderId())) {
                kept.add(new StepOutcome.Known(outcome.step(), withdrawn(intent, result), null));
                withdrewAny = true;
            } else {
                kept.add(outcome);
            }
        }
        if (!withdrewAny) {
            throw taken;
        }
        return kept;
    }

    private OperationResult withdrawn(BatchIntent intent, OperationResult placed) {
        long strategyId = intent.stream().strategyId();
        String failure;
        try {
            failure = switch (exchange.cancel(strategyId,
                    VenueClientOrderIds.withdrawalOf(intent.batchId(), placed.index()), placed.orderId())) {
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
        return OperationResult.rejected(placed.index(), placed.orderId(), placed.clientOrderId(), placed.orderType(),
                new OperationError(OperationError.DUPLICATE_CLIENT_ORDER_ID, message));
    }

    private void publishQuietly(StoredEvent event) {
        try {
            publisher.publish(event);
        } catch (RuntimeException e) {
            // The batch is committed; subscribers catch up from the event log on the next event or doorbell.
            LOG.log(System.Logger.Level.WARNING, "publishing event " + event.id() + " failed; it stays in the log", e);
        }
    }
}

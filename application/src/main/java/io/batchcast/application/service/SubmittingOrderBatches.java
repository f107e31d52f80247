package io.batchcast.application.service;

import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.in.StrategyNotFoundException;
import io.batchcast.application.port.in.SubmitOrderBatchCommand;
import io.batchcast.application.port.in.SubmitOrderBatchUseCase;
import io.batchcast.application.port.out.BatchRecorder;
import io.batchcast.application.port.out.ClientOrderIdsTakenException;
import io.batchcast.application.port.out.OrderBatchEventPublisher;
import io.batchcast.application.port.out.OrderExecutionPort;
import io.batchcast.application.port.out.OrderStore;
import io.batchcast.application.port.out.RecordedBatch;
import io.batchcast.application.port.out.RequestClaims;
import io.batchcast.application.port.out.StrategyStore;
import io.batchcast.domain.BatchAggregation;
import io.batchcast.domain.OperationError;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.Order;
import io.batchcast.domain.OrderBatchEvent;
import io.batchcast.domain.Strategy;
import io.batchcast.domain.StoredEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Submits a batch: validate it whole, check ownership, claim the request id, execute every operation through the
 * exchange in parallel, record orders, batch and event in one unit of work, then publish the one event.
 */
public final class SubmittingOrderBatches implements SubmitOrderBatchUseCase {

    private static final System.Logger LOG = System.getLogger(SubmittingOrderBatches.class.getName());

    private final StrategyStore strategies;
    private final OrderStore orders;
    private final BatchRecorder recorder;
    private final OrderBatchEventPublisher publisher;
    private final Clock clock;
    private final BatchValidator validator;
    private final BatchRun run;
    private final OperationExecutor executor;
    private final IdempotencyGuard idempotency;

    public SubmittingOrderBatches(StrategyStore strategies, OrderStore orders, RequestClaims claims,
            BatchRecorder recorder, OrderExecutionPort exchange, OrderBatchEventPublisher publisher, Clock clock,
            BatchLimits limits) {
        this.strategies = strategies;
        this.orders = orders;
        this.recorder = recorder;
        this.publisher = publisher;
        this.clock = clock;
        this.validator = new BatchValidator(limits);
        this.run = new BatchRun(limits.maxParallelism());
        this.executor = new OperationExecutor(exchange, orders, clock);
        this.idempotency = new IdempotencyGuard(claims, clock);
    }

    @Override
    public BatchReceipt submit(SubmitOrderBatchCommand command) {
        String batchId = UUID.randomUUID().toString();
        List<PlannedOperation> plan = validator.validate(command, batchId + "-");
        Strategy strategy = strategies.find(command.strategyId())
                .filter(s -> s.userId().equals(command.userId()))
                .orElseThrow(() -> new StrategyNotFoundException(command.strategyId()));
        String requestHash = RequestHash.of(command);
        Optional<BatchReceipt> earlier = idempotency.claimOrReplay(command.userId(), command.requestId(), requestHash);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            return execute(command, strategy, batchId, plan, requestHash);
        } catch (RuntimeException e) {
            try {
                idempotency.release(command.userId(), command.requestId());
            } catch (RuntimeException releaseFailure) {
                e.addSuppressed(releaseFailure);
            }
            throw e;
        }
    }

    private BatchReceipt execute(
            SubmitOrderBatchCommand command, Strategy strategy, String batchId, List<PlannedOperation> plan,
            String requestHash) {
        long strategyId = strategy.id();
        Set<String> used = orders.usedClientOrderIds(strategyId, plannedClientOrderIds(plan));
        List<OperationExecutor.Executed> executed = run.execute(plan, op -> switch (op) {
            case PlannedOperation.Place place when used.contains(place.order().clientOrderId()) ->
                    duplicateClientOrderId(place);
            case PlannedOperation.Place place -> executor.place(strategyId, place.index(), place.order());
            case PlannedOperation.Cancel cancel -> executor.cancel(strategyId, cancel.index(), cancel.target());
        }, command.cancelled());
        while (true) {
            List<OperationResult> results = executed.stream().map(OperationExecutor.Executed::result).toList();
            try {
                Optional<StoredEvent> stored = record(command, strategy, batchId, requestHash, executed, results);
                stored.ifPresent(this::publishQuietly);
                return new BatchReceipt(batchId, results, BatchAggregation.summarize(results),
                        stored.map(StoredEvent::id));
            } catch (ClientOrderIdsTakenException taken) {
                // A concurrent batch stored some of our client order ids first: withdraw our orders for them.
                executed = executor.withdraw(strategyId, executed, taken);
            }
        }
    }

    private Optional<StoredEvent> record(SubmitOrderBatchCommand command, Strategy strategy, String batchId,
            String requestHash, List<OperationExecutor.Executed> executed, List<OperationResult> results) {
        List<Order> changed = new ArrayList<>();
        for (OperationExecutor.Executed e : executed) {
            if (e.changedOrder() != null) {
                changed.add(e.changedOrder());
            }
        }
        Optional<OrderBatchEvent> event = OrderBatchEvent.of(results, strategy.stream(), batchId, clock.instant());
        return recorder.record(new RecordedBatch(batchId, strategy.stream(), command.requestId(), requestHash,
                changed, results, event, clock.instant()));
    }

    private void publishQuietly(StoredEvent event) {
        try {
            publisher.publish(event);
        } catch (RuntimeException e) {
            // The batch is committed; subscribers catch up from the event log on the next event or doorbell.
            LOG.log(System.Logger.Level.WARNING, "publishing event " + event.id() + " failed; it stays in the log", e);
        }
    }

    private static List<String> plannedClientOrderIds(List<PlannedOperation> plan) {
        List<String> ids = new ArrayList<>();
        for (PlannedOperation op : plan) {
            if (op instanceof PlannedOperation.Place place) {
                ids.add(place.order().clientOrderId());
            }
        }
        return ids;
    }

    private static OperationExecutor.Executed duplicateClientOrderId(PlannedOperation.Place place) {
        return new OperationExecutor.Executed(OperationResult.rejected(place.index(), null,
                place.order().clientOrderId(), place.order().type(), new OperationError(
                        OperationError.DUPLICATE_CLIENT_ORDER_ID,
                        "client_order_id '" + place.order().clientOrderId() + "' was used by an earlier order")),
                null);
    }
}

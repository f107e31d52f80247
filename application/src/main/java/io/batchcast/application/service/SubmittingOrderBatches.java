package io.batchcast.application.service;

import io.batchcast.application.port.in.BatchOutcomeUnknownException;
import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.in.RequestInProgressException;
import io.batchcast.application.port.in.StrategyNotFoundException;
import io.batchcast.application.port.in.SubmitOrderBatchCommand;
import io.batchcast.application.port.in.SubmitOrderBatchUseCase;
import io.batchcast.application.port.out.BatchIntent;
import io.batchcast.application.port.out.BatchIntents;
import io.batchcast.application.port.out.BatchRecorder;
import io.batchcast.application.port.out.OrderBatchEventPublisher;
import io.batchcast.application.port.out.OrderExecutionPort;
import io.batchcast.application.port.out.OrderStore;
import io.batchcast.application.port.out.RequestClaim;
import io.batchcast.application.port.out.StrategyStore;
import io.batchcast.domain.Strategy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Submits a batch: validate it whole, check ownership, replay an earlier outcome of its request id, plan it, make
 * its intent durable, execute its steps at the venue in parallel, then record orders, batch and event in one unit of
 * work and publish the one event.
 *
 * <p>Once the intent is stored, a failure never reports "nothing was done": before any venue call the intent is
 * deleted as soon as the store allows (the request id is then free again); after, the batch's outcome is unknown
 * until this instance records it or reconciliation asks the venue, and the caller learns it by retrying.
 */
public final class SubmittingOrderBatches implements SubmitOrderBatchUseCase {

    private static final System.Logger LOG = System.getLogger(SubmittingOrderBatches.class.getName());
    private static final int OPEN_ATTEMPTS = 3;

    private final StrategyStore strategies;
    private final BatchIntents intents;
    private final Clock clock;
    private final BatchValidator validator;
    private final BatchPlanner planner;
    private final BatchRun run;
    private final OperationExecutor executor;
    private final BatchSettlement settlement;
    private final ReconcilingBatches reconciler;
    private final IdempotencyGuard idempotency;

    public SubmittingOrderBatches(StrategyStore strategies, OrderStore orders, BatchIntents intents,
            BatchRecorder recorder, OrderExecutionPort exchange, OrderBatchEventPublisher publisher, Clock clock,
            BatchLimits limits) {
        this(strategies, orders, intents, recorder, exchange, publisher, clock, limits,
                ReconcilingBatches.DEFAULT_RECONCILE_AFTER);
    }

    /** @param reconcileAfter how long an intent may stay unsettled before reconciliation asks the venue about it */
    public SubmittingOrderBatches(StrategyStore strategies, OrderStore orders, BatchIntents intents,
            BatchRecorder recorder, OrderExecutionPort exchange, OrderBatchEventPublisher publisher, Clock clock,
            BatchLimits limits, Duration reconcileAfter) {
        this.strategies = strategies;
        this.intents = intents;
        this.clock = clock;
        this.validator = new BatchValidator(limits);
        this.planner = new BatchPlanner(orders);
        this.run = new BatchRun(limits.maxParallelism());
        this.executor = new OperationExecutor(exchange, clock);
        this.settlement = new BatchSettlement(recorder, intents, exchange, publisher, clock);
        this.reconciler = new ReconcilingBatches(intents, executor, settlement, clock, reconcileAfter);
        this.idempotency = new IdempotencyGuard(intents, reconciler, clock);
    }

    /** The reconciliation of this instance's unsettled batches and of intents left by others; run it periodically. */
    public ReconcilingBatches reconciliation() {
        return reconciler;
    }

    @Override
    public BatchReceipt submit(SubmitOrderBatchCommand command) {
        String batchId = UUID.randomUUID().toString();
        List<PlannedOperation> plan = validator.validate(command, batchId + "-");
        Strategy strategy = strategies.find(command.strategyId())
                .filter(s -> s.userId().equals(command.userId()))
                .orElseThrow(() -> new StrategyNotFoundException(command.strategyId()));
        String requestHash = RequestHash.of(command);
        for (int attempt = 1; attempt <= OPEN_ATTEMPTS; attempt++) {
            Optional<BatchReceipt> earlier = idempotency.replay(command.userId(), command.requestId(), requestHash);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            BatchIntent intent = new BatchIntent(batchId, strategy.stream(), command.requestId(), requestHash,
                    planner.plan(strategy.id(), batchId, plan), clock.instant());
            if (!intent.reachesVenue() && command.requestId().isEmpty()) {
                return reconciler.settle(intent, run.execute(intent.steps(), step -> executor.execute(strategy.id(), step),
                        () -> false));
            }
            if (open(intent)) {
                return execute(command, intent);
            }
            // Another call took the request id between our look and our intent: answer as its retry.
        }
        throw new RequestInProgressException(command.requestId());
    }

    private boolean open(BatchIntent intent) {
        try {
            return intents.open(intent) instanceof RequestClaim.Claimed;
        } catch (RuntimeException e) {
            // The intent may have been stored before the failure; nothing was sent, so it must not linger.
            reconciler.holdForAbandoning(intent);
            throw e;
        }
    }

    private BatchReceipt execute(SubmitOrderBatchCommand command, BatchIntent intent) {
        // Steps not started by half the reconcile delay are never started: reconciliation may begin at the full delay,
        // and it must find every request of the batch already answered by the venue.
        Instant lastStart = intent.createdAt().plus(reconciler.reconcileAfter().dividedBy(2));
        List<StepOutcome> outcomes = run.execute(intent.steps(),
                step -> executor.execute(intent.stream().strategyId(), step),
                () -> command.cancelled().getAsBoolean() || clock.instant().isAfter(lastStart));
        try {
            return reconciler.settle(intent, outcomes);
        } catch (RuntimeException e) {
            reconciler.holdForRecording(intent, outcomes);
            LOG.log(System.Logger.Level.WARNING, "batch " + intent.batchId() + " reached the venue but is not "
                    + "recorded yet; it is kept and recorded as soon as possible: " + e.getMessage());
            throw e instanceof BatchOutcomeUnknownException unknown
                    ? unknown
                    : new BatchOutcomeUnknownException(intent.batchId(), command.requestId(), e);
        }
    }
}

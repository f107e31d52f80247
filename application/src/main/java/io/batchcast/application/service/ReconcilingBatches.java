package io.batchcast.application.service;

import io.batchcast.application.port.in.BatchOutcomeUnknownException;
import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.out.BatchIntent;
import io.batchcast.application.port.out.BatchIntents;
import io.batchcast.application.port.out.IntentStep;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Settles batches whose outcome is not recorded: those this instance executed but could not record (it keeps their
 * results and records them as soon as the store is back), those it never sent (their intents are deleted as soon as
 * the store is back, freeing the request id), and intents older than {@code reconcileAfter} left by any instance,
 * which are settled by asking the venue, by venue client order id, what became of each step.
 * {@link #reconcileDue()} runs at startup and periodically; a retry of an old unsettled request reconciles it at once.
 */
public final class ReconcilingBatches {

    public static final Duration DEFAULT_RECONCILE_AFTER = Duration.ofSeconds(30);
    static final int SCAN_LIMIT = 100;
    private static final System.Logger LOG = System.getLogger(ReconcilingBatches.class.getName());

    /** A batch of this instance's that waits for the store: its outcomes, or none when it never reached the venue. */
    private record Held(BatchIntent intent, List<StepOutcome> outcomes) {
    }

    private final BatchIntents intents;
    private final OperationExecutor executor;
    private final BatchSettlement settlement;
    private final Clock clock;
    private final Duration reconcileAfter;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    /** Intents whose failed reconciliation was logged at WARNING already (bounded by the intents left unsettled). */
    private final java.util.Set<String> warned = ConcurrentHashMap.newKeySet();

    ReconcilingBatches(BatchIntents intents, OperationExecutor executor, BatchSettlement settlement, Clock clock,
            Duration reconcileAfter) {
        if (reconcileAfter.isNegative() || reconcileAfter.isZero()) {
            throw new IllegalArgumentException("execution.reconcile-after must be positive, was " + reconcileAfter);
        }
        this.intents = intents;
        this.executor = executor;
        this.settlement = settlement;
        this.clock = clock;
        this.reconcileAfter = reconcileAfter;
    }

    /** How long an intent may stay unsettled before any instance reconciles it with the venue. */
    public Duration reconcileAfter() {
        return reconcileAfter;
    }

    /** Keeps a batch that reached the venue but could not be recorded, to record it when the store is back. */
    void holdForRecording(BatchIntent intent, List<StepOutcome> outcomes) {
        held.put(intent.batchId(), new Held(intent, List.copyOf(outcomes)));
    }

    /** Keeps a batch whose intent may be stored but which never reached the venue, to delete that intent. */
    void holdForAbandoning(BatchIntent intent) {
        held.put(intent.batchId(), new Held(intent, List.of()));
    }

    /** Batches this instance holds for the store. */
    public int held() {
        return held.size();
    }

    /**
     * One pass: the batches this instance holds, then intents older than {@code reconcileAfter}. Failures (the
     * store or the venue still down) leave the rest for the next pass. Returns how many batches it settled.
     */
    public int reconcileDue() {
        int settled = 0;
        for (Held h : List.copyOf(held.values())) {
            try {
                if (h.outcomes().isEmpty()) {
                    intents.abandon(h.intent().batchId());
                } else {
                    settle(h.intent(), h.outcomes());
                }
                held.remove(h.intent().batchId());
                settled++;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "batch " + h.intent().batchId() + " still waits: " + e.getMessage());
            }
        }
        List<BatchIntent> old;
        try {
            old = intents.unsettled(clock.instant().minus(reconcileAfter), SCAN_LIMIT);
        } catch (RuntimeException e) {
            return settled;
        }
        for (BatchIntent intent : old) {
            if (held.containsKey(intent.batchId())) {
                continue;
            }
            try {
                reconcile(intent);
                warned.remove(intent.batchId());
                settled++;
            } catch (RuntimeException e) {
                // Once at WARNING per batch: while the venue is down this fails on every pass.
                System.Logger.Level level = warned.add(intent.batchId())
                        ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG;
                LOG.log(level, "reconciling batch " + intent.batchId() + " failed; will retry: " + e.getMessage());
            }
        }
        return settled;
    }

    /**
     * Settles an intent whose executing call is gone, from what the venue says of each step. Once the intent is
     * older than {@code reconcileAfter}, a step the venue has no record of was never executed.
     *
     * @throws BatchOutcomeUnknownException when the venue cannot say yet
     */
    BatchReceipt reconcile(BatchIntent intent) {
        List<StepOutcome> outcomes = new ArrayList<>(intent.steps().size());
        for (IntentStep step : intent.steps()) {
            outcomes.add(new StepOutcome.Unknown(step, "not asked yet"));
        }
        BatchReceipt receipt = settle(intent, outcomes);
        LOG.log(System.Logger.Level.INFO, "reconciled batch " + intent.batchId() + " of strategy "
                + intent.stream().strategyId() + " with the venue");
        return receipt;
    }

    /** Asks the venue about steps still unknown, then records; throws while any stays unknown. */
    BatchReceipt settle(BatchIntent intent, List<StepOutcome> outcomes) {
        boolean absenceIsFinal = !intent.createdAt().plus(reconcileAfter).isAfter(clock.instant());
        List<StepOutcome.Known> known = new ArrayList<>(outcomes.size());
        for (StepOutcome outcome : outcomes) {
            StepOutcome now = outcome instanceof StepOutcome.Unknown unknown
                    ? executor.reconcile(intent.stream().strategyId(), unknown.step(), absenceIsFinal)
                    : outcome;
            switch (now) {
                case StepOutcome.Known k -> known.add(k);
                case StepOutcome.Unknown u -> throw new BatchOutcomeUnknownException(intent.batchId(),
                        intent.requestId(), new IllegalStateException(u.why()));
            }
        }
        return settlement.record(intent, known);
    }
}

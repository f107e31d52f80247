package io.batchcast.bootstrap;

import io.batchcast.application.port.in.BatchCapacityExceededException;
import io.batchcast.application.port.in.BatchNotFoundException;
import io.batchcast.application.port.in.BatchNotSettledException;
import io.batchcast.application.port.in.BatchOutcomeUnknownException;
import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.in.BatchValidationException;
import io.batchcast.application.port.in.RequestAbandonedException;
import io.batchcast.application.port.in.RequestIdConflictException;
import io.batchcast.application.port.in.RequestInProgressException;
import io.batchcast.application.port.in.StoreUnavailableException;
import io.batchcast.application.port.in.StrategyNotFoundException;
import io.batchcast.application.port.in.SubmissionFailure;
import io.batchcast.application.port.in.SubmitOrderBatchCommand;
import io.batchcast.application.port.in.SubmitOrderBatchUseCase;
import io.batchcast.domain.OperationOutcome;
import io.batchcast.domain.OperationResult;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Counts batches by how they ended, operations by outcome and events emitted, around the real use case. */
final class ObservedSubmissions implements SubmitOrderBatchUseCase {

    private static final List<String> OUTCOMES = List.of("executed", "failed", "invalid", "not_found",
            "request_id_conflict", "request_in_progress", "request_abandoned", "store_unavailable", "over_capacity",
            "outcome_unknown");

    private final SubmitOrderBatchUseCase delegate;
    private final MeterRegistry registry;
    private final Map<String, Counter> batches = new ConcurrentHashMap<>();
    private final Map<OperationOutcome, Counter> operations = new EnumMap<>(OperationOutcome.class);
    private final Counter events;

    ObservedSubmissions(SubmitOrderBatchUseCase delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
        for (OperationOutcome outcome : OperationOutcome.values()) {
            operations.put(outcome, registry.getOrCreate(Counter.builder("batchcast_operations")
                    .description("Operations executed, by outcome")
                    .tags(List.of(Tag.create("outcome", outcome.name().toLowerCase())))));
        }
        // every outcome's counter now, not on first use: see LibraryMeters.bindJvm
        for (String outcome : OUTCOMES) {
            batches(outcome);
        }
        events = registry.getOrCreate(Counter.builder("batchcast_events_emitted")
                .description("order_batch_update events emitted (one per batch with a non-empty summary)"));
    }

    @Override
    public BatchReceipt submit(SubmitOrderBatchCommand command) {
        BatchReceipt receipt;
        try {
            receipt = delegate.submit(command);
        } catch (RuntimeException e) {
            batches(outcomeOf(e)).increment();
            throw e;
        }
        batches("executed").increment();
        for (OperationResult result : receipt.results()) {
            operations.get(result.outcome()).increment();
        }
        receipt.eventId().ifPresent(id -> events.increment());
        return receipt;
    }

    private Counter batches(String outcome) {
        return batches.computeIfAbsent(outcome, o -> registry.getOrCreate(Counter.builder("batchcast_batches")
                .description("Submitted batches, by how the submission ended")
                .tags(List.of(Tag.create("outcome", o)))));
    }

    /** Anything outside the application's failure family is a bug: "failed". */
    private static String outcomeOf(RuntimeException e) {
        return e instanceof SubmissionFailure failure ? outcomeOf(failure) : "failed";
    }

    private static String outcomeOf(SubmissionFailure failure) {
        return switch (failure) {
            case BatchValidationException v -> "invalid";
            case StrategyNotFoundException n -> "not_found";
            case RequestIdConflictException c -> "request_id_conflict";
            case RequestInProgressException p -> "request_in_progress";
            case RequestAbandonedException a -> "request_abandoned";
            case StoreUnavailableException u -> "store_unavailable";
            case BatchCapacityExceededException b -> "over_capacity";
            case BatchOutcomeUnknownException o -> "outcome_unknown";
            // the read-back failures of the family; a submit does not raise them
            case BatchNotFoundException n -> "not_found";
            case BatchNotSettledException s -> "outcome_unknown";
        };
    }
}

package io.batchcast.application.service;

import io.batchcast.application.port.in.BatchValidationException;
import io.batchcast.application.port.in.FieldViolation;
import io.batchcast.application.port.in.OperationRequest;
import io.batchcast.application.port.in.SubmitOrderBatchCommand;
import io.batchcast.domain.CancelTarget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a whole batch before anything executes and reports every problem with its field path, so a client fixes
 * its batch in one round trip. Field paths use the wire names ({@code operations[2].create.stop_price}).
 */
final class BatchValidator {

    private final BatchLimits limits;

    BatchValidator(BatchLimits limits) {
        this.limits = limits;
    }

    /**
     * @param assignedClientOrderIdPrefix prefix for the client order ids of creates that bring none
     * @throws BatchValidationException listing every violation
     */
    List<PlannedOperation> validate(SubmitOrderBatchCommand command, String assignedClientOrderIdPrefix) {
        List<FieldViolation> violations = new ArrayList<>();
        List<OperationRequest> operations = command.operations();
        if (command.strategyId() <= 0) {
            violations.add(new FieldViolation("strategy_id", "must be a positive strategy id, was " + command.strategyId()));
        }
        if (operations.isEmpty()) {
            violations.add(new FieldViolation("operations", "must contain at least 1 operation"));
        } else if (operations.size() > limits.maxBatchOperations()) {
            violations.add(new FieldViolation("operations", "must contain at most " + limits.maxBatchOperations()
                    + " operations, had " + operations.size()));
        }
        if (!violations.isEmpty()) {
            throw new BatchValidationException(violations);
        }
        List<PlannedOperation> planned = plan(operations, assignedClientOrderIdPrefix, violations);
        if (!violations.isEmpty()) {
            throw new BatchValidationException(violations);
        }
        return planned;
    }

    private static List<PlannedOperation> plan(
            List<OperationRequest> operations, String idPrefix, List<FieldViolation> violations) {
        List<PlannedOperation> planned = new ArrayList<>(operations.size());
        Map<String, Integer> createdClientIds = new HashMap<>();
        Map<CancelTarget, Integer> cancelTargets = new HashMap<>();
        for (int i = 0; i < operations.size(); i++) {
            String path = "operations[" + i + "]";
            PlannedOperation op = switch (operations.get(i)) {
                case OperationRequest.Create create ->
                        CreateOrderCheck.check(i, path + ".create", create, idPrefix + i, violations);
                case OperationRequest.Cancel cancel -> CancelOrderCheck.check(i, path + ".cancel", cancel, violations);
                case OperationRequest.Missing missing -> {
                    violations.add(new FieldViolation(path, "must set exactly one of create or cancel"));
                    yield null;
                }
            };
            if (op instanceof PlannedOperation.Place place) {
                rememberUnique(createdClientIds, place.order().clientOrderId(), i,
                        path + ".create.client_order_id", "create", violations);
            } else if (op instanceof PlannedOperation.Cancel cancel) {
                rememberUnique(cancelTargets, cancel.target(), i, CancelOrderCheck.path(path, cancel.target()),
                        "cancel", violations);
            }
            planned.add(op);
        }
        rejectCancelsOfOrdersCreatedInBatch(planned, createdClientIds, violations);
        return planned;
    }

    private static <K> void rememberUnique(
            Map<K, Integer> seen, K key, int index, String field, String kind, List<FieldViolation> violations) {
        Integer first = seen.putIfAbsent(key, index);
        if (first != null) {
            String what = kind.equals("create") ? "client_order_id '" + key + "'" : "order";
            violations.add(new FieldViolation(field, "duplicates operations[" + first + "]: each " + what
                    + " may appear only once per batch"));
        }
    }

    private static void rejectCancelsOfOrdersCreatedInBatch(
            List<PlannedOperation> planned, Map<String, Integer> createdClientIds, List<FieldViolation> violations) {
        for (PlannedOperation op : planned) {
            if (op instanceof PlannedOperation.Cancel(int index, CancelTarget.ByClientOrderId target)
                    && createdClientIds.containsKey(target.value())) {
                violations.add(new FieldViolation("operations[" + index + "].cancel.client_order_id",
                        "names the order created by operations[" + createdClientIds.get(target.value())
                                + "] of this batch; operations run in parallel, so cancel it in a later batch"));
            }
        }
    }
}

package io.batchcast.application.service;

import static io.batchcast.application.service.Ops.cancelByClientId;
import static io.batchcast.application.service.Ops.cancelById;
import static io.batchcast.application.service.Ops.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchcast.application.port.in.BatchValidationException;
import io.batchcast.application.port.in.FieldViolation;
import io.batchcast.application.port.in.OperationRequest;
import io.batchcast.application.port.in.SubmitOrderBatchCommand;
import io.batchcast.domain.NewOrder;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.Side;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchValidatorTest {

    private final BatchValidator validator = new BatchValidator(new BatchLimits(3, 4));

    private List<FieldViolation> violations(List<OperationRequest> ops) {
        var command = new SubmitOrderBatchCommand("u1", 7, "", ops);
        return assertThrows(BatchValidationException.class, () -> validator.validate(command, "b-")).violations();
    }

    @Test
    void emptyBatchIsRefused() {
        assertEquals(List.of(new FieldViolation("operations", "must contain at least 1 operation")),
                violations(List.of()));
    }

    @Test
    void batchOverTheLimitNamesTheLimitAndTheSize() {
        assertEquals(List.of(new FieldViolation("operations", "must contain at most 3 operations, had 4")),
                violations(Collections.nCopies(4, limit(""))));
    }

    @Test
    void everyProblemOfEveryOperationIsReportedWithItsPath() {
        List<OperationRequest> ops = List.of(
                limit("ok-1"),
                new OperationRequest.Create("bad id!", "", null, null, "-1", "", ""),
                new OperationRequest.Missing());

        assertEquals(List.of(
                new FieldViolation("operations[1].create.client_order_id",
                        "must be 1 to 64 characters of A-Z a-z 0-9 . _ : - (or empty to let the server assign one)"),
                new FieldViolation("operations[1].create.symbol", "is required"),
                new FieldViolation("operations[1].create.side", "must be specified (BUY or SELL)"),
                new FieldViolation("operations[1].create.order_type",
                        "must be specified (LIMIT, STOP_LIMIT, STOP_MARKET or MARKET)"),
                new FieldViolation("operations[1].create.quantity", DecimalField.rule()),
                new FieldViolation("operations[2]", "must set exactly one of create or cancel")), violations(ops));
    }

    @Test
    void pricesMustMatchTheOrderType() {
        List<OperationRequest> ops = List.of(
                new OperationRequest.Create("a", "BTC-USDT", Side.BUY, OrderType.LIMIT, "1", "", "5"),
                new OperationRequest.Create("b", "BTC-USDT", Side.BUY, OrderType.STOP_MARKET, "1", "0", ""),
                new OperationRequest.Create("c", "BTC-USDT", Side.BUY, OrderType.STOP_LIMIT, "1", "1e3", "0.000"));

        assertEquals(List.of(
                new FieldViolation("operations[0].create.price", "is required"),
                new FieldViolation("operations[0].create.stop_price", "must be empty for LIMIT orders"),
                new FieldViolation("operations[1].create.price", "must be empty for STOP_MARKET orders"),
                new FieldViolation("operations[1].create.stop_price", "is required"),
                new FieldViolation("operations[2].create.price", DecimalField.rule()),
                new FieldViolation("operations[2].create.stop_price", DecimalField.rule())),
                violations(ops));
    }

    @Test
    void duplicateClientOrderIdsAndCancelTargetsInOneBatchAreRefused() {
        List<OperationRequest> ops = List.of(limit("dup"), limit("dup"), cancelById("x-1"));
        assertEquals(List.of(new FieldViolation("operations[1].create.client_order_id",
                "duplicates operations[0]: each client_order_id 'dup' may appear only once per batch")), violations(ops));

        assertEquals(List.of(new FieldViolation("operations[1].cancel.order_id",
                "duplicates operations[0]: each order may appear only once per batch")),
                violations(List.of(cancelById("x-1"), cancelById("x-1"))));
    }

    @Test
    void cancellingAnOrderCreatedInTheSameBatchIsRefused() {
        assertEquals(List.of(new FieldViolation("operations[1].cancel.client_order_id",
                "names the order created by operations[0] of this batch; operations run in parallel, so cancel it in a later batch")),
                violations(List.of(limit("c1"), cancelByClientId("c1"))));
    }

    @Test
    void cancelMustNameExactlyOneTarget() {
        assertEquals(List.of(
                new FieldViolation("operations[0].cancel", "must set exactly one of order_id or client_order_id"),
                new FieldViolation("operations[1].cancel", "must set exactly one of order_id or client_order_id")),
                violations(List.of(new OperationRequest.Cancel("", ""), new OperationRequest.Cancel("a", "b"))));
    }

    @Test
    void validBatchIsPlannedWithExactDecimalsAndAssignedClientIds() {
        var command = new SubmitOrderBatchCommand("u1", 7, "", List.of(
                new OperationRequest.Create("", "BTC-USDT", Side.BUY, OrderType.STOP_LIMIT, "0.00000001", "50000.10", "49999"),
                cancelByClientId("older")));

        List<PlannedOperation> plan = validator.validate(command, "batch-");

        assertEquals(new PlannedOperation.Place(0, new NewOrder("batch-0", "BTC-USDT", Side.BUY, OrderType.STOP_LIMIT,
                new BigDecimal("0.00000001"), new BigDecimal("50000.10"), new BigDecimal("49999"))), plan.get(0));
        assertEquals(new PlannedOperation.Cancel(1, new io.batchcast.domain.CancelTarget.ByClientOrderId("older")),
                plan.get(1));
    }
}

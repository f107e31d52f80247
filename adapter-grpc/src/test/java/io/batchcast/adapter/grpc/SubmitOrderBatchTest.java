package io.batchcast.adapter.grpc;

import static io.batchcast.adapter.grpc.Batches.batch;
import static io.batchcast.adapter.grpc.Batches.cancelByClientOrderId;
import static io.batchcast.adapter.grpc.Batches.limit;
import static io.batchcast.adapter.grpc.Batches.stopLimit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchcast.adapter.exchange.PaperExchangeSettings;
import io.batchcast.application.service.BatchLimits;
import io.batchcast.proto.v1.CancelOrder;
import io.batchcast.proto.v1.CreateOrder;
import io.batchcast.proto.v1.OperationError;
import io.batchcast.proto.v1.OperationOutcome;
import io.batchcast.proto.v1.OperationResult;
import io.batchcast.proto.v1.OrderOperation;
import io.batchcast.proto.v1.OrderType;
import io.batchcast.proto.v1.OrderTypeSummary;
import io.batchcast.proto.v1.SubmitOrderBatchResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SubmitOrderBatchTest {

    private static final char LONE_SURROGATE = (char) 0xD800;

    private InProcessBatchcast batchcast = new InProcessBatchcast();

    @AfterEach
    void close() throws InterruptedException {
        batchcast.close();
    }

    private void restartWith(PaperExchangeSettings exchange, BatchLimits limits) throws InterruptedException {
        batchcast.close();
        batchcast = new InProcessBatchcast(exchange, limits, io.batchcast.application.service.DeliveryLimits.defaults());
    }

    private static OperationResult result(int index, OperationOutcome outcome, String clientOrderId, OrderType type) {
        return OperationResult.newBuilder().setIndex(index).setOutcome(outcome).setClientOrderId(clientOrderId)
                .setOrderType(type).build();
    }

    private static OrderTypeSummary summary(OrderType type, int created, int cancelled) {
        return OrderTypeSummary.newBuilder().setOrderType(type).setCreated(created).setCancelled(cancelled).build();
    }

    private StatusRuntimeException submitFails(String userId, io.batchcast.proto.v1.SubmitOrderBatchRequest request) {
        return assertThrows(StatusRuntimeException.class,
                () -> batchcast.orderBatches(userId).submitOrderBatch(request));
    }

    @Test
    void batchOfCreatesReturnsOneResultPerOperationInRequestOrderAndTheSummaries() {
        long strategy = batchcast.createStrategy("alice", "grid");

        SubmitOrderBatchResponse response = batchcast.orderBatches("alice").submitOrderBatch(batch(strategy,
                limit("l1"), limit("l2"), limit("l3"), limit("l4"), limit("l5"), stopLimit("s1"), stopLimit("s2")));

        var created = OperationOutcome.OPERATION_OUTCOME_CREATED;
        // operations run in parallel, so which exchange id each order got is not fixed; the set of ids is
        assertEquals(List.of(
                result(0, created, "l1", OrderType.ORDER_TYPE_LIMIT),
                result(1, created, "l2", OrderType.ORDER_TYPE_LIMIT),
                result(2, created, "l3", OrderType.ORDER_TYPE_LIMIT),
                result(3, created, "l4", OrderType.ORDER_TYPE_LIMIT),
                result(4, created, "l5", OrderType.ORDER_TYPE_LIMIT),
                result(5, created, "s1", OrderType.ORDER_TYPE_STOP_LIMIT),
                result(6, created, "s2", OrderType.ORDER_TYPE_STOP_LIMIT)),
                response.getResultsList().stream().map(r -> r.toBuilder().clearOrderId().build()).toList());
        assertEquals(Set.of("PX-t-1", "PX-t-2", "PX-t-3", "PX-t-4", "PX-t-5", "PX-t-6", "PX-t-7"),
                response.getResultsList().stream().map(OperationResult::getOrderId).collect(Collectors.toSet()));
        assertEquals(List.of(summary(OrderType.ORDER_TYPE_LIMIT, 5, 0), summary(OrderType.ORDER_TYPE_STOP_LIMIT, 2, 0)),
                response.getSummariesList());
        assertEquals("mem-1", response.getEventId());
        assertEquals(response.getBatchId(), batchcast.store.recordedBatches().getFirst().batchId());
    }

    @Test
    void cancelInALaterBatchCountsForTheCancelledOrdersType() {
        long strategy = batchcast.createStrategy("alice", "grid");
        batchcast.orderBatches("alice").submitOrderBatch(batch(strategy, stopLimit("s1")));

        SubmitOrderBatchResponse response = batchcast.orderBatches("alice")
                .submitOrderBatch(batch(strategy, cancelByClientOrderId("s1")));

        assertEquals(List.of(result(0, OperationOutcome.OPERATION_OUTCOME_CANCELLED, "s1",
                OrderType.ORDER_TYPE_STOP_LIMIT).toBuilder().setOrderId("PX-t-1").build()), response.getResultsList());
        assertEquals(List.of(summary(OrderType.ORDER_TYPE_STOP_LIMIT, 0, 1)), response.getSummariesList());
        assertEquals("mem-2", response.getEventId());
    }

    @Test
    void exchangeRefusalsArePerOperationRejections() throws InterruptedException {
        restartWith(PaperExchangeSettings.defaults().withAllowedSymbols(List.of("BTC-USDT")), BatchLimits.defaults());
        long strategy = batchcast.createStrategy("alice", "grid");

        SubmitOrderBatchResponse response = batchcast.orderBatches("alice").submitOrderBatch(
                batch(strategy, limit("ok"), limit("xrp", "XRP-USDT", "10", "0.5")));

        assertEquals(OperationOutcome.OPERATION_OUTCOME_CREATED, response.getResults(0).getOutcome());
        assertEquals(result(1, OperationOutcome.OPERATION_OUTCOME_REJECTED, "xrp", OrderType.ORDER_TYPE_LIMIT)
                .toBuilder().setError(OperationError.newBuilder().setReason("EXCHANGE_REJECTED")
                        .setMessage("symbol allow-list: XRP-USDT is not tradable here (allowed: BTC-USDT)")).build(),
                response.getResults(1));
        assertEquals(List.of(summary(OrderType.ORDER_TYPE_LIMIT, 1, 0)), response.getSummariesList());
    }

    @Test
    void batchWithOnlyRejectedOperationsEmitsNoEvent() {
        long strategy = batchcast.createStrategy("alice", "grid");

        SubmitOrderBatchResponse response = batchcast.orderBatches("alice")
                .submitOrderBatch(batch(strategy, cancelByClientOrderId("never-created")));

        assertEquals("UNKNOWN_ORDER", response.getResults(0).getError().getReason());
        assertEquals(OrderType.ORDER_TYPE_UNSPECIFIED, response.getResults(0).getOrderType());
        assertEquals(List.of(), response.getSummariesList());
        assertEquals("", response.getEventId());
    }

    @Test
    void malformedOperationsAreInvalidArgumentNamingEachFieldAndNothingExecutes() {
        long strategy = batchcast.createStrategy("alice", "grid");
        OrderOperation noPrice = OrderOperation.newBuilder().setCreate(
                limit("l2").getCreate().toBuilder().clearPrice()).build();
        OrderOperation marketWithPrice = OrderOperation.newBuilder().setCreate(CreateOrder.newBuilder()
                .setSymbol("BTC-USDT").setSide(io.batchcast.proto.v1.Side.SIDE_BUY)
                .setOrderType(OrderType.ORDER_TYPE_MARKET).setQuantity("-1").setPrice("1")).build();

        StatusRuntimeException e = submitFails("alice", batch(strategy, limit("l1"), noPrice,
                OrderOperation.getDefaultInstance(), marketWithPrice));

        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals(Map.of(
                "operations[1].create.price", "is required",
                "operations[2]", "must set exactly one of create or cancel",
                "operations[3].create.quantity", "must be a positive decimal such as \"0.01\" (digits and one"
                        + " optional '.', at most 18 integer and 18 fraction digits)",
                "operations[3].create.price", "must be empty for MARKET orders"),
                ErrorDetails.fieldViolations(e));
        assertEquals(0, batchcast.exchangeCalls.get());
        assertEquals(List.of(), batchcast.store.recordedBatches());
    }

    @Test
    void nonPositiveStrategyIdIsInvalidArgumentNamingTheField() {
        StatusRuntimeException e = submitFails("alice", batch(0, limit("l1")));

        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals("strategy_id: must be a positive strategy id, was 0", e.getStatus().getDescription());
        assertEquals(Map.of("strategy_id", "must be a positive strategy id, was 0"), ErrorDetails.fieldViolations(e));
    }

    @Test
    void requestIdLongerThan128CharactersIsInvalidArgument() {
        long strategy = batchcast.createStrategy("alice", "grid");

        StatusRuntimeException e = submitFails("alice", batch(strategy, "r".repeat(129), List.of(limit("l1"))));

        assertEquals(Map.of("request_id", "must be at most 128 characters, had 129"), ErrorDetails.fieldViolations(e));
    }

    @Test
    void requestIdWithNonPrintableCharactersIsInvalidArgument() {
        long strategy = batchcast.createStrategy("alice", "grid");

        StatusRuntimeException e = submitFails("alice", batch(strategy, "abc\u00e9", List.of(limit("l1"))));

        assertEquals(Map.of("request_id", "must be printable ASCII (0x20 to 0x7E); character 3 is not"),
                ErrorDetails.fieldViolations(e));
    }

    @Test
    void requestIdWithALoneSurrogateIsInvalidArgument() {
        long strategy = batchcast.createStrategy("alice", "grid");

        // the in-process transport hands the request object over as built, lone surrogate included
        StatusRuntimeException e = submitFails("alice", batch(strategy, "rt-" + LONE_SURROGATE, List.of(limit("l1"))));

        assertEquals(Map.of("request_id", "must be printable ASCII (0x20 to 0x7E); character 3 is not"),
                ErrorDetails.fieldViolations(e));
    }

    @Test
    void identifiersWithALoneSurrogateAreInvalidArgumentNamingEachField() {
        long strategy = batchcast.createStrategy("alice", "grid");
        OrderOperation badClientOrderId = limit("grid-" + LONE_SURROGATE);
        OrderOperation badSymbol = limit("l2", "BTC-" + LONE_SURROGATE, "0.5", "30000");
        OrderOperation badOrderId = OrderOperation.newBuilder()
                .setCancel(CancelOrder.newBuilder().setOrderId("PX-" + LONE_SURROGATE)).build();
        OrderOperation badCancelTarget = cancelByClientOrderId("grid-" + LONE_SURROGATE + "x");

        StatusRuntimeException e = submitFails("alice", batch(strategy, badClientOrderId, badSymbol, badOrderId,
                badCancelTarget));

        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals(Map.of(
                "operations[0].create.client_order_id", "must be 1 to 64 characters of A-Z a-z 0-9 . _ : - (or empty"
                        + " to let the server assign one)",
                "operations[1].create.symbol", "must be 1 to 32 characters of A-Z a-z 0-9 . _ / -",
                "operations[2].cancel.order_id", "must be 1 to 128 characters of A-Z a-z 0-9 . _ : -",
                "operations[3].cancel.client_order_id", "must be 1 to 64 characters of A-Z a-z 0-9 . _ : -"),
                ErrorDetails.fieldViolations(e));
        assertEquals(0, batchcast.exchangeCalls.get());
    }

    @Test
    void tooManyOperationsIsInvalidArgumentNamingTheLimit() throws InterruptedException {
        restartWith(PaperExchangeSettings.defaults(), new BatchLimits(3, 64));
        long strategy = batchcast.createStrategy("alice", "grid");

        StatusRuntimeException e = submitFails("alice",
                batch(strategy, limit("a"), limit("b"), limit("c"), limit("d")));

        assertEquals(Map.of("operations", "must contain at most 3 operations, had 4"), ErrorDetails.fieldViolations(e));
    }

    @Test
    void anotherUsersStrategyIsNotFoundLikeAnUnknownOne() {
        long bobs = batchcast.createStrategy("bob", "bob's");

        StatusRuntimeException others = submitFails("alice", batch(bobs, limit("l1")));
        StatusRuntimeException unknown = submitFails("alice", batch(999, limit("l1")));

        assertEquals(Status.Code.NOT_FOUND, others.getStatus().getCode());
        assertEquals("strategy " + bobs + " not found", others.getStatus().getDescription());
        assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
        assertEquals("strategy 999 not found", unknown.getStatus().getDescription());
        assertEquals(0, batchcast.exchangeCalls.get());
    }

    @Test
    void retryWithTheSameRequestIdReturnsTheStoredResponseAndExecutesNothing() {
        long strategy = batchcast.createStrategy("alice", "grid");
        var request = batch(strategy, "order-42", List.of(limit("l1"), stopLimit("s1")));

        SubmitOrderBatchResponse first = batchcast.orderBatches("alice").submitOrderBatch(request);
        SubmitOrderBatchResponse retry = batchcast.orderBatches("alice").submitOrderBatch(request);

        assertEquals(first, retry);
        assertEquals(2, batchcast.exchangeCalls.get());
        assertEquals(1, batchcast.store.recordedBatches().size());
        assertEquals(1, batchcast.store.window(strategy).headSeq());
    }

    @Test
    void sameRequestIdWithAnotherPayloadIsAlreadyExists() {
        long strategy = batchcast.createStrategy("alice", "grid");
        batchcast.orderBatches("alice").submitOrderBatch(batch(strategy, "order-42", List.of(limit("l1"))));

        StatusRuntimeException e = submitFails("alice", batch(strategy, "order-42", List.of(limit("l2"))));

        assertEquals(Status.Code.ALREADY_EXISTS, e.getStatus().getCode());
        assertEquals("request_id 'order-42' was already used for a different request", e.getStatus().getDescription());
        assertEquals(1, batchcast.exchangeCalls.get());
    }

    @Test
    void requestIdsAreScopedPerUser() {
        long alices = batchcast.createStrategy("alice", "grid");
        long bobs = batchcast.createStrategy("bob", "grid");
        batchcast.orderBatches("alice").submitOrderBatch(batch(alices, "order-42", List.of(limit("l1"))));

        SubmitOrderBatchResponse bobsResponse = batchcast.orderBatches("bob")
                .submitOrderBatch(batch(bobs, "order-42", List.of(limit("l1"))));

        assertEquals(OperationOutcome.OPERATION_OUTCOME_CREATED, bobsResponse.getResults(0).getOutcome());
        assertEquals(2, batchcast.exchangeCalls.get());
    }
}

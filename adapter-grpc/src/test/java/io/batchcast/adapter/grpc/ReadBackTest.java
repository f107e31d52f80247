package io.batchcast.adapter.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Timestamp;
import io.batchcast.application.port.out.BatchIntent;
import io.batchcast.application.port.out.IntentStep;
import io.batchcast.domain.NewOrder;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.Side;
import io.batchcast.domain.StreamKey;
import io.batchcast.proto.v1.GetOrderBatchRequest;
import io.batchcast.proto.v1.ListOrdersRequest;
import io.batchcast.proto.v1.ListOrdersResponse;
import io.batchcast.proto.v1.Order;
import io.batchcast.proto.v1.OrderBatchServiceGrpc;
import io.batchcast.proto.v1.OrderStatus;
import io.batchcast.proto.v1.SubmitOrderBatchResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GetOrderBatch and ListOrders through the real gRPC services and application. */
class ReadBackTest {

    private final InProcessBatchcast batchcast = new InProcessBatchcast();

    @AfterEach
    void close() throws InterruptedException {
        batchcast.close();
    }

    private SubmitOrderBatchResponse get(String userId, long strategyId, String batchId) {
        return batchcast.orderBatches(userId).getOrderBatch(
                GetOrderBatchRequest.newBuilder().setStrategyId(strategyId).setBatchId(batchId).build());
    }

    private ListOrdersResponse list(String userId, long strategyId, int pageSize, String pageToken,
            OrderStatus status) {
        return batchcast.orderBatches(userId).listOrders(ListOrdersRequest.newBuilder().setStrategyId(strategyId)
                .setPageSize(pageSize).setPageToken(pageToken).setStatus(status).build());
    }

    /**
     * One operation per batch: the test clock never moves, so newest first falls back to order id, and the
     * operations of one batch run in parallel, which leaves open which of them gets the higher id.
     */
    private void submitAlone(long strategyId, io.batchcast.proto.v1.OrderOperation operation) {
        batchcast.orderBatches("alice").submitOrderBatch(Batches.batch(strategyId, operation));
    }

    private static List<String> clientOrderIds(ListOrdersResponse response) {
        return response.getOrdersList().stream().map(Order::getClientOrderId).toList();
    }

    @Test
    void getOrderBatchReturnsExactlyWhatTheSubmitReturned() {
        long strategy = batchcast.createStrategy("alice", "grid");
        SubmitOrderBatchResponse submitted = batchcast.orderBatches("alice").submitOrderBatch(Batches.batch(strategy,
                "req-1", List.of(Batches.limit("l1"), Batches.stopLimit("s1"), Batches.cancelByClientOrderId("nope"))));

        SubmitOrderBatchResponse read = get("alice", strategy, submitted.getBatchId());

        assertEquals(submitted, read);
        assertEquals(3, read.getResultsCount());
        assertEquals("UNKNOWN_ORDER", read.getResults(2).getError().getReason());
        assertEquals("mem-1", read.getEventId());
    }

    @Test
    void unknownBatchAndAnotherUsersStrategyAreNotFound() {
        long alices = batchcast.createStrategy("alice", "grid");
        SubmitOrderBatchResponse submitted =
                batchcast.orderBatches("alice").submitOrderBatch(Batches.batch(alices, Batches.limit("l1")));
        long alicesOther = batchcast.createStrategy("alice", "other");

        StatusRuntimeException bob = assertThrows(StatusRuntimeException.class,
                () -> get("bob", alices, submitted.getBatchId()));
        StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class,
                () -> get("alice", alices, "5a4f0c53-0000-4000-8000-000000000000"));
        StatusRuntimeException otherStrategy = assertThrows(StatusRuntimeException.class,
                () -> get("alice", alicesOther, submitted.getBatchId()));

        assertEquals(Status.Code.NOT_FOUND, bob.getStatus().getCode());
        assertEquals("strategy " + alices + " not found", bob.getStatus().getDescription());
        assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
        assertEquals("batch 5a4f0c53-0000-4000-8000-000000000000 of strategy " + alices
                + " not found (unknown, or older than the receipt retention)", unknown.getStatus().getDescription());
        assertEquals(Status.Code.NOT_FOUND, otherStrategy.getStatus().getCode());
    }

    @Test
    void unsettledBatchIsUnavailableWithTheOutcomeUnknownErrorInfo() {
        long strategy = batchcast.createStrategy("alice", "grid");
        NewOrder order = new NewOrder("l1", "BTC-USDT", Side.BUY, OrderType.LIMIT, BigDecimal.ONE,
                new BigDecimal("100"), null);
        batchcast.store.open(new BatchIntent("batch-in-flight", new StreamKey("alice", strategy), "req-9", "hash",
                List.of(new IntentStep.Place(0, "venue-l1", order)), Tokens.NOW));

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> get("alice", strategy, "batch-in-flight"));

        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        assertEquals("batch batch-in-flight is still executing or its outcome is not recorded yet; read it again"
                + " later", e.getStatus().getDescription());
        var info = ErrorDetails.errorInfo(e);
        assertEquals("OUTCOME_UNKNOWN", info.getReason());
        assertEquals("batchcast.io", info.getDomain());
        assertEquals(Map.of("batch_id", "batch-in-flight", "request_id", "req-9"), info.getMetadataMap());
    }

    @Test
    void emptyBatchIdAndBadStrategyIdAreInvalidArgumentNamingTheField() {
        long strategy = batchcast.createStrategy("alice", "grid");

        StatusRuntimeException empty = assertThrows(StatusRuntimeException.class, () -> get("alice", strategy, ""));
        StatusRuntimeException badStrategy = assertThrows(StatusRuntimeException.class, () -> get("alice", 0, "b"));

        assertEquals(Status.Code.INVALID_ARGUMENT, empty.getStatus().getCode());
        assertEquals(Map.of("batch_id", "must be the batch_id of a SubmitOrderBatch response, 1 to 255 characters,"
                + " had 0"), ErrorDetails.fieldViolations(empty));
        assertEquals(Map.of("strategy_id", "must be a positive strategy id, was 0"),
                ErrorDetails.fieldViolations(badStrategy));
    }

    @Test
    void listOrdersReturnsEachOrderWithExactValues() {
        long strategy = batchcast.createStrategy("alice", "grid");
        // two batches: the operations of one run in parallel, so which gets the higher order id is not fixed
        String limitId = batchcast.orderBatches("alice").submitOrderBatch(Batches.batch(strategy,
                Batches.limit("l1", "ETH-USDT", "1.50", "2000.10"))).getResults(0).getOrderId();
        String stopLimitId = batchcast.orderBatches("alice").submitOrderBatch(Batches.batch(strategy,
                Batches.stopLimit("s1"))).getResults(0).getOrderId();

        ListOrdersResponse response = list("alice", strategy, 0, "", OrderStatus.ORDER_STATUS_UNSPECIFIED);

        Timestamp now = OrderBatchMapper.timestamp(Tokens.NOW);
        // one instant (the test clock): newest first falls back to order id, descending
        assertEquals(ListOrdersResponse.newBuilder()
                .addOrders(Order.newBuilder().setOrderId(stopLimitId).setClientOrderId("s1")
                        .setSymbol("BTC-USDT").setSide(io.batchcast.proto.v1.Side.SIDE_SELL)
                        .setOrderType(io.batchcast.proto.v1.OrderType.ORDER_TYPE_STOP_LIMIT).setQuantity("0.5")
                        .setPrice("29000").setStopPrice("29500").setStatus(OrderStatus.ORDER_STATUS_OPEN)
                        .setCreatedAt(now).setUpdatedAt(now))
                .addOrders(Order.newBuilder().setOrderId(limitId).setClientOrderId("l1")
                        .setSymbol("ETH-USDT").setSide(io.batchcast.proto.v1.Side.SIDE_BUY)
                        .setOrderType(io.batchcast.proto.v1.OrderType.ORDER_TYPE_LIMIT).setQuantity("1.5")
                        .setPrice("2000.1").setStatus(OrderStatus.ORDER_STATUS_OPEN)
                        .setCreatedAt(now).setUpdatedAt(now))
                .build(), response);
    }

    @Test
    void pagesThroughEveryOrderOnceAndTheLastPageHasNoToken() {
        long strategy = batchcast.createStrategy("alice", "grid");
        for (int i = 1; i <= 5; i++) {
            submitAlone(strategy, Batches.limit("l" + i));
        }

        ListOrdersResponse first = list("alice", strategy, 2, "", OrderStatus.ORDER_STATUS_UNSPECIFIED);
        ListOrdersResponse second =
                list("alice", strategy, 2, first.getNextPageToken(), OrderStatus.ORDER_STATUS_UNSPECIFIED);
        ListOrdersResponse third =
                list("alice", strategy, 2, second.getNextPageToken(), OrderStatus.ORDER_STATUS_UNSPECIFIED);
        ListOrdersResponse exact = list("alice", strategy, 5, "", OrderStatus.ORDER_STATUS_UNSPECIFIED);

        assertEquals(List.of("l5", "l4"), clientOrderIds(first));
        assertEquals(List.of("l3", "l2"), clientOrderIds(second));
        assertEquals(List.of("l1"), clientOrderIds(third));
        assertEquals("", third.getNextPageToken());
        assertEquals(List.of("l5", "l4", "l3", "l2", "l1"), clientOrderIds(exact));
        assertEquals("", exact.getNextPageToken()); // a full last page says so at once
    }

    @Test
    void statusFilterListsOnlyOrdersWithThatStatusAndItsTokenKeepsTheFilter() {
        long strategy = batchcast.createStrategy("alice", "grid");
        for (int i = 1; i <= 4; i++) {
            submitAlone(strategy, Batches.limit("l" + i));
        }
        batchcast.orderBatches("alice").submitOrderBatch(Batches.batch(strategy,
                Batches.cancelByClientOrderId("l2"), Batches.cancelByClientOrderId("l3")));

        ListOrdersResponse open = list("alice", strategy, 1, "", OrderStatus.ORDER_STATUS_OPEN);
        ListOrdersResponse openRest = list("alice", strategy, 1, open.getNextPageToken(), OrderStatus.ORDER_STATUS_OPEN);
        ListOrdersResponse cancelled = list("alice", strategy, 0, "", OrderStatus.ORDER_STATUS_CANCELLED);
        ListOrdersResponse filled = list("alice", strategy, 0, "", OrderStatus.ORDER_STATUS_FILLED);

        assertEquals(List.of("l4"), clientOrderIds(open));
        assertEquals(List.of("l1"), clientOrderIds(openRest));
        assertEquals("", openRest.getNextPageToken());
        assertEquals(List.of("l3", "l2"), clientOrderIds(cancelled));
        assertEquals(OrderStatus.ORDER_STATUS_CANCELLED, cancelled.getOrders(0).getStatus());
        assertEquals(List.of(), clientOrderIds(filled));
    }

    @Test
    void anotherUsersStrategyIsNotFound() {
        long alices = batchcast.createStrategy("alice", "grid");
        batchcast.orderBatches("alice").submitOrderBatch(Batches.batch(alices, Batches.limit("l1")));

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> list("bob", alices, 0, "", OrderStatus.ORDER_STATUS_UNSPECIFIED));

        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        assertEquals("strategy " + alices + " not found", e.getStatus().getDescription());
    }

    @Test
    void badPageTokenIsInvalidArgumentNamingTheField() {
        long strategy = batchcast.createStrategy("alice", "grid");

        StatusRuntimeException garbage = assertThrows(StatusRuntimeException.class,
                () -> list("alice", strategy, 0, "not-a-token", OrderStatus.ORDER_STATUS_UNSPECIFIED));
        StatusRuntimeException strategiesToken = assertThrows(StatusRuntimeException.class,
                () -> list("alice", strategy, 0, StrategyMapper.pageToken(7), OrderStatus.ORDER_STATUS_UNSPECIFIED));

        assertEquals(Status.Code.INVALID_ARGUMENT, garbage.getStatus().getCode());
        assertEquals(Map.of("page_token", "must be a next_page_token returned by ListOrders, or empty for the first"
                + " page"), ErrorDetails.fieldViolations(garbage));
        assertEquals(Status.Code.INVALID_ARGUMENT, strategiesToken.getStatus().getCode());
    }

    @Test
    void tokenUsedWithAnotherStatusOrStrategyIsInvalidArgument() {
        long strategy = batchcast.createStrategy("alice", "grid");
        long other = batchcast.createStrategy("alice", "other");
        submitAlone(strategy, Batches.limit("l1"));
        submitAlone(strategy, Batches.limit("l2"));
        String token = list("alice", strategy, 1, "", OrderStatus.ORDER_STATUS_UNSPECIFIED).getNextPageToken();

        StatusRuntimeException otherStatus = assertThrows(StatusRuntimeException.class,
                () -> list("alice", strategy, 1, token, OrderStatus.ORDER_STATUS_OPEN));
        StatusRuntimeException otherStrategy = assertThrows(StatusRuntimeException.class,
                () -> list("alice", other, 1, token, OrderStatus.ORDER_STATUS_UNSPECIFIED));

        String expected = "was returned for another strategy_id or status; list with the same strategy_id and status"
                + " as the first page, or start again with an empty page_token";
        assertEquals(Map.of("page_token", expected), ErrorDetails.fieldViolations(otherStatus));
        assertEquals(Map.of("page_token", expected), ErrorDetails.fieldViolations(otherStrategy));
    }

    @Test
    void pageSizeAboveTheLimitAndUnknownStatusAreInvalidArgumentNamingTheField() {
        long strategy = batchcast.createStrategy("alice", "grid");

        StatusRuntimeException tooLarge = assertThrows(StatusRuntimeException.class,
                () -> list("alice", strategy, 1001, "", OrderStatus.ORDER_STATUS_UNSPECIFIED));
        StatusRuntimeException negative = assertThrows(StatusRuntimeException.class,
                () -> list("alice", strategy, -1, "", OrderStatus.ORDER_STATUS_UNSPECIFIED));
        StatusRuntimeException unknownStatus = assertThrows(StatusRuntimeException.class,
                () -> batchcast.orderBatches("alice").listOrders(ListOrdersRequest.newBuilder()
                        .setStrategyId(strategy).setStatusValue(9).build()));

        assertEquals(Status.Code.INVALID_ARGUMENT, tooLarge.getStatus().getCode());
        assertEquals(Map.of("page_size", "must be between 1 and 1000 (or 0 for 100), was 1001"),
                ErrorDetails.fieldViolations(tooLarge));
        assertEquals(Map.of("page_size", "must be between 1 and 1000 (or 0 for 100), was -1"),
                ErrorDetails.fieldViolations(negative));
        assertEquals(Map.of("status", "must be ORDER_STATUS_UNSPECIFIED (every order), ORDER_STATUS_OPEN,"
                + " ORDER_STATUS_CANCELLED or ORDER_STATUS_FILLED (0 to 3), was 9"),
                ErrorDetails.fieldViolations(unknownStatus));
    }

    @Test
    void readBackCallsNeedAToken() {
        var anonymous = OrderBatchServiceGrpc.newBlockingStub(batchcast.channel);

        StatusRuntimeException get = assertThrows(StatusRuntimeException.class, () -> anonymous.getOrderBatch(
                GetOrderBatchRequest.newBuilder().setStrategyId(1).setBatchId("b").build()));
        StatusRuntimeException list = assertThrows(StatusRuntimeException.class,
                () -> anonymous.listOrders(ListOrdersRequest.newBuilder().setStrategyId(1).build()));

        assertEquals(Status.Code.UNAUTHENTICATED, get.getStatus().getCode());
        assertEquals(Status.Code.UNAUTHENTICATED, list.getStatus().getCode());
    }
}

package io.batchcast.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchcast.benchmark.sse.SseFrame;
import io.batchcast.proto.v1.CancelOrder;
import io.batchcast.proto.v1.CreateOrder;
import io.batchcast.proto.v1.OperationOutcome;
import io.batchcast.proto.v1.OrderOperation;
import io.batchcast.proto.v1.OperationResult;
import io.batchcast.proto.v1.OrderType;
import io.batchcast.proto.v1.Side;
import io.batchcast.proto.v1.SubmitOrderBatchRequest;
import io.batchcast.proto.v1.SubmitOrderBatchResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioFiguresTest {

    private static final SseFrame BATCH_FRAME = new SseFrame("mem-41", "order_batch_update",
            "{\"type\":\"order_batch_update\",\"data\":{\"strategy_id\":7,\"batch_id\":\"b1\",\"summaries\":[],"
                    + "\"timestamp\":\"2025-10-30T12:34:56.789Z\"}}", null, null, 150);

    private static final SubmitOrderBatchResponse RESPONSE = SubmitOrderBatchResponse.newBuilder()
            .setBatchId("b1")
            .addResults(OperationResult.newBuilder().setIndex(0).setOutcome(OperationOutcome.OPERATION_OUTCOME_CREATED)
                    .setOrderId("o-1").setClientOrderId("c-1").setOrderType(OrderType.ORDER_TYPE_LIMIT))
            .addResults(OperationResult.newBuilder().setIndex(1)
                    .setOutcome(OperationOutcome.OPERATION_OUTCOME_CANCELLED).setOrderId("o-0")
                    .setClientOrderId("c-0").setOrderType(OrderType.ORDER_TYPE_STOP_LIMIT))
            .build();

    @Test
    void perOrderFramesCarryOneEventPerOperationInTheBatchFramesStyle() {
        List<String> frames = PerOrderFrames.identifying(7, RESPONSE, BATCH_FRAME);

        assertEquals(List.of(
                "id: mem-41\nevent: order_update\ndata: {\"type\":\"order_update\",\"data\":{\"strategy_id\":7,"
                        + "\"order_id\":\"o-1\",\"client_order_id\":\"c-1\",\"order_type\":\"LIMIT\","
                        + "\"outcome\":\"CREATED\",\"timestamp\":\"2025-10-30T12:34:56.789Z\"}}\n\n",
                "id: mem-42\nevent: order_update\ndata: {\"type\":\"order_update\",\"data\":{\"strategy_id\":7,"
                        + "\"order_id\":\"o-0\",\"client_order_id\":\"c-0\","
                        + "\"order_type\":\"STOP_LIMIT\",\"outcome\":\"CANCELLED\","
                        + "\"timestamp\":\"2025-10-30T12:34:56.789Z\"}}\n\n"), frames);
    }

    @Test
    void detailedPerOrderFramesAddTheOrdersTermsAndCancelsCarryTheCancelledOrders() {
        SubmitOrderBatchRequest request = SubmitOrderBatchRequest.newBuilder()
                .addOperations(OrderOperation.newBuilder().setCreate(CreateOrder.newBuilder().setSymbol("ETH-USDT")
                        .setSide(Side.SIDE_SELL).setOrderType(OrderType.ORDER_TYPE_LIMIT).setQuantity("2")
                        .setPrice("3000")))
                .addOperations(OrderOperation.newBuilder().setCancel(CancelOrder.newBuilder().setOrderId("o-0")))
                .build();

        List<String> frames = PerOrderFrames.detailed(7, request, RESPONSE, BATCH_FRAME);

        assertEquals("id: mem-41\nevent: order_update\ndata: {\"type\":\"order_update\",\"data\":{\"strategy_id\":7,"
                + "\"order_id\":\"o-1\",\"client_order_id\":\"c-1\",\"symbol\":\"ETH-USDT\",\"side\":\"SELL\","
                + "\"order_type\":\"LIMIT\",\"quantity\":\"2\",\"price\":\"3000\",\"stop_price\":\"\","
                + "\"outcome\":\"CREATED\",\"timestamp\":\"2025-10-30T12:34:56.789Z\"}}\n\n", frames.get(0));
        assertEquals(true, frames.get(1).contains("\"symbol\":\"BTC-USDT\",\"side\":\"BUY\""));
    }

    @Test
    void minimalPerOrderFramesCarryOnlyTypeAndOutcome() {
        List<String> frames = PerOrderFrames.minimal(7, RESPONSE, BATCH_FRAME);

        assertEquals("id: mem-42\nevent: order_update\ndata: {\"type\":\"order_update\",\"data\":{\"strategy_id\":7,"
                + "\"order_type\":\"STOP_LIMIT\",\"outcome\":\"CANCELLED\",\"timestamp\":\"2025-10-30T12:34:56.789Z\"}}"
                + "\n\n", frames.get(1));
    }

    @Test
    void wireBytesAddTheObservedFramingToEachFrame() {
        assertEquals(3 + 7 + 4 + 7, NetworkScenario.wire(List.of("abc", "de\u00e9"), 7));
    }

    @Test
    void gzipWireCountsTheSyncFlushedBytesOfEachFrameAfterTheWarmUpPlusFraming() throws Exception {
        String frame = "id: e-1\nevent: order_batch_update\ndata: {\"type\":\"order_batch_update\"}\n\n";
        var sink = new java.io.ByteArrayOutputStream();
        long second;
        try (var gzip = new java.util.zip.GZIPOutputStream(sink, 8192, true)) {
            gzip.write(frame.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            gzip.flush();
            int afterWarmUp = sink.size();
            gzip.write(frame.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            gzip.flush();
            second = sink.size() - afterWarmUp; // what the second frame's flush sent (the trailer comes at the end)
        }

        assertEquals(second + 7, NetworkScenario.gzipWire(List.of(frame), List.of(frame), 7));
        // a repeated frame on a warm stream is a back-reference: far smaller than the frame
        assertEquals(true, second < frame.length() / 3, second + " bytes for a " + frame.length() + "-byte frame");
    }

    @Test
    void eventIdsAdvanceTheSequenceAfterTheEpoch() {
        assertEquals("k3x-9-12", PerOrderFrames.idAfter("k3x-9-10", 2));
        assertEquals("opaque", PerOrderFrames.idAfter("opaque", 2));
    }

    @Test
    void heapGrowthByClassIsPerConnectionLargestFirst() {
        var rows = ConnectionsScenario.heapGrowthByClass(
                java.util.Map.of("[B", 1_000_000L, "Shrunk", 500L),
                java.util.Map.of("[B", 3_000_000L, "Thread", 100_000L, "Shrunk", 100L), 100);

        assertEquals(List.of(java.util.Map.of("class", "[B", "bytes_per_connection", 20_000L),
                java.util.Map.of("class", "Thread", "bytes_per_connection", 1_000L)), rows);
    }

    @Test
    void nchanBatchIdsKeepTheGatewaysLength() {
        assertEquals("n00000000007", FanoutScenario.freshId("b-0123456789", 7));
        assertEquals(12, FanoutScenario.freshId("b-0123456789", 123_456).length());
    }

    @Test
    void bytesPerConnectionIsTheLargerOfRssAndHeapGrowth() {
        assertEquals(23_190, ConnectionsScenario.bytesPerConnection(451.2, 23_189.6),
                "RSS of a server whose heap was committed earlier hardly grows");
        assertEquals(36_335, ConnectionsScenario.bytesPerConnection(36_335.4, 24_203.0));
    }
}

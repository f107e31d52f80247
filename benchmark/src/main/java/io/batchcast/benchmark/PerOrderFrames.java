package io.batchcast.benchmark;

import io.batchcast.benchmark.gateway.OrderBatches;
import io.batchcast.benchmark.sse.SseFrame;
import io.batchcast.proto.v1.CreateOrder;
import io.batchcast.proto.v1.OperationResult;
import io.batchcast.proto.v1.SubmitOrderBatchRequest;
import io.batchcast.proto.v1.SubmitOrderBatchResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The pre-batch design's traffic for the same batch: one SSE event per operation, in the style of the real
 * {@code order_batch_update} frame (same id format, same envelope, same timestamp; no batch id, since that design
 * has no batches). The seed does not give the old per-order format, so three are modelled: {@link #identifying}
 * names the order (what a per-order toast needs to be useful; the headline), {@link #minimal} carries only what the
 * batch summary counts (type and outcome) and is the most favourable case for the per-order design, and
 * {@link #detailed} adds the order's symbol, side, quantity and prices as exchange order-update events usually do.
 */
final class PerOrderFrames {

    private PerOrderFrames() {
    }

    static List<String> identifying(long strategyId, SubmitOrderBatchResponse batch, SseFrame batchFrame) {
        List<String> frames = new ArrayList<>();
        for (OperationResult result : batch.getResultsList()) {
            frames.add(frame(idAfter(batchFrame.id(), result.getIndex()), "{\"type\":\"order_update\",\"data\":{"
                    + "\"strategy_id\":" + strategyId
                    + ",\"order_id\":\"" + result.getOrderId() + "\""
                    + ",\"client_order_id\":\"" + result.getClientOrderId() + "\""
                    + ",\"order_type\":\"" + typeName(result) + "\""
                    + ",\"outcome\":\"" + outcomeName(result) + "\""
                    + ",\"timestamp\":\"" + batchFrame.jsonString("timestamp") + "\"}}"));
        }
        return frames;
    }

    /** Identifying plus the order's terms; a cancel carries the terms of the order it cancelled. */
    static List<String> detailed(long strategyId, SubmitOrderBatchRequest request, SubmitOrderBatchResponse batch,
                                 SseFrame batchFrame) {
        List<String> frames = new ArrayList<>();
        for (OperationResult result : batch.getResultsList()) {
            CreateOrder terms = termsOf(request, result);
            frames.add(frame(idAfter(batchFrame.id(), result.getIndex()), "{\"type\":\"order_update\",\"data\":{"
                    + "\"strategy_id\":" + strategyId
                    + ",\"order_id\":\"" + result.getOrderId() + "\""
                    + ",\"client_order_id\":\"" + result.getClientOrderId() + "\""
                    + ",\"symbol\":\"" + terms.getSymbol() + "\""
                    + ",\"side\":\"" + terms.getSide().name().replace("SIDE_", "") + "\""
                    + ",\"order_type\":\"" + typeName(result) + "\""
                    + ",\"quantity\":\"" + terms.getQuantity() + "\""
                    + ",\"price\":\"" + terms.getPrice() + "\""
                    + ",\"stop_price\":\"" + terms.getStopPrice() + "\""
                    + ",\"outcome\":\"" + outcomeName(result) + "\""
                    + ",\"timestamp\":\"" + batchFrame.jsonString("timestamp") + "\"}}"));
        }
        return frames;
    }

    /** The create's own terms, or for a cancel the LIMIT terms the benchmark's setup orders were created with. */
    private static CreateOrder termsOf(SubmitOrderBatchRequest request, OperationResult result) {
        var operation = request.getOperations(result.getIndex());
        return operation.hasCreate() ? operation.getCreate() : OrderBatches.setupOrderTerms();
    }

    static List<String> minimal(long strategyId, SubmitOrderBatchResponse batch, SseFrame batchFrame) {
        List<String> frames = new ArrayList<>();
        for (OperationResult result : batch.getResultsList()) {
            frames.add(frame(idAfter(batchFrame.id(), result.getIndex()), "{\"type\":\"order_update\",\"data\":{"
                    + "\"strategy_id\":" + strategyId
                    + ",\"order_type\":\"" + typeName(result) + "\""
                    + ",\"outcome\":\"" + outcomeName(result) + "\""
                    + ",\"timestamp\":\"" + batchFrame.jsonString("timestamp") + "\"}}"));
        }
        return frames;
    }

    private static String frame(String id, String data) {
        return "id: " + id + "\nevent: order_update\ndata: " + data + "\n\n";
    }

    /** "<epoch>-<seq>" advanced by {@code offset}, so each per-order event has an id of realistic length. */
    static String idAfter(String eventId, int offset) {
        int dash = eventId.lastIndexOf('-');
        if (dash < 0) {
            return eventId;
        }
        long seq = Long.parseLong(eventId.substring(dash + 1));
        return eventId.substring(0, dash + 1) + (seq + offset);
    }

    private static String typeName(OperationResult result) {
        return result.getOrderType().name().replace("ORDER_TYPE_", "");
    }

    private static String outcomeName(OperationResult result) {
        return result.getOutcome().name().replace("OPERATION_OUTCOME_", "");
    }
}

package io.batchcast.adapter.grpc;

import com.google.protobuf.Timestamp;
import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.in.OperationRequest;
import io.batchcast.application.port.in.SubmitOrderBatchCommand;
import io.batchcast.domain.OperationError;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.OrderTypeSummary;
import io.batchcast.domain.StoredEvent;
import io.batchcast.proto.v1.CancelOrder;
import io.batchcast.proto.v1.CreateOrder;
import io.batchcast.proto.v1.OperationOutcome;
import io.batchcast.proto.v1.OrderBatchEvent;
import io.batchcast.proto.v1.OrderOperation;
import io.batchcast.proto.v1.OrderType;
import io.batchcast.proto.v1.Side;
import io.batchcast.proto.v1.SubmitOrderBatchRequest;
import io.batchcast.proto.v1.SubmitOrderBatchResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Proto ↔ domain for order batches. Plain loops and switches, no streams: this runs once per operation of every
 * batch. Unknown enum numbers (a newer client) map to "unspecified", which validation then names.
 */
final class OrderBatchMapper {

    private OrderBatchMapper() {
    }

    static SubmitOrderBatchCommand command(String userId, SubmitOrderBatchRequest request, BooleanSupplier cancelled) {
        List<OperationRequest> operations = new ArrayList<>(request.getOperationsCount());
        for (OrderOperation operation : request.getOperationsList()) {
            operations.add(operation(operation));
        }
        return new SubmitOrderBatchCommand(userId, request.getStrategyId(), request.getRequestId(), operations,
                cancelled);
    }

    static OperationRequest operation(OrderOperation operation) {
        return switch (operation.getOperationCase()) {
            case CREATE -> create(operation.getCreate());
            case CANCEL -> cancel(operation.getCancel());
            case OPERATION_NOT_SET -> new OperationRequest.Missing();
        };
    }

    private static OperationRequest.Create create(CreateOrder create) {
        return new OperationRequest.Create(create.getClientOrderId(), create.getSymbol(), side(create.getSide()),
                orderType(create.getOrderType()), create.getQuantity(), create.getPrice(), create.getStopPrice());
    }

    private static OperationRequest.Cancel cancel(CancelOrder cancel) {
        return switch (cancel.getTargetCase()) {
            case ORDER_ID -> new OperationRequest.Cancel(cancel.getOrderId(), null);
            case CLIENT_ORDER_ID -> new OperationRequest.Cancel(null, cancel.getClientOrderId());
            case TARGET_NOT_SET -> new OperationRequest.Cancel(null, null);
        };
    }

    static SubmitOrderBatchResponse response(BatchReceipt receipt) {
        SubmitOrderBatchResponse.Builder response = SubmitOrderBatchResponse.newBuilder().setBatchId(receipt.batchId());
        for (OperationResult result : receipt.results()) {
            result(result, response.addResultsBuilder());
        }
        for (OrderTypeSummary summary : receipt.summaries()) {
            summary(summary, response.addSummariesBuilder());
        }
        receipt.eventId().ifPresent(id -> response.setEventId(id.toString()));
        return response.build();
    }

    private static void result(OperationResult result, io.batchcast.proto.v1.OperationResult.Builder out) {
        out.setIndex(result.index()).setOutcome(outcome(result.outcome()));
        if (result.orderId() != null) {
            out.setOrderId(result.orderId());
        }
        if (result.clientOrderId() != null) {
            out.setClientOrderId(result.clientOrderId());
        }
        if (result.orderType() != null) {
            out.setOrderType(orderType(result.orderType()));
        }
        OperationError error = result.error();
        if (error != null) {
            out.getErrorBuilder().setReason(error.reason()).setMessage(error.message());
        }
    }

    /** A batch event as the stream sends it; the caller passes batch events only. */
    static OrderBatchEvent event(StoredEvent stored) {
        var event = stored.batchEvent().orElseThrow(
                () -> new IllegalArgumentException("event " + stored.id() + " is not a batch event"));
        OrderBatchEvent.Builder out = OrderBatchEvent.newBuilder()
                .setEventId(stored.id().toString())
                .setStrategyId(event.strategyId())
                .setBatchId(event.batchId())
                .setTimestamp(timestamp(event.timestamp()));
        for (OrderTypeSummary summary : event.summaries()) {
            summary(summary, out.addSummariesBuilder());
        }
        return out.build();
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static void summary(OrderTypeSummary summary, io.batchcast.proto.v1.OrderTypeSummary.Builder out) {
        out.setOrderType(orderType(summary.orderType())).setCreated(summary.created()).setCancelled(summary.cancelled());
    }

    static io.batchcast.domain.Side side(Side side) {
        return switch (side) {
            case SIDE_BUY -> io.batchcast.domain.Side.BUY;
            case SIDE_SELL -> io.batchcast.domain.Side.SELL;
            case SIDE_UNSPECIFIED, UNRECOGNIZED -> null;
        };
    }

    static io.batchcast.domain.OrderType orderType(OrderType type) {
        return switch (type) {
            case ORDER_TYPE_LIMIT -> io.batchcast.domain.OrderType.LIMIT;
            case ORDER_TYPE_STOP_LIMIT -> io.batchcast.domain.OrderType.STOP_LIMIT;
            case ORDER_TYPE_STOP_MARKET -> io.batchcast.domain.OrderType.STOP_MARKET;
            case ORDER_TYPE_MARKET -> io.batchcast.domain.OrderType.MARKET;
            case ORDER_TYPE_UNSPECIFIED, UNRECOGNIZED -> null;
        };
    }

    static OrderType orderType(io.batchcast.domain.OrderType type) {
        return switch (type) {
            case LIMIT -> OrderType.ORDER_TYPE_LIMIT;
            case STOP_LIMIT -> OrderType.ORDER_TYPE_STOP_LIMIT;
            case STOP_MARKET -> OrderType.ORDER_TYPE_STOP_MARKET;
            case MARKET -> OrderType.ORDER_TYPE_MARKET;
        };
    }

    private static OperationOutcome outcome(io.batchcast.domain.OperationOutcome outcome) {
        return switch (outcome) {
            case CREATED -> OperationOutcome.OPERATION_OUTCOME_CREATED;
            case CANCELLED -> OperationOutcome.OPERATION_OUTCOME_CANCELLED;
            case REJECTED -> OperationOutcome.OPERATION_OUTCOME_REJECTED;
        };
    }
}

package io.batchcast.adapter.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.in.OperationRequest;
import io.batchcast.domain.EventId;
import io.batchcast.domain.OperationError;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.OrderTypeSummary;
import io.batchcast.proto.v1.CancelOrder;
import io.batchcast.proto.v1.CreateOrder;
import io.batchcast.proto.v1.OperationOutcome;
import io.batchcast.proto.v1.OrderOperation;
import io.batchcast.proto.v1.OrderType;
import io.batchcast.proto.v1.Side;
import io.batchcast.proto.v1.SubmitOrderBatchResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrderBatchMapperTest {

    @Test
    void createKeepsItsStringsForTheApplicationToValidate() {
        OrderOperation create = OrderOperation.newBuilder().setCreate(CreateOrder.newBuilder().setClientOrderId("c1")
                .setSymbol("ETH-USDT").setSide(Side.SIDE_SELL).setOrderType(OrderType.ORDER_TYPE_STOP_MARKET)
                .setQuantity("2").setStopPrice("1800.5")).build();

        assertEquals(new OperationRequest.Create("c1", "ETH-USDT", io.batchcast.domain.Side.SELL,
                io.batchcast.domain.OrderType.STOP_MARKET, "2", "", "1800.5"), OrderBatchMapper.operation(create));
    }

    @Test
    void unspecifiedAndUnknownEnumNumbersBecomeMissingValues() {
        OrderOperation create = OrderOperation.newBuilder().setCreate(CreateOrder.newBuilder()
                .setSideValue(0).setOrderTypeValue(99)).build();

        assertEquals(new OperationRequest.Create("", "", null, null, "", "", ""), OrderBatchMapper.operation(create));
    }

    @Test
    void cancelNamesExactlyTheTargetThatWasSet() {
        assertEquals(new OperationRequest.Cancel("PX-1", null), OrderBatchMapper.operation(OrderOperation.newBuilder()
                .setCancel(CancelOrder.newBuilder().setOrderId("PX-1")).build()));
        assertEquals(new OperationRequest.Cancel(null, "c1"), OrderBatchMapper.operation(OrderOperation.newBuilder()
                .setCancel(CancelOrder.newBuilder().setClientOrderId("c1")).build()));
        assertEquals(new OperationRequest.Cancel(null, null), OrderBatchMapper.operation(OrderOperation.newBuilder()
                .setCancel(CancelOrder.getDefaultInstance()).build()));
        assertEquals(new OperationRequest.Missing(), OrderBatchMapper.operation(OrderOperation.getDefaultInstance()));
    }

    @Test
    void receiptMapsToTheWireLeavingUnknownValuesEmpty() {
        BatchReceipt receipt = new BatchReceipt("b-1", List.of(
                OperationResult.created(0, "PX-t-1", "c1", io.batchcast.domain.OrderType.MARKET),
                OperationResult.rejected(1, "PX-404", null, null,
                        new OperationError("UNKNOWN_ORDER", "no order 'PX-404' in this strategy"))),
                List.of(new OrderTypeSummary(io.batchcast.domain.OrderType.MARKET, 1, 0)),
                Optional.of(new EventId("mem", 7)));

        SubmitOrderBatchResponse response = OrderBatchMapper.response(receipt);

        assertEquals(SubmitOrderBatchResponse.newBuilder().setBatchId("b-1")
                .addResults(io.batchcast.proto.v1.OperationResult.newBuilder().setIndex(0)
                        .setOutcome(OperationOutcome.OPERATION_OUTCOME_CREATED).setOrderId("PX-t-1")
                        .setClientOrderId("c1").setOrderType(OrderType.ORDER_TYPE_MARKET))
                .addResults(io.batchcast.proto.v1.OperationResult.newBuilder().setIndex(1)
                        .setOutcome(OperationOutcome.OPERATION_OUTCOME_REJECTED).setOrderId("PX-404")
                        .setError(io.batchcast.proto.v1.OperationError.newBuilder().setReason("UNKNOWN_ORDER")
                                .setMessage("no order 'PX-404' in this strategy")))
                .addSummaries(io.batchcast.proto.v1.OrderTypeSummary.newBuilder()
                        .setOrderType(OrderType.ORDER_TYPE_MARKET).setCreated(1))
                .setEventId("mem-7")
                .build(), response);
    }

    @Test
    void everyDomainOrderTypeRoundTrips() {
        for (io.batchcast.domain.OrderType type : io.batchcast.domain.OrderType.values()) {
            assertEquals(type, OrderBatchMapper.orderType(OrderBatchMapper.orderType(type)));
        }
    }
}

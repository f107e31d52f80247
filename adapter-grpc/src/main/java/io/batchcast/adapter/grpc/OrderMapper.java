package io.batchcast.adapter.grpc;

import io.batchcast.domain.NewOrder;
import io.batchcast.domain.Order;
import io.batchcast.proto.v1.ListOrdersRequest;
import io.batchcast.proto.v1.OrderStatus;
import io.batchcast.proto.v1.Side;
import java.math.BigDecimal;
import java.util.Optional;

/** Domain → proto for orders read back (ListOrders), and the status filter. */
final class OrderMapper {

    private OrderMapper() {
    }

    static io.batchcast.proto.v1.Order order(Order order) {
        NewOrder spec = order.spec();
        return io.batchcast.proto.v1.Order.newBuilder()
                .setOrderId(order.orderId())
                .setClientOrderId(spec.clientOrderId())
                .setSymbol(spec.symbol())
                .setSide(spec.side() == io.batchcast.domain.Side.BUY ? Side.SIDE_BUY : Side.SIDE_SELL)
                .setOrderType(OrderBatchMapper.orderType(spec.type()))
                .setQuantity(decimal(spec.quantity()))
                .setPrice(decimal(spec.price()))
                .setStopPrice(decimal(spec.stopPrice()))
                .setStatus(status(order.status()))
                .setCreatedAt(OrderBatchMapper.timestamp(order.createdAt()))
                .setUpdatedAt(OrderBatchMapper.timestamp(order.updatedAt()))
                .build();
    }

    /**
     * Canonical form, as the store keeps decimals: no trailing fractional zeros, never an exponent ("1.50" is "1.5",
     * "100" stays "100"). Done here as well so that the wire form never depends on which store is behind.
     */
    private static String decimal(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }

    private static OrderStatus status(io.batchcast.domain.OrderStatus status) {
        return switch (status) {
            case OPEN -> OrderStatus.ORDER_STATUS_OPEN;
            case CANCELLED -> OrderStatus.ORDER_STATUS_CANCELLED;
            case FILLED -> OrderStatus.ORDER_STATUS_FILLED;
        };
    }

    /** The status filter of a ListOrders request: empty lists every order. */
    static Optional<io.batchcast.domain.OrderStatus> statusFilter(ListOrdersRequest request) {
        return switch (request.getStatus()) {
            case ORDER_STATUS_UNSPECIFIED -> Optional.empty();
            case ORDER_STATUS_OPEN -> Optional.of(io.batchcast.domain.OrderStatus.OPEN);
            case ORDER_STATUS_CANCELLED -> Optional.of(io.batchcast.domain.OrderStatus.CANCELLED);
            case ORDER_STATUS_FILLED -> Optional.of(io.batchcast.domain.OrderStatus.FILLED);
            case UNRECOGNIZED -> throw FailureStatus.invalidArgument("status", "must be ORDER_STATUS_UNSPECIFIED (every"
                    + " order), ORDER_STATUS_OPEN, ORDER_STATUS_CANCELLED or ORDER_STATUS_FILLED (0 to 3), was "
                    + request.getStatusValue());
        };
    }
}

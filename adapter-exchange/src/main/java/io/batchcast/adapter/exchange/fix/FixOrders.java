package io.batchcast.adapter.exchange.fix;

import io.batchcast.domain.NewOrder;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.Side;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Optional;
import quickfix.FieldMap;
import quickfix.FieldNotFound;
import quickfix.FixVersions;
import quickfix.field.Account;
import quickfix.field.ClOrdID;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.Price;
import quickfix.field.StopPx;
import quickfix.field.Symbol;
import quickfix.field.TransactTime;
import quickfix.fix44.NewOrderSingle;

/**
 * How Batchcast's orders are spelled in FIX 4.4, for both ends of the wire: the FIX adapter writes with it and the
 * paper venue reads with it, so the two cannot drift apart.
 *
 * <ul>
 *   <li>{@code Account} (1) carries the strategy id, in decimal.</li>
 *   <li>{@code ClOrdID} (11) carries the gateway's venue client order id of the request.</li>
 *   <li>Order types: LIMIT = 2 (Limit), MARKET = 1 (Market), STOP_MARKET = 3 (Stop, with {@code StopPx}),
 *       STOP_LIMIT = 4 (Stop limit, with {@code Price} and {@code StopPx}). Sides: BUY = 1, SELL = 2.</li>
 *   <li>Order status: OPEN = 0 (New), FILLED = 2 (Filled), CANCELLED = 4 (Canceled).</li>
 * </ul>
 */
public final class FixOrders {

    public static final String BEGIN_STRING = FixVersions.BEGINSTRING_FIX44;
    /** QuickFIX/J's FIX 4.4 dictionary, from its jar. */
    public static final String DATA_DICTIONARY = "FIX44.xml";
    /**
     * FIX's placeholder for "no symbol". OrderStatusRequest and OrderCancelRequest require Symbol and Side, which the
     * gateway does not have when it names a request only by ids; the venue identifies orders by Account and ClOrdID
     * (or OrderID) alone.
     */
    public static final String NOT_APPLICABLE = "[N/A]";
    /** Side 7 (Undisclosed): the side that goes with {@link #NOT_APPLICABLE}. */
    public static final char SIDE_UNDISCLOSED = quickfix.field.Side.UNDISCLOSED;
    /** The OrderID of a report about no order (a rejection, an unknown request). */
    public static final String NO_ORDER_ID = "NONE";

    private FixOrders() {
    }

    public static String account(long strategyId) {
        return Long.toString(strategyId);
    }

    public static char side(Side side) {
        return switch (side) {
            case BUY -> quickfix.field.Side.BUY;
            case SELL -> quickfix.field.Side.SELL;
        };
    }

    public static Side side(char side) {
        return switch (side) {
            case quickfix.field.Side.BUY -> Side.BUY;
            case quickfix.field.Side.SELL -> Side.SELL;
            default -> throw new IllegalArgumentException("Side (54) must be 1 (Buy) or 2 (Sell), was " + side);
        };
    }

    public static char ordType(OrderType type) {
        return switch (type) {
            case LIMIT -> OrdType.LIMIT;
            case MARKET -> OrdType.MARKET;
            case STOP_MARKET -> OrdType.STOP_STOP_LOSS;
            case STOP_LIMIT -> OrdType.STOP_LIMIT;
        };
    }

    public static OrderType orderType(char ordType) {
        return switch (ordType) {
            case OrdType.LIMIT -> OrderType.LIMIT;
            case OrdType.MARKET -> OrderType.MARKET;
            case OrdType.STOP_STOP_LOSS -> OrderType.STOP_MARKET;
            case OrdType.STOP_LIMIT -> OrderType.STOP_LIMIT;
            default -> throw new IllegalArgumentException(
                    "OrdType (40) must be 1 (Market), 2 (Limit), 3 (Stop) or 4 (Stop limit), was " + ordType);
        };
    }

    public static char ordStatus(OrderStatus status) {
        return switch (status) {
            case OPEN -> OrdStatus.NEW;
            case FILLED -> OrdStatus.FILLED;
            case CANCELLED -> OrdStatus.CANCELED;
        };
    }

    /** The status an OrdStatus (39) stands for; empty for the ones no Batchcast order has (e.g. 8, Rejected). */
    public static Optional<OrderStatus> orderStatus(char ordStatus) {
        return switch (ordStatus) {
            case OrdStatus.NEW -> Optional.of(OrderStatus.OPEN);
            case OrdStatus.FILLED -> Optional.of(OrderStatus.FILLED);
            case OrdStatus.CANCELED -> Optional.of(OrderStatus.CANCELLED);
            default -> Optional.empty();
        };
    }

    /** The NewOrderSingle for {@code order}, requested under {@code clOrdId} for the strategy's account. */
    public static NewOrderSingle newOrderSingle(long strategyId, String clOrdId, NewOrder order, LocalDateTime now) {
        NewOrderSingle single = new NewOrderSingle(new ClOrdID(clOrdId), new quickfix.field.Side(side(order.side())),
                new TransactTime(now), new OrdType(ordType(order.type())));
        single.set(new Account(account(strategyId)));
        single.set(new Symbol(order.symbol()));
        setDecimal(single, OrderQty.FIELD, order.quantity());
        setDecimal(single, Price.FIELD, order.price());
        setDecimal(single, StopPx.FIELD, order.stopPrice());
        return single;
    }

    /**
     * The order a NewOrderSingle asks for. Throws {@link IllegalArgumentException} when it is not one Batchcast
     * places (an unknown side or type, a price the type does not take or a missing one, no quantity).
     */
    public static NewOrder newOrder(NewOrderSingle single) throws FieldNotFound {
        OrderType type = orderType(single.getOrdType().getValue());
        BigDecimal quantity = decimal(single, OrderQty.FIELD);
        if (quantity == null) {
            throw new IllegalArgumentException("OrderQty (38) is required");
        }
        return new NewOrder(single.getClOrdID().getValue(), single.getSymbol().getValue(),
                side(single.getSide().getValue()), type, quantity, decimal(single, Price.FIELD),
                decimal(single, StopPx.FIELD));
    }

    /**
     * Sets a quantity or price field exactly, as its plain decimal string; nothing when {@code value} is null.
     * (QuickFIX/J's generated FIX 4.4 fields hold doubles, which would round quantities such as 0.1.)
     */
    public static void setDecimal(FieldMap message, int field, BigDecimal value) {
        if (value != null) {
            message.setString(field, value.toPlainString());
        }
    }

    /** A quantity or price field, exactly; null when it is not set. */
    public static BigDecimal decimal(FieldMap message, int field) throws FieldNotFound {
        if (!message.isSetField(field)) {
            return null;
        }
        String value = message.getString(field);
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("field " + field + " must be a decimal number, was '" + value + "'");
        }
    }
}

package io.batchcast.adapter.exchange.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchcast.domain.NewOrder;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.Side;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import quickfix.FieldNotFound;
import quickfix.field.OrdType;
import quickfix.fix44.NewOrderSingle;

/** The wire spelling both ends share: a NewOrderSingle carries the order exactly, decimals included. */
class FixOrdersTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 1, 2, 3, 4, 5);

    @Test
    void everyOrderTypeSurvivesTheRoundTripExactly() throws FieldNotFound {
        for (NewOrder order : new NewOrder[] {
                new NewOrder("b1-0", "BTC-USDT", Side.BUY, OrderType.LIMIT, new BigDecimal("0.1"), new BigDecimal("65000.15"), null),
                new NewOrder("b1-1", "BTC-USDT", Side.SELL, OrderType.MARKET, new BigDecimal("12345678.00000001"), null, null),
                new NewOrder("b1-2", "ETH-USDT", Side.SELL, OrderType.STOP_MARKET, new BigDecimal("3"), null, new BigDecimal("1999.99")),
                new NewOrder("b1-3", "ETH-USDT", Side.BUY, OrderType.STOP_LIMIT, new BigDecimal("3"), new BigDecimal("2001"), new BigDecimal("2000"))}) {
            NewOrderSingle single = FixOrders.newOrderSingle(7, order.clientOrderId(), order, NOW);

            assertEquals(order, FixOrders.newOrder(single));
            assertEquals("7", single.getAccount().getValue());
        }
    }

    @Test
    void theWireValuesAreFix44s() throws FieldNotFound {
        NewOrderSingle single = FixOrders.newOrderSingle(42, "b9-3", new NewOrder("x", "BTC-USDT", Side.SELL,
                OrderType.STOP_LIMIT, new BigDecimal("0.10"), new BigDecimal("1E+2"), new BigDecimal("101")), NOW);

        assertEquals("8=FIX.4.4|9=0|35=D|1=42|11=b9-3|38=0.10|40=4|44=100|54=2|55=BTC-USDT|60=20260102-03:04:05.000|99=101|10=000|",
                single.toString().replace('\u0001', '|').replaceAll("9=\\d+\\|35", "9=0|35").replaceAll("10=\\d{3}", "10=000"));
        assertEquals('3', FixOrders.ordType(OrderType.STOP_MARKET));
        assertEquals(OrderType.MARKET, FixOrders.orderType(OrdType.MARKET));
        assertEquals(Optional.of(OrderStatus.CANCELLED), FixOrders.orderStatus('4'));
        assertEquals(Optional.empty(), FixOrders.orderStatus('8'));
    }

    @Test
    void whatBatchcastDoesNotTradeIsRefusedWithTheField() {
        NewOrderSingle pegged = FixOrders.newOrderSingle(7, "b1-0", new NewOrder("x", "BTC-USDT", Side.BUY,
                OrderType.MARKET, BigDecimal.ONE, null, null), NOW);
        pegged.set(new OrdType(OrdType.PEGGED));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FixOrders.newOrder(pegged));
        assertEquals("OrdType (40) must be 1 (Market), 2 (Limit), 3 (Stop) or 4 (Stop limit), was P", e.getMessage());
    }
}

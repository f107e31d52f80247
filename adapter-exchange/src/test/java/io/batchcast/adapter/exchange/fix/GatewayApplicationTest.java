package io.batchcast.adapter.exchange.fix;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchcast.domain.NewOrder;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.Side;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import quickfix.DoNotSend;
import quickfix.Message;
import quickfix.SessionID;
import quickfix.field.ClOrdID;
import quickfix.field.OrigClOrdID;
import quickfix.field.PossDupFlag;
import quickfix.field.TransactTime;
import quickfix.fix44.OrderCancelRequest;
import quickfix.fix44.OrderStatusRequest;

/** What QuickFIX/J may send: never an order or cancel again on a resend, never one while not logged on. */
class GatewayApplicationTest {

    /** No such session is registered, as when the initiator has not logged on (or was stopped). */
    private static final SessionID NOT_LOGGED_ON = new SessionID("FIX.4.4", "NOBODY", "NOWHERE");
    private static final LocalDateTime NOW = LocalDateTime.of(2026, 1, 2, 3, 4, 5);

    private final GatewayApplication application = new GatewayApplication(new PendingReplies());

    @Test
    void aResentNewOrderSingleOrCancelIsRefusedSoThatAGapFillGoesInstead() {
        assertThrows(DoNotSend.class, () -> application.toApp(possDup(order()), NOT_LOGGED_ON));
        assertThrows(DoNotSend.class, () -> application.toApp(possDup(cancel()), NOT_LOGGED_ON));
    }

    @Test
    void aFirstNewOrderSingleOrCancelWhileNotLoggedOnIsRefusedAndSoNotStoredForLater() {
        assertThrows(DoNotSend.class, () -> application.toApp(order(), NOT_LOGGED_ON));
        assertThrows(DoNotSend.class, () -> application.toApp(cancel(), NOT_LOGGED_ON));
    }

    @Test
    void statusRequestsMayBeResent() {
        OrderStatusRequest status = new OrderStatusRequest(new ClOrdID("b1-0"),
                new quickfix.field.Side(FixOrders.SIDE_UNDISCLOSED));

        assertDoesNotThrow(() -> application.toApp(possDup(status), NOT_LOGGED_ON));
    }

    private static Message order() {
        return FixOrders.newOrderSingle(7, "b1-0", new NewOrder("c1", "BTC-USDT", Side.BUY, OrderType.LIMIT,
                BigDecimal.ONE, new BigDecimal("100"), null), NOW);
    }

    private static Message cancel() {
        return new OrderCancelRequest(new OrigClOrdID(FixOrders.NOT_APPLICABLE), new ClOrdID("b2-0"),
                new quickfix.field.Side(FixOrders.SIDE_UNDISCLOSED), new TransactTime(NOW));
    }

    private static Message possDup(Message message) {
        message.getHeader().setField(new PossDupFlag(true));
        return message;
    }
}

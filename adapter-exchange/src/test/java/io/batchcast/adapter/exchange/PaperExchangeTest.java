package io.batchcast.adapter.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchcast.application.port.out.ExecutionReport.Accepted;
import io.batchcast.application.port.out.ExecutionReport.Rejected;
import io.batchcast.domain.NewOrder;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.Side;
import io.batchcast.application.port.out.VenueOrder;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PaperExchangeTest {

    private final PaperExchange exchange = new PaperExchange(PaperExchangeSettings.defaults(), "t");

    static NewOrder limit(String symbol, String quantity, String price) {
        return new NewOrder("c1", symbol, Side.BUY, OrderType.LIMIT, new BigDecimal(quantity), new BigDecimal(price),
                null);
    }

    static NewOrder market(String quantity) {
        return new NewOrder("m1", "BTC-USDT", Side.SELL, OrderType.MARKET, new BigDecimal(quantity), null, null);
    }

    @Test
    void acceptedOrdersRestOpenWithSequentialIdsOfTheSession() {
        assertEquals(new Accepted("PX-t-1", OrderStatus.OPEN), exchange.place(7, VenueIds.next(), limit("BTC-USDT", "1", "100")));
        assertEquals(new Accepted("PX-t-2", OrderStatus.OPEN), exchange.place(8, VenueIds.next(), limit("ETH-USDT", "2", "10")));
        assertEquals(2, exchange.openOrders());
    }

    @Test
    void stopOrdersRestOpenLikeLimitOrders() {
        NewOrder stopMarket = new NewOrder("s1", "BTC-USDT", Side.SELL, OrderType.STOP_MARKET, BigDecimal.ONE, null,
                new BigDecimal("90"));
        NewOrder stopLimit = new NewOrder("s2", "BTC-USDT", Side.SELL, OrderType.STOP_LIMIT, BigDecimal.ONE,
                new BigDecimal("89"), new BigDecimal("90"));

        assertEquals(new Accepted("PX-t-1", OrderStatus.OPEN), exchange.place(7, VenueIds.next(), stopMarket));
        assertEquals(new Accepted("PX-t-2", OrderStatus.OPEN), exchange.place(7, VenueIds.next(), stopLimit));
        assertEquals(new Accepted("PX-t-2", OrderStatus.CANCELLED), exchange.cancel(7, VenueIds.next(), "PX-t-2"));
    }

    @Test
    void marketOrderFillsAtOnceAndCannotBeCancelled() {
        assertEquals(new Accepted("PX-t-1", OrderStatus.FILLED), exchange.place(7, VenueIds.next(), market("0.5")));
        assertEquals(0, exchange.openOrders());

        assertEquals(new Rejected("NOT_CANCELLABLE", "order PX-t-1 is filled and can no longer be cancelled"),
                exchange.cancel(7, VenueIds.next(), "PX-t-1"));
    }

    @Test
    void cancellingAnOpenOrderTwiceSaysAlreadyCancelled() {
        exchange.place(7, VenueIds.next(), limit("BTC-USDT", "1", "100"));

        assertEquals(new Accepted("PX-t-1", OrderStatus.CANCELLED), exchange.cancel(7, VenueIds.next(), "PX-t-1"));
        assertEquals(new Rejected("ALREADY_CANCELLED", "order PX-t-1 is already cancelled"),
                exchange.cancel(7, VenueIds.next(), "PX-t-1"));
        assertEquals(0, exchange.openOrders());
    }

    @Test
    void cancellingAnUnknownOrderIsRejectedAsUnknown() {
        assertEquals(new Rejected("UNKNOWN_ORDER", "strategy 7 has no order PX-t-99"), exchange.cancel(7, VenueIds.next(), "PX-t-99"));
    }

    @Test
    void anotherStrategyCannotCancelTheOrder() {
        exchange.place(7, VenueIds.next(), limit("BTC-USDT", "1", "100"));

        assertEquals(new Rejected("UNKNOWN_ORDER", "strategy 8 has no order PX-t-1"), exchange.cancel(8, VenueIds.next(), "PX-t-1"));
        assertEquals(new Accepted("PX-t-1", OrderStatus.CANCELLED), exchange.cancel(7, VenueIds.next(), "PX-t-1"));
    }

    @Test
    void idsThisSessionNeverGaveAreUnknownOrders() {
        exchange.place(7, VenueIds.next(), limit("BTC-USDT", "1", "100"));

        for (String id : List.of("PX-t-0", "PX-t-01", "PX-t-2", "PX-t-", "PX-t-1x", "PX-t-99999999999", "PX-u-1",
                "px-t-1", "1")) {
            assertEquals("UNKNOWN_ORDER", ((Rejected) exchange.cancel(7, VenueIds.next(), id)).reason(), id);
        }
        assertEquals(1, exchange.openOrders(), "nothing was cancelled");
    }

    @Test
    void thousandsOfRestingOrdersStayCancellableOneByOne() {
        for (int i = 0; i < 5_000; i++) {
            exchange.place(1 + i % 3, VenueIds.next(), limit("BTC-USDT", "1", "100"));
        }

        assertEquals(5_000, exchange.openOrders());
        // order n belongs to strategy 1 + (n - 1) % 3
        assertEquals(new Accepted("PX-t-4999", OrderStatus.CANCELLED), exchange.cancel(1, VenueIds.next(), "PX-t-4999"));
        assertEquals("UNKNOWN_ORDER", ((Rejected) exchange.cancel(1, VenueIds.next(), "PX-t-5000")).reason(),
                "order 5000 is strategy 2's");
        assertEquals(new Accepted("PX-t-5000", OrderStatus.CANCELLED), exchange.cancel(2, VenueIds.next(), "PX-t-5000"));
        assertEquals(4_998, exchange.openOrders());
    }

    @Test
    void forgetsTheOldestClosedOrdersBeyondItsMemory() {
        PaperExchange forgetful = new PaperExchange(PaperExchangeSettings.defaults().withClosedOrderMemory(1), "t");
        forgetful.place(7, VenueIds.next(), limit("BTC-USDT", "1", "100"));
        forgetful.place(7, VenueIds.next(), limit("BTC-USDT", "1", "100"));
        forgetful.cancel(7, VenueIds.next(), "PX-t-1");
        forgetful.cancel(7, VenueIds.next(), "PX-t-2");

        assertEquals("UNKNOWN_ORDER", ((Rejected) forgetful.cancel(7, VenueIds.next(), "PX-t-1")).reason());
        assertEquals("ALREADY_CANCELLED", ((Rejected) forgetful.cancel(7, VenueIds.next(), "PX-t-2")).reason());
    }

    @Test
    void randomSessionsGiveDifferentIdPrefixes() {
        String first = ((Accepted) new PaperExchange(PaperExchangeSettings.defaults()).place(1, VenueIds.next(), market("1"))).orderId();
        String second = ((Accepted) new PaperExchange(PaperExchangeSettings.defaults()).place(1, VenueIds.next(), market("1"))).orderId();

        assertTrue(first.matches("PX-[a-z0-9]{8}-1"), first);
        assertTrue(second.matches("PX-[a-z0-9]{8}-1"), second);
        assertTrue(!first.equals(second), first + " == " + second);
    }

    @Test
    void aSecondOrderUnderOneVenueClientOrderIdIsRefusedAndPlacesNothing() {
        assertEquals(new Accepted("PX-t-1", OrderStatus.OPEN), exchange.place(7, "b1-0", limit("BTC-USDT", "1", "100")));

        assertEquals(new Rejected("DUPLICATE_CLIENT_ORDER_ID",
                "the venue already accepted a request with client order id b1-0"),
                exchange.place(7, "b1-0", limit("BTC-USDT", "1", "100")));
        assertEquals(1, exchange.openOrders());
        assertEquals(new Accepted("PX-t-2", OrderStatus.OPEN), exchange.place(8, "b1-0", limit("BTC-USDT", "1", "100")));
    }

    @Test
    void lookupTellsWhatEachRequestDidAndTheOrdersStatusNow() {
        exchange.place(7, "b1-0", limit("BTC-USDT", "1", "100"));
        exchange.place(7, "b1-1", market("1"));
        exchange.place(7, "b1-2", limit("BTC-USDT", "1", "100"));
        exchange.cancel(7, "b2-0", "PX-t-3");

        assertEquals(Optional.of(new VenueOrder("PX-t-1", OrderStatus.OPEN)), exchange.lookup(7, "b1-0"));
        assertEquals(Optional.of(new VenueOrder("PX-t-2", OrderStatus.FILLED)), exchange.lookup(7, "b1-1"));
        assertEquals(Optional.of(new VenueOrder("PX-t-3", OrderStatus.CANCELLED)), exchange.lookup(7, "b1-2"));
        assertEquals(Optional.of(new VenueOrder("PX-t-3", OrderStatus.CANCELLED)), exchange.lookup(7, "b2-0"));
        assertEquals(Optional.empty(), exchange.lookup(7, "b9-0"), "never received");
        assertEquals(Optional.empty(), exchange.lookup(8, "b1-0"), "another strategy's request");
    }

    @Test
    void aRefusedRequestLeavesNothingToLookUp() {
        PaperExchange strict = new PaperExchange(PaperExchangeSettings.defaults().withAllowedSymbols(List.of("ETH-USDT")), "t");
        strict.place(7, "b1-0", limit("BTC-USDT", "1", "100"));
        strict.cancel(7, "b1-1", "PX-t-404");

        assertEquals(Optional.empty(), strict.lookup(7, "b1-0"));
        assertEquals(Optional.empty(), strict.lookup(7, "b1-1"));
    }

    @Test
    void aSessionThatNumberedAllItsOrdersRefusesTheNextAndStillCancels() {
        PaperExchange small = new PaperExchange(PaperExchangeSettings.defaults(), "t", 2);
        assertEquals(new Accepted("PX-t-1", OrderStatus.OPEN), small.place(7, "b1-0", limit("BTC-USDT", "1", "100")));
        assertEquals(new Accepted("PX-t-2", OrderStatus.FILLED), small.place(7, "b1-1", market("1")));

        assertEquals(new Rejected("EXCHANGE_REJECTED", "the paper exchange took 2 orders this session; restart it"),
                small.place(7, "b1-2", limit("BTC-USDT", "1", "100")));
        assertEquals(Optional.empty(), small.lookup(7, "b1-2"));
        assertEquals(new Accepted("PX-t-1", OrderStatus.CANCELLED), small.cancel(7, "b2-0", "PX-t-1"));
        assertEquals(0, small.openOrders());
    }

    @Test
    void theSameCancelRequestAgainAnswersAsTheFirstTime() {
        exchange.place(7, "b1-0", limit("BTC-USDT", "1", "100"));

        assertEquals(new Accepted("PX-t-1", OrderStatus.CANCELLED), exchange.cancel(7, "b2-0", "PX-t-1"));
        assertEquals(new Accepted("PX-t-1", OrderStatus.CANCELLED), exchange.cancel(7, "b2-0", "PX-t-1"));
        assertEquals("ALREADY_CANCELLED", ((Rejected) exchange.cancel(7, "b3-0", "PX-t-1")).reason());
    }

    @Test
    void sessionMustBeShortLowercaseAscii() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new PaperExchange(PaperExchangeSettings.defaults(), "Bad-Session"));
        assertEquals("session must be 1-16 of [a-z0-9], was 'Bad-Session'", e.getMessage());
    }
}

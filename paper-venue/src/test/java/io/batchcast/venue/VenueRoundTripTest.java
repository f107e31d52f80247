package io.batchcast.venue;

import static io.batchcast.venue.Fixtures.limit;
import static io.batchcast.venue.Fixtures.market;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchcast.adapter.exchange.PaperExchangeSettings;
import io.batchcast.adapter.exchange.fix.FixExchange;
import io.batchcast.application.port.out.ExecutionReport.Accepted;
import io.batchcast.application.port.out.ExecutionReport.Rejected;
import io.batchcast.application.port.out.VenueOrder;
import io.batchcast.domain.NewOrder;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.Side;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FIX adapter against a real venue over a socket on this machine: every answer the in-process paper exchange
 * gives, the venue gives over FIX, with the same reasons and messages. One venue and one session for the class; each
 * test uses a strategy (FIX Account) of its own.
 */
class VenueRoundTripTest {

    @TempDir
    static Path dir;

    private static PaperVenue venue;
    private static FixExchange exchange;

    @BeforeAll
    static void start() throws InterruptedException {
        int port = Fixtures.freePort();
        PaperExchangeSettings rules = PaperExchangeSettings.defaults()
                .withAllowedSymbols(List.of("BTC-USDT", "ETH-USDT"))
                .withMaxNotional(new BigDecimal("1000000"));
        venue = PaperVenue.start(Fixtures.venue(port, dir.resolve("venue"), rules));
        exchange = Fixtures.loggedOn(Fixtures.gateway(port, dir.resolve("gateway")));
    }

    @AfterAll
    static void stop() {
        exchange.close();
        venue.close();
    }

    @Test
    void placesRestingAndFilledOrdersAndLooksThemUp() {
        NewOrder stopLimit = new NewOrder("s1", "ETH-USDT", Side.SELL, OrderType.STOP_LIMIT, new BigDecimal("0.125"),
                new BigDecimal("1999.5"), new BigDecimal("2000"));

        Accepted resting = (Accepted) exchange.place(1, "b1-0", limit("BTC-USDT", "0.5", "100"));
        Accepted filled = (Accepted) exchange.place(1, "b1-1", market("2"));
        Accepted stop = (Accepted) exchange.place(1, "b1-2", stopLimit);

        assertEquals(OrderStatus.OPEN, resting.status());
        assertEquals(OrderStatus.FILLED, filled.status());
        assertEquals(OrderStatus.OPEN, stop.status());
        assertEquals(Optional.of(new VenueOrder(resting.orderId(), OrderStatus.OPEN)), exchange.lookup(1, "b1-0"));
        assertEquals(Optional.of(new VenueOrder(filled.orderId(), OrderStatus.FILLED)), exchange.lookup(1, "b1-1"));
        assertEquals(Optional.of(new VenueOrder(stop.orderId(), OrderStatus.OPEN)), exchange.lookup(1, "b1-2"));
        assertEquals(Optional.empty(), exchange.lookup(1, "b9-0"), "never received");
        assertEquals(Optional.empty(), exchange.lookup(99, "b1-0"), "another strategy's request");
    }

    @Test
    void orderIdsCountUpUnderTheBooksPrefix() {
        String first = ((Accepted) exchange.place(2, "b1-0", limit("BTC-USDT", "1", "100"))).orderId();
        String second = ((Accepted) exchange.place(2, "b1-1", limit("BTC-USDT", "1", "100"))).orderId();

        long n = Long.parseLong(first.substring("PV-t-".length()));
        assertEquals("PV-t-" + n, first);
        assertEquals("PV-t-" + (n + 1), second);
    }

    @Test
    void aSecondOrderUnderOneClOrdIdIsRefusedAndPlacesNothing() {
        Accepted first = (Accepted) exchange.place(3, "b1-0", limit("BTC-USDT", "1", "100"));

        assertEquals(new Rejected("DUPLICATE_CLIENT_ORDER_ID",
                        "the venue already accepted a request with client order id b1-0"),
                exchange.place(3, "b1-0", limit("BTC-USDT", "2", "200")));
        assertEquals(Optional.of(new VenueOrder(first.orderId(), OrderStatus.OPEN)), exchange.lookup(3, "b1-0"));
        assertEquals(Map.of("b1-0", new VenueOrder(first.orderId(), OrderStatus.OPEN)), exchange.massStatus(3));
        assertEquals(OrderStatus.OPEN, ((Accepted) exchange.place(4, "b1-0", limit("BTC-USDT", "1", "100"))).status(),
                "another strategy may use the same id");
    }

    @Test
    void cancelsAnswerLikeThePaperExchange() {
        String open = ((Accepted) exchange.place(5, "b1-0", limit("BTC-USDT", "1", "100"))).orderId();
        String filled = ((Accepted) exchange.place(5, "b1-1", market("1"))).orderId();

        assertEquals(new Accepted(open, OrderStatus.CANCELLED), exchange.cancel(5, "b2-0", open));
        assertEquals(new Accepted(open, OrderStatus.CANCELLED), exchange.cancel(5, "b2-0", open),
                "the same cancel request again answers as the first time");
        assertEquals(new Rejected("ALREADY_CANCELLED", "order " + open + " is already cancelled"),
                exchange.cancel(5, "b3-0", open));
        assertEquals(new Rejected("NOT_CANCELLABLE", "order " + filled + " is filled and can no longer be cancelled"),
                exchange.cancel(5, "b3-1", filled));
        assertEquals(new Rejected("UNKNOWN_ORDER", "strategy 6 has no order " + open), exchange.cancel(6, "b3-2", open));
        assertEquals(new Rejected("UNKNOWN_ORDER", "strategy 5 has no order PV-t-999999"),
                exchange.cancel(5, "b3-3", "PV-t-999999"));
        assertEquals(new Rejected("DUPLICATE_CLIENT_ORDER_ID",
                        "the venue already accepted a request with client order id b1-1"),
                exchange.cancel(5, "b1-1", open), "a cancel under an order's ClOrdID");

        assertEquals(Optional.of(new VenueOrder(open, OrderStatus.CANCELLED)), exchange.lookup(5, "b1-0"));
        assertEquals(Optional.of(new VenueOrder(open, OrderStatus.CANCELLED)), exchange.lookup(5, "b2-0"),
                "a cancel request is looked up as the order it cancelled");
        assertEquals(Optional.empty(), exchange.lookup(5, "b3-0"), "a refused cancel leaves nothing to look up");
    }

    @Test
    void tradingRulesRefuseWithTheRuleAndStoreNothing() {
        assertEquals(new Rejected("EXCHANGE_REJECTED",
                        "symbol allow-list: DOGE-USDT is not tradable here (allowed: BTC-USDT, ETH-USDT)"),
                exchange.place(7, "b1-0", limit("DOGE-USDT", "1", "1")));
        assertEquals(new Rejected("EXCHANGE_REJECTED",
                        "max notional: 2000000 (price 1000000 x quantity 2) exceeds the limit 1000000"),
                exchange.place(7, "b1-1", limit("BTC-USDT", "2", "1000000")));
        assertEquals(Optional.empty(), exchange.lookup(7, "b1-0"));
        assertEquals(Map.of(), exchange.massStatus(7));
    }

    @Test
    void massStatusListsTheStrategysOrdersInTheOrderTheyWereAccepted() {
        String a = ((Accepted) exchange.place(8, "b1-0", limit("BTC-USDT", "1", "100"))).orderId();
        String b = ((Accepted) exchange.place(8, "b1-1", market("3"))).orderId();
        String c = ((Accepted) exchange.place(8, "b1-2", limit("ETH-USDT", "1", "10"))).orderId();
        exchange.cancel(8, "b2-0", c);

        Map<String, VenueOrder> expected = new LinkedHashMap<>();
        expected.put("b1-0", new VenueOrder(a, OrderStatus.OPEN));
        expected.put("b1-1", new VenueOrder(b, OrderStatus.FILLED));
        expected.put("b1-2", new VenueOrder(c, OrderStatus.CANCELLED));
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(exchange.massStatus(8).entrySet()));
        assertEquals(Map.of(), exchange.massStatus(9), "a strategy without orders");
    }
}

package io.batchcast.adapter.exchange;

import static io.batchcast.adapter.exchange.PaperExchangeTest.limit;
import static io.batchcast.adapter.exchange.PaperExchangeTest.market;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchcast.application.port.out.ExecutionReport.Accepted;
import io.batchcast.application.port.out.ExecutionReport.Rejected;
import io.batchcast.domain.NewOrder;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.Side;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class TradingRulesTest {

    private static PaperExchange exchangeWith(PaperExchangeSettings settings) {
        return new PaperExchange(settings, "t");
    }

    @Test
    void symbolOutsideTheAllowListIsRejectedNamingTheRule() {
        PaperExchange exchange = exchangeWith(
                PaperExchangeSettings.defaults().withAllowedSymbols(List.of("ETH-USDT", "BTC-USDT")));

        assertEquals(new Rejected("EXCHANGE_REJECTED",
                        "symbol allow-list: XRP-USDT is not tradable here (allowed: BTC-USDT, ETH-USDT)"),
                exchange.place(7, VenueIds.next(), limit("XRP-USDT", "1", "1")));
        assertEquals(new Accepted("PX-t-1", OrderStatus.OPEN), exchange.place(7, VenueIds.next(), limit("ETH-USDT", "1", "1")));
        assertEquals(1, exchange.openOrders());
    }

    @Test
    void emptyAllowListAllowsEverySymbol() {
        PaperExchange exchange = exchangeWith(PaperExchangeSettings.defaults());

        assertEquals(new Accepted("PX-t-1", OrderStatus.OPEN), exchange.place(7, VenueIds.next(), limit("ANY/THING", "1", "1")));
    }

    @Test
    void notionalAboveTheLimitIsRejectedWithTheComputedAmount() {
        PaperExchange exchange = exchangeWith(
                PaperExchangeSettings.defaults().withMaxNotional(new BigDecimal("50000")));

        assertEquals(new Rejected("EXCHANGE_REJECTED",
                        "max notional: 60000.00 (price 30000 x quantity 2.00) exceeds the limit 50000"),
                exchange.place(7, VenueIds.next(), limit("BTC-USDT", "2.00", "30000")));
        assertEquals(0, exchange.openOrders());
    }

    @Test
    void notionalExactlyAtTheLimitIsAccepted() {
        PaperExchange exchange = exchangeWith(
                PaperExchangeSettings.defaults().withMaxNotional(new BigDecimal("50000")));

        assertEquals(new Accepted("PX-t-1", OrderStatus.OPEN), exchange.place(7, VenueIds.next(), limit("BTC-USDT", "0.5", "100000")));
    }

    @Test
    void stopMarketNotionalUsesTheTriggerPrice() {
        PaperExchange exchange = exchangeWith(PaperExchangeSettings.defaults().withMaxNotional(new BigDecimal("100")));
        NewOrder stopMarket = new NewOrder("s1", "BTC-USDT", Side.SELL, OrderType.STOP_MARKET, new BigDecimal("3"),
                null, new BigDecimal("40"));

        assertEquals(new Rejected("EXCHANGE_REJECTED",
                        "max notional: 120 (price 40 x quantity 3) exceeds the limit 100"),
                exchange.place(7, VenueIds.next(), stopMarket));
    }

    @Test
    void marketOrdersHaveNoPriceSoTheNotionalLimitCannotApply() {
        PaperExchange exchange = exchangeWith(PaperExchangeSettings.defaults().withMaxNotional(BigDecimal.ONE));

        assertEquals(new Accepted("PX-t-1", OrderStatus.FILLED), exchange.place(7, VenueIds.next(), market("1000")));
    }

    @Test
    void rejectedOrdersUseNoOrderId() {
        PaperExchange exchange = exchangeWith(PaperExchangeSettings.defaults().withAllowedSymbols(List.of("BTC-USDT")));
        exchange.place(7, VenueIds.next(), limit("XRP-USDT", "1", "1"));

        assertEquals(new Accepted("PX-t-1", OrderStatus.OPEN), exchange.place(7, VenueIds.next(), limit("BTC-USDT", "1", "1")));
    }
}

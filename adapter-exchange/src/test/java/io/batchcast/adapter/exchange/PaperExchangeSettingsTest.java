package io.batchcast.adapter.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaperExchangeSettingsTest {

    @Test
    void defaultsAreNoLatencyNoRulesAndAHundredThousandClosedOrders() {
        assertEquals(new PaperExchangeSettings(Duration.ZERO, Set.of(), null, 100_000),
                PaperExchangeSettings.defaults());
    }

    @Test
    void withersChangeOneValue() {
        PaperExchangeSettings settings = PaperExchangeSettings.defaults()
                .withLatency(Duration.ofMillis(5))
                .withAllowedSymbols(List.of("BTC-USDT"))
                .withMaxNotional(new BigDecimal("1000"))
                .withClosedOrderMemory(10);

        assertEquals(new PaperExchangeSettings(Duration.ofMillis(5), Set.of("BTC-USDT"), new BigDecimal("1000"), 10),
                settings);
    }

    @Test
    void negativeLatencyIsRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> PaperExchangeSettings.defaults().withLatency(Duration.ofMillis(-1)));
        assertEquals("latency must be >= 0, was PT-0.001S", e.getMessage());
    }

    @Test
    void nonPositiveMaxNotionalIsRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> PaperExchangeSettings.defaults().withMaxNotional(new BigDecimal("0.00")));
        assertEquals("maxNotional must be positive (or absent for no limit), was 0.00", e.getMessage());
    }

    @Test
    void closedOrderMemoryOutsideItsRangeIsRefused() {
        var negative = assertThrows(IllegalArgumentException.class,
                () -> PaperExchangeSettings.defaults().withClosedOrderMemory(-1));
        var tooMany = assertThrows(IllegalArgumentException.class,
                () -> PaperExchangeSettings.defaults().withClosedOrderMemory(4_194_305));

        assertEquals("closedOrderMemory must be 0-4194304, was -1", negative.getMessage());
        assertEquals("closedOrderMemory must be 0-4194304, was 4194305", tooMany.getMessage());
        assertEquals(4_194_304, PaperExchangeSettings.defaults().withClosedOrderMemory(4_194_304).closedOrderMemory());
    }
}

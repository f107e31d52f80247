package io.batchcast.adapter.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The book's own bounds: how many orders one session may number. */
class OrderBookTest {

    @Test
    void aSessionNumbersAtLeastOneOrderAndAtMostWhatAnArrayCanIndex() {
        assertEquals(1, new OrderBook("P-", 16, 1).maxOrders());
        assertEquals(Integer.MAX_VALUE - 8, new OrderBook("P-", 16, OrderBook.MAX_ORDERS).maxOrders());
        assertEquals(OrderBook.MAX_ORDERS, new OrderBook("P-", 16).maxOrders(), "the default is the most there can be");
    }

    @Test
    void anOrderLimitOutsideItsRangeIsRefusedWithTheRange() {
        assertEquals("maxOrders must be 1-2147483639, was 0", assertThrows(IllegalArgumentException.class,
                () -> new OrderBook("P-", 16, 0)).getMessage());
        assertEquals("maxOrders must be 1-2147483639, was 2147483640", assertThrows(IllegalArgumentException.class,
                () -> new OrderBook("P-", 16, Integer.MAX_VALUE - 7)).getMessage());
    }
}

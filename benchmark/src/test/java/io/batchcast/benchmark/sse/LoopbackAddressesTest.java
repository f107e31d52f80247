package io.batchcast.benchmark.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LoopbackAddressesTest {

    private final LoopbackAddresses addresses = new LoopbackAddresses(20_000);

    @Test
    void firstBlockLeavesTheSourceToTheKernel() {
        assertNull(addresses.sourceFor(0));
        assertNull(addresses.sourceFor(19_999));
    }

    @Test
    void laterBlocksUseTheNextLoopbackAddresses() {
        assertEquals("127.0.0.2", addresses.sourceFor(20_000).getHostAddress());
        assertEquals("127.0.0.3", addresses.sourceFor(49_999).getHostAddress());
    }

    @Test
    void refusesMoreBlocksThanTheLastOctetHolds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LoopbackAddresses(1).sourceFor(254));

        assertEquals("connection 254 needs more than 254 source addresses", e.getMessage());
    }
}

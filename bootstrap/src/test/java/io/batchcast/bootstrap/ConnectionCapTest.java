package io.batchcast.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConnectionCapTest {

    @Test
    void aConfiguredCapWins() {
        assertEquals(5000, ConnectionCap.of(5000, 20_000));
    }

    @Test
    void withoutOneTheCapLeavesAQuarterOfTheOpenFilesLimitAndAtLeast1024ForEverythingElse() {
        assertEquals(15_000, ConnectionCap.of(0, 20_000));
        assertEquals(786_432, ConnectionCap.of(0, 1_048_576));
        assertEquals(1_976, ConnectionCap.of(0, 3_000));
        assertEquals(ConnectionCap.MINIMUM, ConnectionCap.of(0, 1024));
    }

    @Test
    void anUnknownLimitMeansNoCap() {
        assertEquals(-1, ConnectionCap.of(0, -1));
    }

    @Test
    void thisJvmReportsItsOpenFilesLimit() {
        assertTrue(ConnectionCap.openFilesLimit() > 0);
    }
}

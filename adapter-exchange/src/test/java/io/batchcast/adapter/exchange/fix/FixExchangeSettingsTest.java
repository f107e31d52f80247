package io.batchcast.adapter.exchange.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchcast.adapter.exchange.fix.store.StoreDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FixExchangeSettingsTest {

    private static final StoreDatabase STORE = new StoreDatabase("jdbc:h2:file:./data/batchcast", "", "");

    @Test
    void anAddressGivesHostAndPortWithTheDefaultSessionAndTimeout() {
        FixExchangeSettings settings = FixExchangeSettings.of("fix://127.0.0.1:9878", STORE);

        assertEquals(new FixExchangeSettings("127.0.0.1", 9878, "BATCHCAST", "PAPERVENUE", Duration.ofSeconds(5),
                Duration.ofSeconds(2), Duration.ofSeconds(10), STORE), settings);
        assertEquals("fix://127.0.0.1:9878", settings.address());
        assertEquals("venue.internal", FixExchangeSettings.of(" fix://venue.internal:9000/ ", STORE).host());
        assertEquals("fix://[::1]:9878", FixExchangeSettings.of("fix://[::1]:9878", STORE).address());
    }

    @Test
    void onlyFixAddressesSelectTheFixAdapter() {
        assertTrue(FixExchangeSettings.isFixAddress("fix://127.0.0.1:9878"));
        assertFalse(FixExchangeSettings.isFixAddress("paper"));
        assertFalse(FixExchangeSettings.isFixAddress(null));
    }

    @Test
    void badValuesAreRefusedNamingThem() {
        assertEquals("a FIX venue address looks like fix://host:port, was 'fix://venue'",
                assertThrows(IllegalArgumentException.class, () -> FixExchangeSettings.of("fix://venue", STORE))
                        .getMessage());
        assertEquals("port must be between 1 and 65535, was 70000",
                assertThrows(IllegalArgumentException.class, () -> FixExchangeSettings.of("fix://venue:70000", STORE))
                        .getMessage());
        FixExchangeSettings settings = FixExchangeSettings.of("fix://venue:9878", STORE);
        assertEquals("senderCompId must be 1-64 of [A-Za-z0-9._-], was 'A B'",
                assertThrows(IllegalArgumentException.class, () -> settings.withCompIds("A B", "PAPERVENUE"))
                        .getMessage());
        assertEquals("senderCompId and targetCompId must differ, both were X",
                assertThrows(IllegalArgumentException.class, () -> settings.withCompIds("X", "X")).getMessage());
        assertEquals("timeout must be at least PT0.001S, was PT0S",
                assertThrows(IllegalArgumentException.class, () -> settings.withTimeout(Duration.ZERO)).getMessage());
        assertEquals("reconnectInterval must be at least PT1S, was PT0.5S",
                assertThrows(IllegalArgumentException.class,
                        () -> settings.withReconnectInterval(Duration.ofMillis(500))).getMessage());
    }
}

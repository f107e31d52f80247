package io.batchcast.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchcast.adapter.exchange.PaperExchange;
import io.batchcast.adapter.exchange.PaperExchangeSettings;
import io.batchcast.adapter.exchange.fix.FixExchange;
import io.batchcast.adapter.exchange.fix.FixExchangeSettings;
import io.batchcast.adapter.exchange.fix.store.StoreDatabase;
import io.batchcast.adapter.persistence.PersistenceSettings;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExchangeConnectionTest {

    private static final PersistenceSettings DATABASE =
            PersistenceSettings.of("jdbc:postgresql://127.0.0.1:5432/batchcast", "postgres", "secret");

    @TempDir
    Path dir;

    @Test
    void theBundledDefaultIsTheInProcessPaperExchange() {
        try (ExchangeConnection exchange = ExchangeConnection.open(bundled(Map.of()), PaperExchangeSettings.defaults(),
                DATABASE)) {
            assertInstanceOf(PaperExchange.class, exchange.port());
            assertEquals("paper exchange (in-process)", exchange.description());
        }
    }

    @Test
    void aFixAddressWithTheBundledSessionSettings() {
        Config config = bundled(Map.of("batchcast.exchange", "fix://127.0.0.1:9878"));

        assertEquals(new FixExchangeSettings("127.0.0.1", 9878, "BATCHCAST", "PAPERVENUE", Duration.ofSeconds(5),
                        Duration.ofSeconds(2), Duration.ofSeconds(10),
                        new StoreDatabase("jdbc:postgresql://127.0.0.1:5432/batchcast", "postgres", "secret")),
                ExchangeConnection.fixSettings(config.get("batchcast"), "fix://127.0.0.1:9878", DATABASE));
    }

    @Test
    void environmentStyleValuesSetTheFixSession() {
        Config config = bundled(Map.of(
                "batchcast.exchange", "fix://venue.internal:9000",
                "batchcast.fix.sender-comp-id", "BATCHCAST2",
                "batchcast.fix.target-comp-id", "VENUE",
                "batchcast.fix.timeout", "PT1.5S",
                "batchcast.fix.reconnect-interval", "PT5S",
                "batchcast.fix.heartbeat-interval", "PT30S"));

        FixExchangeSettings settings =
                ExchangeConnection.fixSettings(config.get("batchcast"), "fix://venue.internal:9000", DATABASE);

        assertEquals(new FixExchangeSettings("venue.internal", 9000, "BATCHCAST2", "VENUE", Duration.ofMillis(1500),
                Duration.ofSeconds(5), Duration.ofSeconds(30), settings.store()), settings);
    }

    @Test
    void aFixAddressStartsTheFixAdapterOnTheGatewaysDatabase() {
        PersistenceSettings sqlite = PersistenceSettings.of("jdbc:sqlite:" + dir.resolve("batchcast.db"), "", "");
        Config config = bundled(Map.of("batchcast.exchange", "fix://127.0.0.1:1"));

        try (ExchangeConnection exchange = ExchangeConnection.open(config, PaperExchangeSettings.defaults(), sqlite)) {
            assertInstanceOf(FixExchange.class, exchange.port());
            assertEquals("FIX venue fix://127.0.0.1:1 as BATCHCAST -> PAPERVENUE", exchange.description());
        }
    }

    @Test
    void anythingElseIsRefusedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExchangeConnection.open(
                bundled(Map.of("batchcast.exchange", "binance")), PaperExchangeSettings.defaults(), DATABASE));

        assertEquals("batchcast.exchange (BATCHCAST_EXCHANGE) must be 'paper' or fix://host:port, was 'binance'",
                e.getMessage());
    }

    private static Config bundled(Map<String, String> overrides) {
        return Config.just(ConfigSources.create(overrides), ConfigSources.classpath("application.yaml"));
    }
}

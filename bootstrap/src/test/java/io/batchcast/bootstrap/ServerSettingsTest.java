package io.batchcast.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.config.EnvironmentVariables;
import io.helidon.webserver.WebServerConfig;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerSettingsTest {

    @Test
    void defaultsComeFromTheBundledApplicationYaml() {
        ServerSettings settings = ServerSettings.from(Config.just(ConfigSources.classpath("application.yaml")));

        assertEquals(8080, settings.httpPort());
        assertEquals(9090, settings.grpc().port());
        assertEquals("jdbc:sqlite:./data/batchcast.db", settings.persistence().url());
        assertEquals(1000, settings.limits().maxBatchOperations());
        assertEquals(Duration.ZERO, settings.exchange().latency());
        assertEquals(false, settings.demo());
        assertEquals("", settings.configuredSecret());
        assertEquals(new AuthConfig("", Optional.empty(), Optional.empty(), Optional.empty()), settings.auth());
    }

    @Test
    void identityProviderKeysComeFromTheEnvironmentAndEmptyMeansUnset() {
        Config config = Config.just(ConfigSources.create(Map.of(
                        "batchcast.auth.jwks-url", "https://idp.example.com/realms/trading/protocol/openid-connect/certs",
                        "batchcast.auth.issuer", "https://idp.example.com/realms/trading",
                        "batchcast.auth.audience", " ")),
                ConfigSources.classpath("application.yaml"));

        assertEquals(new AuthConfig("",
                        Optional.of(URI.create("https://idp.example.com/realms/trading/protocol/openid-connect/certs")),
                        Optional.of("https://idp.example.com/realms/trading"), Optional.empty()),
                ServerSettings.from(config).auth());
    }

    @Test
    void aJwksUrlThatIsNotAUrlNamesTheKey() {
        Config config = Config.just(ConfigSources.create(Map.of("batchcast.auth.jwks-url", "https://idp example/jwks")));

        assertEquals("batchcast.auth.jwks-url is not a URL: 'https://idp example/jwks' (Illegal character in authority)",
                assertThrows(IllegalArgumentException.class, () -> ServerSettings.from(config)).getMessage());
    }

    @Test
    void aRandomSecretIsMadeOnlyWhenNothingElseCouldSignATokenOrTheDemoNeedsOne() {
        JwtSecret generated = JwtSecret.fromConfig("", true);
        JwtSecret none = JwtSecret.fromConfig("", false);
        JwtSecret configured = JwtSecret.fromConfig(RunningJar.SECRET, false);

        assertEquals(true, generated.generated());
        assertEquals(43, generated.bytes().length);
        assertEquals(new JwtSecret(Optional.empty(), false), none);
        assertEquals(RunningJar.SECRET, configured.text());
        assertEquals(false, configured.generated());
    }

    @Test
    void theWebServerListenerDefaultsToBlockingSocketsWithoutAResponseBuffer() {
        Config config = Config.just(ConfigSources.classpath("application.yaml"));

        WebServerConfig web = WebServerConfig.builder().config(config.get("server")).buildPrototype();

        assertEquals(false, web.useNio());
        assertEquals(0, web.writeBufferSize());
    }

    @Test
    void environmentStyleValuesOverrideTheFileIncludingCommaSeparatedLists() {
        Config config = Config.just(
                ConfigSources.create(Map.of(
                        "batchcast.http.port", "18080",
                        "batchcast.db.url", "jdbc:postgresql://127.0.0.1:5432/batchcast",
                        "batchcast.exchange.latency", "PT0.005S",
                        "batchcast.exchange.allowed-symbols", "BTC-USDT, ETH-USDT",
                        "batchcast.exchange.max-notional", "250000",
                        "batchcast.demo", "true")),
                ConfigSources.classpath("application.yaml"));

        ServerSettings settings = ServerSettings.from(config);

        assertEquals(18080, settings.httpPort());
        assertEquals("jdbc:postgresql://127.0.0.1:5432/batchcast", settings.persistence().url());
        assertEquals(Duration.ofMillis(5), settings.exchange().latency());
        assertEquals(Set.of("BTC-USDT", "ETH-USDT"), settings.exchange().allowedSymbols());
        assertEquals(new BigDecimal("250000"), settings.exchange().maxNotional());
        assertEquals(true, settings.demo());
    }

    @Test
    void receiptMaxAgeDefaultsToAWeekLikeEventsAndIsListedInTheBundledYaml() {
        Config bundled = Config.just(ConfigSources.classpath("application.yaml"));

        assertEquals("PT168H", bundled.get("batchcast.retention.receipt-max-age").asString().get());
        assertEquals(Duration.ofHours(168), ServerSettings.from(bundled).persistence().receiptMaxAge());
        assertEquals(Duration.ofHours(168), ServerSettings.from(Config.empty()).persistence().receiptMaxAge(),
                "without the key");
    }

    @Test
    void receiptMaxAgeIsOverriddenByItsEnvironmentVariable() {
        Config config = Config.just(
                ConfigSources.create(EnvironmentVariables.expand(
                        Map.of("BATCHCAST_RETENTION_RECEIPT_dash_MAX_dash_AGE", "PT36H"))),
                ConfigSources.classpath("application.yaml"));

        assertEquals(Duration.ofHours(36), ServerSettings.from(config).persistence().receiptMaxAge());
    }

    @Test
    void receiptMaxAgeThatIsNotPositiveIsRefusedNamingTheKeyAndTheValue() {
        assertEquals("batchcast.retention.receipt-max-age (BATCHCAST_RETENTION_RECEIPT_dash_MAX_dash_AGE)"
                + " must be positive, was PT0S", refusal("batchcast.retention.receipt-max-age", "PT0S"));
        assertEquals("batchcast.retention.receipt-max-age (BATCHCAST_RETENTION_RECEIPT_dash_MAX_dash_AGE)"
                + " must be positive, was PT-1H", refusal("batchcast.retention.receipt-max-age", "-PT1H"));
    }

    @Test
    void statisticsDefaultToHourlyPeriodsKeptNinetyDaysAndAreListedInTheBundledYaml() {
        Config bundled = Config.just(ConfigSources.classpath("application.yaml"));

        assertEquals("PT1H", bundled.get("batchcast.statistics.summary-interval").asString().get());
        assertEquals("PT2160H", bundled.get("batchcast.retention.statistics-max-age").asString().get());
        for (Config config : List.of(bundled, Config.empty())) {
            ServerSettings settings = ServerSettings.from(config);
            assertEquals(Duration.ofHours(1), settings.summaryInterval().length());
            assertEquals(Duration.ofHours(1), settings.persistence().summaryInterval().length());
            assertEquals(Duration.ofDays(90), settings.persistence().statisticsMaxAge());
        }
    }

    @Test
    void statisticsSettingsAreOverriddenByTheirEnvironmentVariables() {
        Config config = Config.just(
                ConfigSources.create(EnvironmentVariables.expand(Map.of(
                        "BATCHCAST_STATISTICS_SUMMARY_dash_INTERVAL", "PT15M",
                        "BATCHCAST_RETENTION_STATISTICS_dash_MAX_dash_AGE", "PT720H"))),
                ConfigSources.classpath("application.yaml"));

        ServerSettings settings = ServerSettings.from(config);
        assertEquals(Duration.ofMinutes(15), settings.summaryInterval().length());
        assertEquals(Duration.ofMinutes(15), settings.persistence().summaryInterval().length());
        assertEquals(Duration.ofDays(30), settings.persistence().statisticsMaxAge());
    }

    @Test
    void aSummaryIntervalThatDividesNeitherAnHourNorADayIsRefusedNamingTheKeyAndTheLimit() {
        String limit = " must be a whole number of seconds that divides PT1H (e.g. PT1M, PT15M, PT1H) or of hours"
                + " that divides PT24H (e.g. PT6H, PT24H), was ";
        assertEquals("batchcast.statistics.summary-interval" + limit + "PT7M",
                refusal("batchcast.statistics.summary-interval", "PT7M"));
        assertEquals("batchcast.statistics.summary-interval" + limit + "PT5H",
                refusal("batchcast.statistics.summary-interval", "PT5H"));
        assertEquals("batchcast.statistics.summary-interval" + limit + "PT0.5S",
                refusal("batchcast.statistics.summary-interval", "PT0.5S"));
        assertEquals("batchcast.retention.statistics-max-age must be a positive duration, was PT0S",
                refusal("batchcast.retention.statistics-max-age", "PT0S"));
    }

    private static String refusal(String key, String value) {
        Config config = Config.just(ConfigSources.create(Map.of(key, value)), ConfigSources.classpath("application.yaml"));
        return assertThrows(IllegalArgumentException.class, () -> ServerSettings.from(config)).getMessage();
    }
}

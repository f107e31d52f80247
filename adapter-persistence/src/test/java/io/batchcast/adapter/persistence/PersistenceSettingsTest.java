package io.batchcast.adapter.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PersistenceSettingsTest {

    @Test
    void defaultsAreTheEmbeddedDatabaseWithAWeekOrTenThousandEventsAWeekOfReceiptsAndNinetyDaysOfStatistics() {
        assertEquals(new PersistenceSettings("jdbc:sqlite:./data/batchcast.db", "", "", 10, Duration.ofSeconds(3),
                10_000, Duration.ofDays(7), Duration.ofHours(168), Duration.ofMinutes(1),
                new io.batchcast.domain.SummaryInterval(Duration.ofHours(1)), Duration.ofHours(2160)),
                PersistenceSettings.defaults());
    }

    @Test
    void receiptMaxAgeIsSetLikeTheOtherRetentionValues() {
        PersistenceSettings settings = PersistenceSettings.defaults().withReceiptMaxAge(Duration.ofHours(2));

        assertEquals(Duration.ofHours(2), settings.receiptMaxAge());
        assertEquals(Duration.ofDays(7), settings.retentionAge());
        assertEquals(Duration.ofHours(2), settings.withRetention(5, Duration.ofDays(1)).withPruneInterval(
                Duration.ofSeconds(30)).withPoolSize(3).withConnectionTimeout(Duration.ofSeconds(1)).receiptMaxAge(),
                "every with... keeps it");
    }

    @Test
    void badValuesAreRefusedNamingTheFieldAndTheLimit() {
        PersistenceSettings defaults = PersistenceSettings.defaults();

        assertEquals("poolSize must be between 1 and 200, was 0", assertThrows(IllegalArgumentException.class,
                () -> defaults.withPoolSize(0)).getMessage());
        assertEquals("connectionTimeout must be at least 250ms, was PT0.1S", assertThrows(
                IllegalArgumentException.class, () -> defaults.withConnectionTimeout(Duration.ofMillis(100)))
                .getMessage());
        assertEquals("retentionCount must be at least 1, was 0", assertThrows(IllegalArgumentException.class,
                () -> defaults.withRetention(0, Duration.ofDays(1))).getMessage());
        assertEquals("retentionAge must be positive, was PT0S", assertThrows(IllegalArgumentException.class,
                () -> defaults.withRetention(10, Duration.ZERO)).getMessage());
        assertEquals("receiptMaxAge must be positive, was PT0S", assertThrows(IllegalArgumentException.class,
                () -> defaults.withReceiptMaxAge(Duration.ZERO)).getMessage());
        assertEquals("receiptMaxAge must be positive, was PT-1H", assertThrows(IllegalArgumentException.class,
                () -> defaults.withReceiptMaxAge(Duration.ofHours(-1))).getMessage());
        assertEquals("pruneInterval must be positive, was PT-1S", assertThrows(IllegalArgumentException.class,
                () -> defaults.withPruneInterval(Duration.ofSeconds(-1))).getMessage());
        assertEquals("url must start with jdbc:sqlite:, jdbc:h2: or jdbc:postgresql:, was 'jdbc:mysql://db/batchcast'",
                assertThrows(IllegalArgumentException.class, () -> Dialect.of("jdbc:mysql://db/batchcast"))
                        .getMessage());
    }

    @Test
    void passwordNeverShowsInTheTextForm() {
        String text = PersistenceSettings.of("jdbc:postgresql://db/batchcast", "batchcast", "s3cr3t").toString();

        assertEquals(false, text.contains("s3cr3t"), text);
        assertEquals(true, text.contains("password=***"), text);
    }

    @Test
    void passwordInTheUrlIsMaskedInMessages() {
        PersistenceSettings settings =
                PersistenceSettings.of("jdbc:postgresql://db/batchcast?user=bc&password=s3cr3t&ssl=true", "", "");

        assertEquals("jdbc:postgresql://db/batchcast?user=bc&password=***&ssl=true", settings.redactedUrl());
        assertEquals("url must start with jdbc:sqlite:, jdbc:h2: or jdbc:postgresql:, was 'jdbc:mysql://db/bc;PASSWORD=***'",
                assertThrows(IllegalArgumentException.class, () -> Dialect.of("jdbc:mysql://db/bc;PASSWORD=x"))
                        .getMessage());
    }
}

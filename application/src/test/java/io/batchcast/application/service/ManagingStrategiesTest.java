package io.batchcast.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchcast.application.port.in.BatchValidationException;
import io.batchcast.application.port.in.FieldViolation;
import io.batchcast.application.testing.InMemoryStore;
import io.batchcast.domain.Strategy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManagingStrategiesTest {

    private static final Instant NOW = Instant.parse("2025-10-30T12:00:00Z");
    private final ManagingStrategies strategies = new ManagingStrategies(new InMemoryStore(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void createdStrategyBelongsToItsCreatorAndIsListedOnlyForThem() {
        Strategy alpha = strategies.create("u1", "  alpha ");
        strategies.create("u2", "beta");
        Strategy gamma = strategies.create("u1", "gamma");

        assertEquals(new Strategy(1, "u1", "alpha", NOW), alpha);
        assertEquals(List.of(alpha, gamma), strategies.list("u1", 0, 100));
        assertEquals(List.of(gamma), strategies.list("u1", alpha.id(), 100));
        assertEquals(List.of(alpha), strategies.list("u1", 0, 1));
    }

    @Test
    void nameMustBeOneToHundredCharacters() {
        var empty = assertThrows(BatchValidationException.class, () -> strategies.create("u1", "   "));
        var tooLong = assertThrows(BatchValidationException.class, () -> strategies.create("u1", "x".repeat(101)));

        assertEquals(List.of(new FieldViolation("name", "must be 1 to 100 characters after trimming, had 0")),
                empty.violations());
        assertEquals(List.of(new FieldViolation("name", "must be 1 to 100 characters after trimming, had 101")),
                tooLong.violations());
    }

    @Test
    void pageSizeIsBounded() {
        var tooBig = assertThrows(BatchValidationException.class, () -> strategies.list("u1", 0, 1001));

        assertEquals(List.of(new FieldViolation("page_size", "must be between 1 and 1000, was 1001")), tooBig.violations());
    }
}

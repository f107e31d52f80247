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
    void nameWithAControlCharacterIsRefusedBeforeItReachesTheStore() {
        // PostgreSQL cannot store a NUL in text: without this check the call failed as "store unavailable"
        var nul = assertThrows(BatchValidationException.class, () -> strategies.create("u1", "grid\u0000one"));
        var tab = assertThrows(BatchValidationException.class, () -> strategies.create("u1", " grid\tone "));
        var delete = assertThrows(BatchValidationException.class, () -> strategies.create("u1", "grid\u007f"));

        String rule = "must not contain control characters (U+0000 to U+001F, U+007F to U+009F), had one at"
                + " character ";
        assertEquals(List.of(new FieldViolation("name", rule + 4)), nul.violations());
        assertEquals(List.of(new FieldViolation("name", rule + 4)), tab.violations());
        assertEquals(List.of(new FieldViolation("name", rule + 4)), delete.violations());
        assertEquals(List.of(), strategies.list("u1", 0, 100));
    }

    @Test
    void nameWithALoneSurrogateIsRefused() {
        var lone = assertThrows(BatchValidationException.class, () -> strategies.create("u1", "rt-" + (char) 0xD800));
        var reversed = assertThrows(BatchValidationException.class,
                () -> strategies.create("u1", "rt-" + (char) 0xDC00 + (char) 0xD800));

        String rule = "must be well-formed Unicode, had a lone UTF-16 surrogate at character ";
        assertEquals(List.of(new FieldViolation("name", rule + 3)), lone.violations());
        assertEquals(List.of(new FieldViolation("name", rule + 3)), reversed.violations());
        assertEquals(List.of(), strategies.list("u1", 0, 100));
    }

    @Test
    void nameOutsideTheBasicPlaneAndLeadingOrTrailingWhitespaceAreFine() {
        Strategy rocket = strategies.create("u1", "\trocket \uD83D\uDE80\n");

        assertEquals("rocket \uD83D\uDE80", rocket.name());
    }

    @Test
    void pageSizeIsBounded() {
        var tooBig = assertThrows(BatchValidationException.class, () -> strategies.list("u1", 0, 1001));

        assertEquals(List.of(new FieldViolation("page_size", "must be between 1 and 1000, was 1001")), tooBig.violations());
    }
}

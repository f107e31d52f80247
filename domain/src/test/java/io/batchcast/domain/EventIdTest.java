package io.batchcast.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EventIdTest {

    @Test
    void roundTripsThroughItsWireForm() {
        EventId id = new EventId("k3f9a0b1", 42);

        assertEquals("k3f9a0b1-42", id.toString());
        assertEquals(Optional.of(id), EventId.parse("k3f9a0b1-42"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "42", "abc", "abc-", "-5", "abc-0", "abc-01", "ABC-5", "abc-5x", "abc-5\nid: 9",
            "abc-12345678901234567890", "a b-5", "abcdefghijklmnopq-1"})
    void malformedCursorsAreTreatedAsAbsent(String text) {
        assertTrue(EventId.parse(text).isEmpty());
    }

    @Test
    void nullCursorIsAbsent() {
        assertTrue(EventId.parse(null).isEmpty());
    }
}

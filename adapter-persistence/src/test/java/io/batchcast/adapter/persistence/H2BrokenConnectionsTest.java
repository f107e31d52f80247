package io.batchcast.adapter.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.SQLExceptionOverride.Override;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class H2BrokenConnectionsTest {

    private final List<String> closings = new ArrayList<>();
    private final H2BrokenConnections rule = new H2BrokenConnections(() -> closings.add("database closed"));

    @Test
    void aClosedDatabaseEvictsTheConnectionAndTellsThePool() {
        assertEquals(Override.MUST_EVICT, rule.adjudicate(h2Error(90098)));
        assertEquals(List.of("database closed"), closings);
    }

    @Test
    void aBrokenConnectionIsEvictedAloneWithoutTellingThePool() {
        assertEquals(Override.MUST_EVICT, rule.adjudicate(h2Error(90067)));
        assertEquals(Override.MUST_EVICT, rule.adjudicate(h2Error(90121)));
        assertEquals(List.of(), closings);
    }

    @Test
    void otherErrorsAreLeftToHikarisOwnRules() {
        assertEquals(Override.CONTINUE_EVICT, rule.adjudicate(h2Error(23505)));
        assertEquals(Override.CONTINUE_EVICT, rule.adjudicate(h2Error(50000)));
        assertEquals(List.of(), closings);
    }

    private static SQLException h2Error(int code) {
        return new SQLException("H2 error " + code, "HY000", code);
    }
}

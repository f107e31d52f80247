package io.batchcast.benchmark.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenLoopSenderTest {

    @Test
    void sendsAreDueAtFixedIntervalsFromTheStart() {
        OpenLoopSender sender = new OpenLoopSender(500);

        assertEquals(1_000L, sender.dueNanos(1_000, 0));
        assertEquals(2_001_000L, sender.dueNanos(1_000, 1));
        assertEquals(1_000_001_000L, sender.dueNanos(1_000, 500));
    }

    @Test
    void runMakesRateTimesDurationSendsStampedWithTheirDueTimes() {
        OpenLoopSender sender = new OpenLoopSender(1_000);
        List<Long> due = new ArrayList<>();

        long sent = sender.run(OpenLoopSender.seconds(0.05), due::add);

        assertEquals(50, sent);
        assertEquals(50, due.size());
        assertEquals(1_000_000L, due.get(1) - due.get(0));
        assertEquals(49_000_000L, due.get(49) - due.get(0));
    }

    @Test
    void refusesANonPositiveRate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OpenLoopSender(0));

        assertEquals("rate must be positive, was 0.0", e.getMessage());
    }
}

package io.batchcast.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchcast.benchmark.measure.CpuCounter;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClosedLoopTest {

    @Test
    void aWindowCountsItsOwnCallsErrorsAndTheCpuBetweenItsEdges() throws Exception {
        Iterator<Long> readings = List.of(1_000L, 4_000_000L, 4_000_000L, 9_000_000L).iterator();
        CpuCounter cpu = readings::next;
        try (ClosedLoop loop = new ClosedLoop(1, c -> {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalArgumentException("refused");
        })) {
            ClosedLoop.Outcome first = loop.measure(0.1, cpu);
            ClosedLoop.Outcome second = loop.measure(0.1, cpu);

            assertEquals(0, first.calls());
            assertTrue(first.errors() >= 5 && first.errors() <= 20, "~20 calls of 5 ms in 0.1 s: " + first.errors());
            assertEquals("java.lang.IllegalArgumentException: refused", first.firstError());
            assertEquals(3_999_000L, first.cpuNanos()[0]);
            assertEquals(5_000_000L, second.cpuNanos()[0]);
            assertTrue(first.seconds() >= 0.1);
        }
    }
}

package io.batchcast.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchcast.benchmark.measure.CpuCounter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ClosedLoopTest {

    @Test
    void aWindowCountsTheCallsEndingInItAndTheCpuBetweenItsEdges() throws Exception {
        // each call waits for an outcome; the first CPU reading of a window (at its start) releases three of them
        LinkedBlockingQueue<Boolean> outcomes = new LinkedBlockingQueue<>();
        Deque<Long> readings = new ArrayDeque<>(List.of(1_000L, 4_000_000L));
        CpuCounter cpu = () -> {
            long reading = readings.removeFirst();
            if (reading == 1_000L) {
                outcomes.addAll(List.of(true, false, true));
            }
            return reading;
        };
        AtomicBoolean measured = new AtomicBoolean();
        try (ClosedLoop loop = new ClosedLoop(1, c -> {
            if (measured.get()) {
                return;
            }
            try {
                if (!outcomes.take()) {
                    throw new IllegalArgumentException("refused");
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        })) {
            ClosedLoop.Outcome window = loop.measure(2, cpu);

            assertEquals(2, window.calls());
            assertEquals(1, window.errors());
            assertEquals("java.lang.IllegalArgumentException: refused", window.firstError());
            assertEquals(3_999_000L, window.cpuNanos()[0]);
            assertEquals(1.9995, window.cpuMillisPerCall(), 1e-9);
            measured.set(true);
            outcomes.add(true); // the waiting call ends, and the caller's next ones return at once until closed
        }
    }
}

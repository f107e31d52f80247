package io.batchcast.benchmark.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DeliveryLatencyTest {

    private static final long MS = 1_000_000;

    @Test
    void frameAfterTheResponseIsTimedFromTheIntendedSendTime() {
        DeliveryLatency latency = new DeliveryLatency();

        latency.accepted("b-1", 100 * MS, 2);
        latency.delivered("b-1", 103 * MS);
        latency.delivered("b-1", 107 * MS);

        assertEquals(2, latency.deliveries());
        assertEquals(2, latency.expectedDeliveries());
        assertEquals(3.0, latency.snapshot().getMinValue() / 1e6, 0.01);
        assertEquals(7.0, latency.snapshot().getMaxValue() / 1e6, 0.01);
    }

    @Test
    void frameBeforeTheResponseWaitsForItAndIsThenRecorded() {
        DeliveryLatency latency = new DeliveryLatency();

        latency.delivered("b-1", 105 * MS);
        assertEquals(0, latency.deliveries());
        latency.accepted("b-1", 100 * MS, 1);

        assertEquals(1, latency.deliveries());
        assertEquals(5.0, latency.snapshot().getMaxValue() / 1e6, 0.01);
    }

    @Test
    void warmUpBatchesAreNeitherExpectedNorRecorded() {
        DeliveryLatency latency = new DeliveryLatency();
        latency.recordFrom(1_000 * MS);

        latency.accepted("warm", 999 * MS, 10);
        latency.delivered("warm", 1_001 * MS);
        latency.accepted("hot", 1_000 * MS, 10);
        latency.delivered("hot", 1_002 * MS);

        assertEquals(1, latency.deliveries());
        assertEquals(10, latency.expectedDeliveries());
    }

    @Test
    void aSendThatWentOutLateStillCountsFromItsDueTime() {
        DeliveryLatency latency = new DeliveryLatency();

        // due at 100 ms, actually sent at 150 ms after a stall, delivered at 152 ms: 52 ms, not 2 ms
        latency.accepted("late", 100 * MS, 1);
        latency.delivered("late", 152 * MS);

        assertEquals(52.0, latency.snapshot().getValueAtPercentile(50) / 1e6, 0.05);
    }
}

package io.batchcast.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliveryCountersTest {

    @Test
    void lagIsCountedInTheFirstBucketThatHoldsItAndCumulativelyAbove() {
        var counters = new DeliveryCounters();

        counters.liveEventQueued(Duration.ofMillis(3));
        counters.liveEventQueued(Duration.ofSeconds(7));
        counters.liveEventQueued(Duration.ofMillis(-2)); // clocks of two instances: never negative

        assertEquals(1, counters.lagAtMost(0), "<= 1 ms: the negative one, as zero");
        assertEquals(1, counters.lagAtMost(1), "<= 2 ms");
        assertEquals(2, counters.lagAtMost(2), "<= 5 ms");
        assertEquals(2, counters.lagAtMost(DeliveryCounters.LAG_BUCKETS.size() - 1), "<= 5 s");
        assertEquals(3, counters.lagCount());
        assertEquals(7.003, counters.lagSeconds(), 1e-9);
    }
}

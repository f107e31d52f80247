package io.batchcast.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SlowConsumerScenarioTest {

    /** The run that called the target met with the mean: 20.10 / ((18.27 + 172.23) / 2) = 0.211. */
    @Test
    void aDisturbedPhaseAroundTheStallCannotLowerTheRatio() {
        assertEquals(20.10 / 18.27, SlowConsumerScenario.p99Ratio(18.27, 20.10, 172.23));
        assertEquals(20.10 / 18.27, SlowConsumerScenario.p99Ratio(172.23, 20.10, 18.27));
    }

    @Test
    void aStallTheHealthyReadersDoNotNoticeReadsAsOne() {
        assertEquals(1.0, SlowConsumerScenario.p99Ratio(10.0, 10.0, 12.0));
    }
}

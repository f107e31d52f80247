package io.batchcast.benchmark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** When the fan-out and slow-consumer warm-ups call the server warm. */
class WarmUpSteadyTest {

    @Test
    void fanoutIsWarmWhenTheLastThreeRoundsAgreeWithinFifteenPercent() {
        assertFalse(FanoutRounds.steady(List.of(10.0, 10.0)), "two rounds are not enough");
        assertTrue(FanoutRounds.steady(List.of(30.0, 10.0, 11.5, 10.0)));
        assertFalse(FanoutRounds.steady(List.of(10.0, 11.6, 10.0)), "11.6 is 16% above 10");
        assertFalse(FanoutRounds.steady(List.of(0.0, 0.0, 0.0)), "no CPU measured is no reading");
    }

    @Test
    void fanoutWarmsUpForAtLeastTheMinimumEvenWhenSteadyAndNeverPastTheLimit() {
        List<Double> steady = List.of(100.0, 56.7, 56.3, 51.3);
        assertTrue(FanoutRounds.keepWarming(steady, 16, 60, 180), "steady after 16 s is too early to tell");
        assertFalse(FanoutRounds.keepWarming(steady, 60, 60, 180));
        assertTrue(FanoutRounds.keepWarming(List.of(30.0, 20.0, 10.0), 90, 60, 180), "not steady yet");
        assertFalse(FanoutRounds.keepWarming(List.of(30.0, 20.0, 10.0), 180, 60, 180), "the limit ends it");
    }

    @Test
    void slowConsumersAreWarmWhenTheLastTwoPhasesAgreeWithinThirtyPercent() {
        assertFalse(SlowConsumerScenario.steady(List.of(12.0)));
        assertTrue(SlowConsumerScenario.steady(List.of(300.0, 13.0, 10.0)));
        assertFalse(SlowConsumerScenario.steady(List.of(10.0, 13.1)), "13.1 is 31% above 10");
    }
}

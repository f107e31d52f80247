package io.batchcast.benchmark.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SteadyStateTest {

    private final SteadyState steady = new SteadyState(3, 0.05);

    @Test
    void theLastWindowsWithinTheToleranceOfTheirMeanAreSteady() {
        // mean 4.0: 3.81 and 4.19 are 4.75% off
        assertTrue(steady.reached(List.of(9.0, 6.0, 3.81, 4.0, 4.19)));
    }

    @Test
    void oneWindowJustOutsideTheToleranceIsNotSteady() {
        // mean 4.0: 3.79 is 5.25% off
        assertFalse(steady.reached(List.of(3.79, 4.0, 4.21)));
    }

    @Test
    void aSeriesStillFallingByAFewPercentAWindowIsNotSteady() {
        // JIT warm-up: each window 0.32 ms cheaper than the one before; mean 4.6136, the first is 6.9% above it
        assertFalse(steady.reached(List.of(4.93, 4.6136, 4.2972)));
    }

    @Test
    void fewerWindowsThanNeededAreNotSteady() {
        assertFalse(steady.reached(List.of(4.0, 4.0)));
        assertTrue(steady.reached(List.of(4.0, 4.0, 4.0)));
    }

    @Test
    void windowsWithoutWorkAreNotSteady() {
        assertFalse(steady.reached(List.of(0.0, 0.0, 0.0)));
    }

    @Test
    void refusesRulesThatCannotSettle() {
        assertEquals("steady state needs at least 2 windows, was 1",
                assertThrows(IllegalArgumentException.class, () -> new SteadyState(1, 0.05)).getMessage());
        assertEquals("tolerance must be between 0 and 1, was 0.0",
                assertThrows(IllegalArgumentException.class, () -> new SteadyState(3, 0)).getMessage());
    }
}

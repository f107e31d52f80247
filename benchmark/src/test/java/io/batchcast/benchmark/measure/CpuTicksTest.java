package io.batchcast.benchmark.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CpuTicksTest {

    @Test
    void readsStealAndTheTotalOfTheFirstEightFields() {
        CpuTicks ticks = CpuTicks.parse("cpu  1000 20 300 5000 40 0 60 80 7 0");

        assertEquals(new CpuTicks(80, 6500), ticks);
    }

    @Test
    void theShareIsStealOverTheTimeBetweenTwoReadings() {
        CpuTicks before = CpuTicks.parse("cpu  1000 20 300 5000 40 0 60 80 0 0");
        CpuTicks after = CpuTicks.parse("cpu  1100 20 350 5130 40 0 60 100 0 0");

        assertEquals(new CpuTicks(20, 300), after.since(before));
        assertEquals(20.0 / 300, after.since(before).stealShare());
        assertEquals(0.0, before.since(before).stealShare());
    }

    @Test
    void aPerCpuLineIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CpuTicks.parse("cpu0 1 2 3 4 5 6 7 8"));
    }
}

package io.batchcast.benchmark.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LinearFitTest {

    @Test
    void slopeOfConnectionsAgainstBytesIgnoresTheFixedCost() {
        double[] connections = {0, 2_500, 5_000, 7_500, 10_000};
        double[] rss = {200e6, 200e6 + 2_500 * 9_000, 200e6 + 5_000 * 9_000, 200e6 + 7_500 * 9_000,
            200e6 + 10_000 * 9_000};

        assertEquals(9_000.0, LinearFit.slope(connections, rss), 1e-6);
    }

    @Test
    void slopeOfNoisyPointsIsTheLeastSquaresFit() {
        assertEquals(1.0, LinearFit.slope(new double[] {0, 1, 2}, new double[] {0, 2, 2}), 1e-9);
    }

    @Test
    void refusesASinglePoint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearFit.slope(new double[] {1}, new double[] {1}));

        assertEquals("need at least two (x, y) pairs of equal length, got 1 and 1", e.getMessage());
    }
}

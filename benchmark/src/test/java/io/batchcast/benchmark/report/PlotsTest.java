package io.batchcast.benchmark.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    @Test
    void writesBothPlotsAsSmallPngFiles() throws Exception {
        System.setProperty("java.awt.headless", "true");
        Histogram histogram = new Histogram(60_000_000_000L, 3);
        for (int i = 1; i <= 1000; i++) {
            histogram.recordValue(i * 20_000L);
        }

        Plots.latencyHistogram(histogram, "(test)", dir.resolve("latency.png"));
        Plots.fanoutComparison(120_000, 95_000, 1000, dir.resolve("fanout.png"));

        for (String name : new String[] {"latency.png", "fanout.png"}) {
            byte[] bytes = Files.readAllBytes(dir.resolve(name));
            assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, 8));
            assertTrue(bytes.length < 100_000, name + " is " + bytes.length + " bytes");
        }
    }
}

package io.batchcast.benchmark.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SyncCountTest {

    @Test
    void readsTheCallsColumnOfStracesSummary() {
        List<String> summary = List.of(
                "% time     seconds  usecs/call     calls    errors syscall",
                "------ ----------- ----------- --------- --------- ----------------",
                " 61.20    0.006872          68       100           fdatasync",
                " 38.80    0.004356         121        36         2 fsync",
                "------ ----------- ----------- --------- --------- ----------------",
                "100.00    0.011228          82       136         2 total");

        assertArrayEquals(new long[] {36, 100}, SyncCount.parse(summary));
    }

    @Test
    void noSyncsAtAllIsAnEmptySummary() {
        assertArrayEquals(new long[] {0, 0}, SyncCount.parse(List.of(
                "% time     seconds  usecs/call     calls    errors syscall",
                "------ ----------- ----------- --------- --------- ----------------",
                "100.00    0.000000           0         0           total")));
    }
}

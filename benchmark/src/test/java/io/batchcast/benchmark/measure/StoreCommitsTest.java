package io.batchcast.benchmark.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StoreCommitsTest {

    private static String exposition(long under20, long under50, long under100, long all, long writes) {
        return """
                # TYPE batchcast_store_commit_seconds histogram
                batchcast_store_commit_seconds_bucket{scope="application",le="0.02",} %d.0
                batchcast_store_commit_seconds_bucket{scope="application",le="0.05",} %d.0
                batchcast_store_commit_seconds_bucket{scope="application",le="0.1",} %d.0
                batchcast_store_commit_seconds_bucket{scope="application",le="+Inf",} %d.0
                batchcast_store_commit_seconds_count{scope="application",} %d.0
                batchcast_store_writes_total{scope="application",} %d.0
                """.formatted(under20, under50, under100, all, all, writes);
    }

    @Test
    void readsCommitsWritesAndTheSlowOnesFromTheBuckets() {
        StoreCommits commits = StoreCommits.of(exposition(970, 990, 996, 1000, 1500));

        assertEquals(new StoreCommits(1000, 1500, 30, 10, 4), commits);
        assertEquals(1.5, commits.writesPerCommit());
    }

    @Test
    void aWindowIsTheDifferenceOfTwoReadings() {
        StoreCommits before = StoreCommits.of(exposition(970, 990, 996, 1000, 1500));
        StoreCommits after = StoreCommits.of(exposition(1950, 1985, 1994, 2000, 3600));

        assertEquals(new StoreCommits(1000, 2100, 20, 5, 2), after.since(before));
        assertEquals(2.1, after.since(before).writesPerCommit());
    }

    @Test
    void aServerWithoutTheMetersReadsAsNothing() {
        StoreCommits none = StoreCommits.of("batchcast_sse_connections 42\n");

        assertEquals(new StoreCommits(0, 0, 0, 0, 0), none);
        assertEquals(0.0, none.writesPerCommit());
    }
}

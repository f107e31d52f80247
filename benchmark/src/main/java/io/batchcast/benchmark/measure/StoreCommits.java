package io.batchcast.benchmark.measure;

/**
 * The server's group-commit transactions as its {@code /observe/metrics} counts them
 * ({@code batchcast_store_commit_seconds} and {@code batchcast_store_writes_total}): how many, how many writes they
 * carried, and how many took longer than 20, 50 and 100 ms to be durable. Read before and after a window, the
 * difference says whether that window's latency tail waited on the disk. All zero for a server without the meters.
 */
public record StoreCommits(long commits, long writes, long over20ms, long over50ms, long over100ms) {

    private static final String BUCKET = "batchcast_store_commit_seconds_bucket";

    public static StoreCommits of(String exposition) {
        long all = count(exposition, BUCKET, "le=\"+Inf\"");
        return new StoreCommits(all, count(exposition, "batchcast_store_writes_total", ""),
                all - count(exposition, BUCKET, "le=\"0.02\""), all - count(exposition, BUCKET, "le=\"0.05\""),
                all - count(exposition, BUCKET, "le=\"0.1\""));
    }

    /** What happened between {@code earlier} and this reading. */
    public StoreCommits since(StoreCommits earlier) {
        return new StoreCommits(commits - earlier.commits, writes - earlier.writes, over20ms - earlier.over20ms,
                over50ms - earlier.over50ms, over100ms - earlier.over100ms);
    }

    /** Mean writes per commit (a batch makes two: its claim and its recording); 0 without commits. */
    public double writesPerCommit() {
        return commits == 0 ? 0 : (double) writes / commits;
    }

    private static long count(String exposition, String metric, String labels) {
        return Math.round(PrometheusText.sum(exposition, metric, labels).orElse(0));
    }
}

package io.batchcast.benchmark.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.batchcast.benchmark.report.MachineInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -cp benchmark/target/batchcast-bench.jar io.batchcast.benchmark.store.StoreBenchMain --out DIR}: the
 * store measurement. For each store it writes the server's recording of 10-operation batches in groups of 1, 8 and
 * 64 batches per transaction, each group commit made durable, and reports CPU per batch (this process and
 * PostgreSQL's backend), batches/s and the fsync calls per group (strace); then a long constant run with retention
 * on reports the bytes on disk per retained batch over time. No server process is involved.
 */
public final class StoreBenchMain {

    private StoreBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        StoreBenchOptions options;
        try {
            options = StoreBenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(StoreBenchOptions.USAGE);
            System.exit(2);
            return;
        }
        Files.createDirectories(options.out());
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("machine", MachineInfo.describe());
        run.put("options", options.describe());
        List<Map<String, Object>> stores = new ArrayList<>();
        run.put("stores", stores);
        for (StoreKind kind : options.stores()) {
            stores.add(measure(kind, options));
            write(run, options.out());
        }
        run.put("load_average_at_end", MachineInfo.loadAverage());
        run.put("finished", Instant.now().toString());
        write(run, options.out());
        Files.writeString(options.out().resolve("report.md"), StoreReport.markdown(run));
        say("done", "wrote %s and %s", options.out().resolve("results.json"), options.out().resolve("report.md"));
    }

    private static Map<String, Object> measure(StoreKind kind, StoreBenchOptions options) throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("store", kind.label);
        result.put("load_average_at_start", MachineInfo.loadAverage());
        Path dir = options.data().resolve(kind.label);
        List<Map<String, Object>> groups = new ArrayList<>();
        try (Connection connection = kind.openFresh(dir, options.pgUrl())) {
            BatchWriter writer = new BatchWriter(kind, connection);
            long pid = kind.backendPid(connection);
            CpuClock cpu = new CpuClock(pid);
            say(kind.label, "warming up %d s", options.warmupSeconds());
            timed(writer, cpu, 8, options.warmupSeconds());
            for (int size : options.groups()) {
                Map<String, Object> cell = timed(writer, cpu, size, options.seconds());
                if (SyncCount.available()) {
                    int count = Math.max(20, 800 / size);
                    long[] syncs = SyncCount.during(pid < 0 ? ProcessHandle.current().pid() : pid, () -> {
                        for (int i = 0; i < count; i++) {
                            writer.writeGroup(size);
                        }
                    }, options.out().resolve("strace-" + kind.label + "-" + size + ".txt"));
                    cell.put("strace_groups", count);
                    cell.put("fsync_calls", syncs[0]);
                    cell.put("fdatasync_calls", syncs[1]);
                    cell.put("syncs_per_group", round((syncs[0] + syncs[1]) / (double) count, 2));
                }
                say(kind.label, "group %d: %s", size, cell);
                groups.add(cell);
            }
        }
        result.put("groups", groups);
        result.put("retention", retention(kind, options, dir));
        kind.dropFresh(options.pgUrl());
        result.put("load_average_at_end", MachineInfo.loadAverage());
        return result;
    }

    /** Writes groups of {@code size} back to back for {@code seconds}. */
    private static Map<String, Object> timed(BatchWriter writer, CpuClock cpu, int size, int seconds)
            throws Exception {
        long before = writer.written();
        long[] cpuBefore = cpu.now();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long groups = 0;
        while (System.nanoTime() < end) {
            writer.writeGroup(size);
            groups++;
        }
        long wall = System.nanoTime() - start;
        long[] cpuAfter = cpu.now();
        long batches = writer.written() - before;
        Map<String, Object> cell = new LinkedHashMap<>();
        cell.put("group", size);
        cell.put("groups", groups);
        cell.put("batches", batches);
        cell.put("seconds", round(wall / 1e9, 2));
        cell.put("batches_per_second", round(batches / (wall / 1e9), 1));
        cell.put("ms_per_group", round(wall / 1e6 / groups, 3));
        cell.put("cpu_us_per_batch_process", round((cpuAfter[0] - cpuBefore[0]) / 1e3 / batches, 1));
        cell.put("cpu_us_per_batch_backend", round((cpuAfter[1] - cpuBefore[1]) / 1e3 / batches, 1));
        cell.put("cpu_us_per_batch", round((cpuAfter[0] - cpuBefore[0] + cpuAfter[1] - cpuBefore[1]) / 1e3 / batches,
                1));
        cell.put("load_average", MachineInfo.loadAverage());
        return cell;
    }

    /**
     * A long constant run with retention on, in a fresh database: groups back to back, and every
     * {@code pruneEvery} batches everything older than the newest {@code retained} batches deleted.
     */
    private static Map<String, Object> retention(StoreKind kind, StoreBenchOptions options, Path dir)
            throws Exception {
        int total = options.retentionBatches();
        int retained = options.retained();
        int size = options.retentionGroup();
        long[] seqOf = new long[total + size];
        Instant[] timeOf = new Instant[total + size];
        List<Map<String, Object>> samples = new ArrayList<>();
        Map<String, Object> result = new LinkedHashMap<>();
        say(kind.label, "retention: %d batches in groups of %d, newest %d kept", total, size, retained);
        try (Connection connection = kind.openFresh(dir, options.pgUrl())) {
            BatchWriter writer = new BatchWriter(kind, connection);
            long start = System.nanoTime();
            long pruned = 0;
            long nextSample = total / options.samples();
            while (writer.written() < total) {
                long from = writer.written();
                writer.writeGroup(size);
                Instant now = Instant.now();
                for (long b = from; b < writer.written(); b++) {
                    seqOf[(int) b] = writer.head(BatchWriter.strategyOf(b));
                    timeOf[(int) b] = now;
                }
                long cutoff = writer.written() - retained;
                if (cutoff - pruned >= options.pruneEvery()) {
                    long[] lastSeq = new long[BatchWriter.STRATEGIES + 1];
                    for (long b = Math.max(0, cutoff - BatchWriter.STRATEGIES); b < cutoff; b++) {
                        lastSeq[(int) BatchWriter.strategyOf(b)] = seqOf[(int) b];
                    }
                    writer.prune(cutoff, lastSeq, timeOf[(int) cutoff]);
                    pruned = cutoff;
                }
                if (writer.written() >= nextSample) {
                    StoreKind.DiskUse disk = kind.diskUse(connection, dir);
                    Map<String, Object> sample = new LinkedHashMap<>();
                    sample.put("written", writer.written());
                    sample.put("kept", writer.written() - pruned);
                    sample.put("seconds", round((System.nanoTime() - start) / 1e9, 1));
                    sample.put("bytes", disk.bytes());
                    sample.put("wal_bytes", disk.walBytes());
                    if (!disk.detail().isEmpty()) {
                        sample.put("detail", disk.detail());
                    }
                    samples.add(sample);
                    say(kind.label, "retention sample %s", sample);
                    nextSample += total / options.samples();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long last = (long) samples.getLast().get("bytes");
            long half = (long) samples.get(samples.size() / 2 - 1).get("bytes");
            result.put("batches", total);
            result.put("group", size);
            result.put("retained", retained);
            result.put("prune_every", options.pruneEvery());
            result.put("vacuum_after_prune", writer.vacuumsAfterPrune());
            result.put("batches_per_second", round(total / seconds, 1));
            result.put("bytes_at_end", last);
            result.put("bytes_per_retained_batch", round(last / (double) (long) samples.getLast().get("kept"), 0));
            result.put("growth_second_half", round(last / (double) half, 3));
            result.put("samples", samples);
        }
        return result;
    }

    static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }

    private static void write(Map<String, Object> run, Path out) throws Exception {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("results.json").toFile(),
                run);
    }

    static void say(String who, String format, Object... args) {
        System.out.printf("[%tT %-13s] %s%n", System.currentTimeMillis(), who, String.format(format, args));
    }
}

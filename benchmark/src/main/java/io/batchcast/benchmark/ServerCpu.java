package io.batchcast.benchmark;

import io.batchcast.benchmark.measure.CpuCounter;
import io.batchcast.benchmark.measure.DatabaseBackends;
import io.batchcast.benchmark.report.ScenarioResult;
import io.batchcast.benchmark.server.ProcessMemory;
import io.batchcast.benchmark.server.ServerProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CPU a scenario charges to the server per batch: the server JVM and, on PostgreSQL, the database backends of
 * its connections (an embedded database runs inside the JVM); beside them the harness's own CPU (the client side) and, on
 * PostgreSQL, the instance's shared background processes, which are reported but charged to no one.
 */
final class ServerCpu {

    private final CpuCounter jvm;
    private final CpuCounter client;
    private final DatabaseBackends database;

    private ServerCpu(CpuCounter jvm, CpuCounter client, DatabaseBackends database) {
        this.jvm = jvm;
        this.client = client;
        this.database = database;
    }

    /** The CPU of {@code server} (the context's current one) and of its database backends. */
    static ServerCpu of(BenchContext context, ServerProcess server) {
        long pid = server.pid();
        return new ServerCpu(() -> ProcessMemory.cpuNanos(pid), BenchContext.harnessCpu(),
                context.databaseBackends().orElse(null));
    }

    /** The server's CPU: its JVM plus, on PostgreSQL, its backends; what a warm-up watches. */
    CpuCounter server() {
        if (database == null) {
            return jvm;
        }
        CpuCounter backends = database.serverBackends();
        return () -> jvm.cpuNanos() + backends.cpuNanos();
    }

    /** Every counter, in the order {@link #perBatch} expects: JVM, client, then backends and background. */
    CpuCounter[] watched() {
        List<CpuCounter> counters = new ArrayList<>(List.of(jvm, client));
        if (database != null) {
            counters.add(database.serverBackends());
            counters.add(database.sharedBackground());
        }
        return counters.toArray(CpuCounter[]::new);
    }

    long[] read() {
        CpuCounter[] counters = watched();
        long[] nanos = new long[counters.length];
        for (int i = 0; i < counters.length; i++) {
            nanos[i] = counters[i].cpuNanos();
        }
        return nanos;
    }

    static long[] used(long[] start, long[] end) {
        long[] used = new long[start.length];
        for (int i = 0; i < start.length; i++) {
            used[i] = end[i] - start[i];
        }
        return used;
    }

    PerBatch perBatch(ClosedLoop.Outcome window) {
        return perBatch(window.calls(), window.cpuNanos());
    }

    /** {@code used}: the CPU of {@link #watched()}'s counters over a window in which {@code batches} completed. */
    PerBatch perBatch(long batches, long[] used) {
        double n = Math.max(batches, 1);
        return new PerBatch(used[0] / 1e6 / n, used[1] / 1e6 / n,
                database == null ? null : used[2] / 1e6 / n, database == null ? null : used[3] / 1e6 / n,
                database == null ? null : database.backendsSeen());
    }

    /** Milliseconds of CPU per batch; the database's are null on the embedded store. */
    record PerBatch(double jvm, double client, Double backends, Double sharedBackground, Integer backendsSeen) {

        double server() {
            return jvm + (backends == null ? 0 : backends);
        }

        double total() {
            return server() + client;
        }

        String describeServer() {
            return backends == null ? String.format(Locale.ROOT, "%.2f", jvm)
                    : String.format(Locale.ROOT, "%.2f = JVM %.2f + database backends %.2f", server(), jvm, backends);
        }

        void addTo(ScenarioResult result, String prefix) {
            result.raw(prefix + "cpu_ms_per_batch", NetworkScenario.round(total(), 3))
                    .raw(prefix + "server_cpu_ms_per_batch", NetworkScenario.round(server(), 3))
                    .raw(prefix + "server_jvm_cpu_ms_per_batch", NetworkScenario.round(jvm, 3))
                    .raw(prefix + "client_cpu_ms_per_batch", NetworkScenario.round(client, 3));
            if (backends != null) {
                result.raw(prefix + "database_backends_cpu_ms_per_batch", NetworkScenario.round(backends, 3))
                        .raw(prefix + "database_backends_seen", backendsSeen)
                        .raw(prefix + "database_shared_background_cpu_ms_per_batch",
                                NetworkScenario.round(sharedBackground, 3));
            }
        }
    }
}

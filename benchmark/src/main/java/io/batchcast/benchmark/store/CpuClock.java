package io.batchcast.benchmark.store;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of this process, plus that of the database's own process when it has one (PostgreSQL's backend for the
 * measuring connection, from {@code /proc/<pid>/stat}: utime + stime in clock ticks of 1/100 s, Linux's USER_HZ).
 * The backend's share of PostgreSQL's WAL writer and checkpointer is not counted: they serve every database.
 */
final class CpuClock {

    private static final long NANOS_PER_TICK = 10_000_000L;

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final long backendPid;

    CpuClock(long backendPid) {
        this.backendPid = backendPid;
    }

    /** Nanoseconds of CPU so far: {@code [this process, the backend]}. */
    long[] now() {
        return new long[] {os.getProcessCpuTime(), backendPid < 0 ? 0 : backendTicks() * NANOS_PER_TICK};
    }

    private long backendTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/" + backendPid + "/stat"));
            // fields after the command name, which is in parentheses and may contain spaces
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the CPU time of PostgreSQL backend " + backendPid, e);
        }
    }
}

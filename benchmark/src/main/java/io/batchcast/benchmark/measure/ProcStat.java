package io.batchcast.benchmark.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The CPU time of any process on this machine, from {@code /proc/<pid>/stat} ({@code utime} + {@code stime}, fields
 * 14 and 15), also for processes of other users such as PostgreSQL's backends, which {@link ProcessHandle} does not
 * describe. The kernel counts in clock ticks of {@code 1/CLK_TCK} s; Linux reports 100 ticks a second to user space on
 * every architecture (USER_HZ), whatever the kernel's own tick.
 */
public final class ProcStat {

    public static final long TICKS_PER_SECOND = 100;

    private ProcStat() {
    }

    /** CPU time (user + system) of {@code pid} so far, in nanoseconds; empty when the process is gone. */
    public static OptionalLong cpuNanos(long pid) {
        try {
            return OptionalLong.of(ticksToNanos(cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")))));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * utime + stime of a {@code /proc/<pid>/stat} line. The command name (field 2) is in parentheses and may hold
     * spaces and parentheses itself ("postgres: 15/main: walwriter"), so the fields are counted from its last ')'.
     */
    static long cpuTicks(String stat) {
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
        }
        // after ')' come field 3 (state), 4, ...: utime (14) is the 12th of them, stime (15) the 13th
        String[] fields = stat.substring(end + 1).trim().split("\\s+");
        if (fields.length < 13) {
            throw new IllegalArgumentException("a /proc/<pid>/stat line with " + (fields.length + 2)
                    + " fields, utime and stime are 14 and 15: " + stat);
        }
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    static long ticksToNanos(long ticks) {
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }
}

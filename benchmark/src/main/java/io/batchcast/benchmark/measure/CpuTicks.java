package io.batchcast.benchmark.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This machine's CPU time from the first line of {@code /proc/stat}: all of it (user, nice, system, idle, iowait,
 * irq, softirq, steal) and the part the hypervisor gave to other machines while this one wanted to run
 * ({@code steal}). On a shared host a scenario whose steal share is more than a few percent measured the neighbours
 * as much as the server.
 */
public record CpuTicks(long steal, long total) {

    /** Now; zero when {@code /proc/stat} cannot be read (not Linux). */
    public static CpuTicks now() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/stat")).getFirst());
        } catch (IOException | RuntimeException e) {
            return new CpuTicks(0, 0);
        }
    }

    /** The aggregate {@code cpu} line: {@code cpu user nice system idle iowait irq softirq steal [guest ...]}. */
    static CpuTicks parse(String cpuLine) {
        String[] fields = cpuLine.trim().split("\\s+");
        if (!fields[0].equals("cpu") || fields.length < 9) {
            throw new IllegalArgumentException("not the aggregate cpu line of /proc/stat: " + cpuLine);
        }
        long total = 0;
        for (int i = 1; i <= 8; i++) {
            total += Long.parseLong(fields[i]);
        }
        return new CpuTicks(Long.parseLong(fields[8]), total);
    }

    public CpuTicks since(CpuTicks earlier) {
        return new CpuTicks(steal - earlier.steal, total - earlier.total);
    }

    /** Steal over all CPU time (0…1); 0 when no time passed. */
    public double stealShare() {
        return total <= 0 ? 0 : (double) steal / total;
    }
}

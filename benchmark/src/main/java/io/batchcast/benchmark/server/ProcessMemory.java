package io.batchcast.benchmark.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process's resources as the kernel and the JVM see them: VmRSS from /proc/&lt;pid&gt;/status, the live Java heap
 * (jcmd GC.class_histogram, which runs a full GC first and sums the live objects: what connections actually retain,
 * the same figure whatever the collector), CPU time and open files.
 */
public final class ProcessMemory {

    private static final Pattern VM_RSS = Pattern.compile("^VmRSS:\\s+(\\d+) kB", Pattern.MULTILINE);
    /** The histogram's last line: "Total       52432        4169968": instances, bytes. */
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("^Total\\s+\\d+\\s+(\\d+)\\s*$",
            Pattern.MULTILINE);
    /** "   1:        316860      225280168  [B (java.base@25.0.3)": instances, bytes, class name. */
    private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)",
            Pattern.MULTILINE);

    private ProcessMemory() {
    }

    public static long rssBytes(long pid) throws IOException {
        return parseRss(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
    }

    static long parseRss(String status) {
        Matcher m = VM_RSS.matcher(status);
        if (!m.find()) {
            throw new IllegalStateException("no VmRSS line in /proc/<pid>/status");
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    /**
     * The live heap after a full collection, in bytes, and where it is by class (jcmd GC.class_histogram); empty when
     * jcmd is unavailable. {@code GC.heap_info} is no use here: G1 prints "used NNNK", ZGC "used NNM" rounded to
     * megabytes and counting whole pages, so the slope over a few thousand connections would be mostly rounding.
     */
    public static Optional<LiveHeap> liveHeap(long pid) throws IOException, InterruptedException {
        String histogram = jcmd(pid, "GC.class_histogram");
        return histogram == null ? Optional.empty() : Optional.of(parseLiveHeap(histogram));
    }

    /** A class histogram: the live bytes of every object, and of each class. */
    public record LiveHeap(long bytes, Map<String, Long> bytesByClass) {
    }

    static LiveHeap parseLiveHeap(String histogram) {
        Matcher total = HISTOGRAM_TOTAL.matcher(histogram);
        if (!total.find()) {
            throw new IllegalStateException("no Total line in GC.class_histogram output: " + histogram);
        }
        Map<String, Long> bytes = new LinkedHashMap<>();
        Matcher m = HISTOGRAM_ROW.matcher(histogram);
        while (m.find()) {
            bytes.merge(m.group(2), Long.parseLong(m.group(1)), Long::sum);
        }
        return new LiveHeap(Long.parseLong(total.group(1)), bytes);
    }

    /** CPU time (user + system) the process has used so far, in nanoseconds; -1 when the OS does not say. */
    public static long cpuNanos(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toNanos()).orElse(-1L);
    }

    /** Open file descriptors of the process. */
    public static int openFiles(long pid) {
        String[] fds = Path.of("/proc", Long.toString(pid), "fd").toFile().list();
        return fds == null ? -1 : fds.length;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return null;
        }
        Process p = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            return null;
        }
        return out;
    }
}

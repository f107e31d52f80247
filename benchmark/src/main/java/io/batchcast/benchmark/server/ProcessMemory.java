package io.batchcast.benchmark.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process's resources as the kernel and the JVM see them: VmRSS from /proc/&lt;pid&gt;/status, the Java heap in
 * use right after a full GC (jcmd GC.run, then GC.heap_info), which is what connections actually retain, CPU time
 * and open files.
 */
public final class ProcessMemory {

    private static final Pattern VM_RSS = Pattern.compile("^VmRSS:\\s+(\\d+) kB", Pattern.MULTILINE);
    /** G1 and the other collectors print "used NNNK" on the heap summary line. */
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
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

    /** Heap used after a full collection, in bytes; -1 when jcmd is unavailable. */
    public static long heapUsedAfterGc(long pid) throws IOException, InterruptedException {
        if (jcmd(pid, "GC.run") == null) {
            return -1;
        }
        String info = jcmd(pid, "GC.heap_info");
        return info == null ? -1 : parseHeapUsed(info);
    }

    static long parseHeapUsed(String heapInfo) {
        Matcher m = HEAP_USED.matcher(heapInfo);
        if (!m.find()) {
            throw new IllegalStateException("no 'used NNNK' in GC.heap_info output: " + heapInfo);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    /** CPU time (user + system) the process has used so far, in nanoseconds; -1 when the OS does not say. */
    public static long cpuNanos(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toNanos()).orElse(-1L);
    }

    /** What the heap holds by class (jcmd GC.class_histogram, which runs a full GC first): class → bytes. */
    public static Map<String, Long> classHistogram(long pid) throws IOException, InterruptedException {
        String histogram = jcmd(pid, "GC.class_histogram");
        return histogram == null ? Map.of() : parseClassHistogram(histogram);
    }

    static Map<String, Long> parseClassHistogram(String histogram) {
        Map<String, Long> bytes = new LinkedHashMap<>();
        Matcher m = HISTOGRAM_ROW.matcher(histogram);
        while (m.find()) {
            bytes.merge(m.group(2), Long.parseLong(m.group(1)), Long::sum);
        }
        return bytes;
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

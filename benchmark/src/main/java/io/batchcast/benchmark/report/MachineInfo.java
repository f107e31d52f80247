package io.batchcast.benchmark.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine the figures come from: they mean little without it. */
public final class MachineInfo {

    private MachineInfo() {
    }

    public static Map<String, Object> describe() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("cpu", firstValue("/proc/cpuinfo", "model name"));
        machine.put("memory_total", firstValue("/proc/meminfo", "MemTotal"));
        machine.put("jdk", System.getProperty("java.vm.vendor") + " " + Runtime.version());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        machine.put("open_files_limit", firstValue("/proc/self/limits", "Max open files"));
        machine.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        machine.put("load_average_at_start", loadAverage());
        return machine;
    }

    /** The 1, 5 and 15 minute load averages: the machine is shared, so a busy neighbour shows up here. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String firstValue(String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(key)) {
                    return line.substring(key.length()).replaceFirst("^[\\s:]+", "").trim().replaceAll("\\s+", " ");
                }
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }
}

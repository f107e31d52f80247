package io.batchcast.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The harness times every SSE frame when its reader parses it, so a pause of the harness's own JVM lands in the
 * server's latency figures: on the default collector (G1, on two cores) young pauses of 18–47 ms came about every 15 s
 * of the latency scenario. So the harness runs on ZGC (sub-millisecond pauses): started without a collector choice
 * (on the command line, {@code JAVA_TOOL_OPTIONS} or {@code JDK_JAVA_OPTIONS}), it runs itself again as a child JVM
 * with {@code -XX:+UseZGC} and the same options and arguments, waits for it, passes SIGTERM/SIGINT on, and exits
 * with its code. An explicit choice wins, so {@code java -XX:+UseG1GC -jar batchcast-bench.jar …} still measures on
 * G1; results.json names the collector the harness ran on ({@code harness_collector}). The child's heap is an
 * eighth of the machine's memory, committed and touched at its start ({@link #OPTIONS}): a heap that ZGC grows under
 * load faults in fresh pages, and on the benchmark machine (a VM whose memory the host hands out on first touch) that
 * page zeroing was a quarter of all CPU time during the latency scenario, in the harness as in the server.
 */
final class HarnessJvm {

    /** The collector and heap the child runs on, before this JVM's own options (which win where they overlap). */
    static final List<String> OPTIONS = List.of("-XX:+UseZGC", "-XX:InitialRAMPercentage=12.5",
            "-XX:MaxRAMPercentage=12.5", "-XX:+AlwaysPreTouch");
    /** Set in the child's environment, so that it never relaunches again. */
    static final String CHILD = "BATCHCAST_BENCH_HARNESS_CHILD";
    private static final Pattern COLLECTOR_CHOICE = Pattern.compile("-XX:\\+Use\\w*GC\\b");

    private HarnessJvm() {
    }

    /**
     * Runs the harness again on ZGC when due, and then never returns; returns at once when not due. In the child,
     * watches the parent: its stdin is a pipe from the parent, which ends only when the parent is gone (even by
     * {@code kill -9}); the child then exits as after SIGTERM, stopping its server, so no orphan goes on loading the
     * machine.
     */
    static void runOnZgcIfDue(String[] args) throws IOException {
        if (System.getenv().containsKey(CHILD)) {
            watchParent(System.in, () -> System.exit(143));
            return;
        }
        List<String> jvmArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (!due(System.getenv(), jvmArguments)) {
            return;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(command(java, jvmArguments, System.getProperty("java.class.path"),
                args)).inheritIO().redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().put(CHILD, "true");
        Process child = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (child.isAlive()) {
                child.toHandle().destroy(); // SIGTERM: the child stops its server and writes what it has
                child.onExit().join();
            }
        }, "bench-harness-child-stop"));
        int code = child.onExit().join().exitValue();
        System.exit(code);
    }

    /** Whether this JVM should hand over to a child on ZGC: not the child itself, and no collector chosen. */
    static boolean due(Map<String, String> env, List<String> jvmArguments) {
        if (env.containsKey(CHILD)) {
            return false;
        }
        List<String> chosen = new ArrayList<>(jvmArguments);
        for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS")) {
            chosen.addAll(Arrays.asList(env.getOrDefault(variable, "").split("\\s+")));
        }
        return chosen.stream().noneMatch(argument -> COLLECTOR_CHOICE.matcher(argument).find());
    }

    /** The child's command line: {@link #OPTIONS}, this JVM's options, then the main class and the same arguments. */
    static List<String> command(String java, List<String> jvmArguments, String classPath, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(OPTIONS);
        command.addAll(jvmArguments);
        command.add("-cp");
        command.add(classPath);
        command.add(BenchmarkMain.class.getName());
        command.addAll(Arrays.asList(args));
        return command;
    }

    /** Runs {@code parentGone} on a daemon thread once {@code parent} ends (the parent writes nothing to it). */
    static Thread watchParent(InputStream parent, Runnable parentGone) {
        Thread lifeline = new Thread(() -> {
            try {
                while (parent.read() >= 0) {
                    // the parent writes nothing
                }
            } catch (IOException e) {
                // a broken pipe: the parent is gone as well
            }
            parentGone.run();
        }, "bench-harness-parent-lifeline");
        lifeline.setDaemon(true);
        lifeline.start();
        return lifeline;
    }

    /** The collector this JVM runs on, by its MXBeans' names (e.g. "ZGC Cycles, ZGC Pauses"). */
    static String collector() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", "));
    }
}

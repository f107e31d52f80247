package io.batchcast.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code java -jar batchcast.jar} runs the server on the JVM options shipped in the jar ({@code jvm.options}: the
 * garbage collector and a fixed, pre-touched heap), although a jar's manifest cannot carry JVM options: when the
 * operator chose no collector, the launching JVM starts the server as a child JVM with those options and stays its
 * stand-in.
 * <ul>
 *   <li>The child inherits stdout, stderr, the environment, the working directory and every JVM option given.</li>
 *   <li>The parent exits with the child's exit code, and forwards SIGTERM/SIGINT to it (through its shutdown hook)
 *       and waits for its graceful shutdown.</li>
 *   <li>The child holds a pipe from the parent on its stdin: when the parent dies, even by {@code kill -9}, the pipe
 *       closes and the child halts at once, as if it had been killed itself. No orphan keeps the ports or the
 *       database file.</li>
 * </ul>
 * No relaunch when a collector is chosen on the command line or in {@code JAVA_TOOL_OPTIONS}/{@code JDK_JAVA_OPTIONS}
 * (the operator's choice wins), when the server is not started with {@code -jar}, or with
 * {@code BATCHCAST_JVM_RELAUNCH=false}.
 */
final class JvmRelaunch {

    /** The switch, and the mark the parent puts on its child (so that the child never relaunches again). */
    static final String VARIABLE = "BATCHCAST_JVM_RELAUNCH";
    private static final String CHILD = "child";
    private static final Pattern COLLECTOR_CHOICE = Pattern.compile("-XX:\\+Use\\w*GC\\b");

    private JvmRelaunch() {
    }

    /**
     * Called first in {@code main}: in the launching JVM, runs the server as a child and never returns (it exits with
     * the child's code); in the child, or when no relaunch is due, returns at once.
     */
    static void ifDue(String[] args) {
        Map<String, String> env = System.getenv();
        if (CHILD.equals(env.get(VARIABLE))) {
            haltWhenTheParentDies();
            return;
        }
        Optional<String> jar = startedJar();
        List<String> jvmArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (jar.isEmpty() || !due(env, jvmArguments)) {
            return;
        }
        List<String> command = command(javaBinary(), jvmArguments, shippedOptions(), jar.get(), args);
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO().redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().put(VARIABLE, CHILD);
        Process child;
        try {
            child = builder.start();
        } catch (IOException e) {
            System.err.println("Batchcast could not start its JVM with the shipped options (" + e.getMessage()
                    + "); starting on this JVM's defaults. " + VARIABLE + "=false skips this step.");
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(child), "batchcast-relaunch-stop"));
        int code = awaitExit(child);
        Runtime.getRuntime().halt(code);
    }

    /** Whether this JVM should hand over to a child on the shipped options. */
    static boolean due(Map<String, String> env, List<String> jvmArguments) {
        if ("false".equalsIgnoreCase(env.getOrDefault(VARIABLE, "true"))) {
            return false;
        }
        List<String> chosen = new ArrayList<>(jvmArguments);
        for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS")) {
            chosen.addAll(Arrays.asList(env.getOrDefault(variable, "").split("\\s+")));
        }
        return chosen.stream().noneMatch(argument -> COLLECTOR_CHOICE.matcher(argument).find());
    }

    /**
     * The child's command line: the shipped JVM options first, then the given ones, so that where both set the same
     * option the operator's wins (the JVM takes the last), then the same jar.
     */
    static List<String> command(String java, List<String> jvmArguments, List<String> shipped, String jar,
            String[] args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(shipped);
        command.addAll(jvmArguments);
        command.add("-jar");
        command.add(jar);
        command.addAll(Arrays.asList(args));
        return command;
    }

    /** {@code jvm.options} as packaged in the jar: one option per line, {@code #} comments and blank lines ignored. */
    static List<String> shippedOptions() {
        try (InputStream in = JvmRelaunch.class.getResourceAsStream("/jvm.options")) {
            if (in == null) {
                return List.of();
            }
            return parseOptions(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> parseOptions(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    /** The jar given to {@code java -jar}, if that is how this JVM was started. */
    private static Optional<String> startedJar() {
        String command = System.getProperty("sun.java.command", "");
        String first = command.split(" ", 2)[0];
        return first.endsWith(".jar") ? Optional.of(first) : Optional.empty();
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static int awaitExit(Process child) {
        while (true) {
            try {
                return child.waitFor();
            } catch (InterruptedException e) {
                // only the child's end ends the stand-in
            }
        }
    }

    /** The stand-in is being stopped (SIGTERM, SIGINT): stop the server gracefully and end with its exit code. */
    private static void stop(Process child) {
        if (child.isAlive()) {
            child.toHandle().destroy(); // SIGTERM only: Process.destroy() also closes the child's stdin, its lifeline
            Runtime.getRuntime().halt(awaitExit(child));
        }
    }

    /** In the child: stdin is the parent's pipe, which reaches its end only when the parent is gone. */
    private static void haltWhenTheParentDies() {
        Thread lifeline = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent writes nothing
                }
            } catch (IOException e) {
                // a broken pipe: the parent is gone as well
            }
            Runtime.getRuntime().halt(137);
        }, "batchcast-parent-lifeline");
        lifeline.setDaemon(true);
        lifeline.start();
    }
}

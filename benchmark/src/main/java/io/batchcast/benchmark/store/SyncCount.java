package io.batchcast.benchmark.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Counts the fsync and fdatasync calls a process makes while some work runs: {@code strace -f -c -e
 * trace=fsync,fdatasync} attached to each of its threads (and, through -f, to the threads it starts), detached after
 * the work. A check that the syncs the stores promise really reach the kernel, once per group size.
 */
final class SyncCount {

    private SyncCount() {
    }

    static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/strace"));
    }

    /** Runs {@code work} with strace attached to {@code pid}'s threads; returns {fsync calls, fdatasync calls}. */
    static long[] during(long pid, Work work, Path out) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/strace", "-f", "-c", "-e", "trace=fsync,fdatasync",
                "-o", out.toString()));
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                command.add("-p");
                command.add(task.getFileName().toString());
            }
        }
        Process strace = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(out.resolveSibling(out.getFileName() + ".log").toFile()).start();
        Thread.sleep(1_500); // attaching to every thread
        if (!strace.isAlive()) {
            throw new IllegalStateException("strace exited at once: " + Files.readString(
                    out.resolveSibling(out.getFileName() + ".log")));
        }
        try {
            work.run();
        } finally {
            Thread.sleep(200);
            strace.destroy(); // SIGTERM: strace detaches and writes its summary
            strace.waitFor(10, TimeUnit.SECONDS);
        }
        return parse(Files.readAllLines(out));
    }

    /** The "calls" column of strace's summary for fsync and fdatasync. */
    static long[] parse(List<String> summary) {
        long[] calls = new long[2];
        for (String line : summary) {
            String[] tokens = line.trim().split("\\s+");
            if (tokens.length < 5) {
                continue;
            }
            String syscall = tokens[tokens.length - 1];
            if (syscall.equals("fsync")) {
                calls[0] = Long.parseLong(tokens[3]);
            } else if (syscall.equals("fdatasync")) {
                calls[1] = Long.parseLong(tokens[3]);
            }
        }
        return calls;
    }

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }
}

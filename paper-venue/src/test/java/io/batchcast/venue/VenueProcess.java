package io.batchcast.venue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The venue as a real process: {@code java -cp <this test classpath> io.batchcast.venue.VenueCommand ...}, its output
 * in a file. {@link #kill9()} ends it with SIGKILL, as {@code kill -9} does: no shutdown hook, nothing flushed.
 */
final class VenueProcess implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(30);

    private final Process process;
    private final Path output;

    private VenueProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts the venue, its output going to {@code output} (a new file), and returns once it has said it listens. */
    static VenueProcess start(int port, Path data, Path output, String idPrefix)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Djava.util.logging.config.file=" + System.getProperty("java.util.logging.config.file", ""),
                VenueCommand.class.getName(),
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--data", data.toString(),
                "--id-prefix", idPrefix);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        VenueProcess venue = new VenueProcess(process, output);
        venue.awaitListening(port);
        return venue;
    }

    private void awaitListening(int port) throws IOException, InterruptedException {
        String line = "Paper venue listening for FIX 4.4 on 127.0.0.1:" + port + " ";
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() - deadline < 0) {
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (text.lines().anyMatch(l -> l.startsWith(line))) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the venue process exited with " + process.exitValue() + ":\n" + text);
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new AssertionError("the venue did not listen within " + START + ":\n" + Files.readString(output));
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the venue process " + process.pid() + " survived SIGKILL");
        }
    }

    /** SIGTERM (the shutdown hook closes the venue), then SIGKILL if it does not end in time. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill9();
            }
        }
    }
}

package io.batchcast.bootstrap;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * bootstrap/target/batchcast.jar as a process with stdout and stderr kept apart, for tests of what the process
 * writes and how it exits (where {@link RunningJar} merges both and expects a server that starts).
 */
final class JarProcess implements AutoCloseable {

    final Path stdout;
    final Path stderr;
    private final Process process;

    JarProcess(Path workDir, Map<String, String> env, String... args) throws IOException {
        stdout = workDir.resolve("stdout.log");
        stderr = workDir.resolve("stderr.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", RunningJar.jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().putAll(env);
        process = builder.start();
    }

    /** The exit code, once the process ends by itself within {@code timeout}; fails the test otherwise. */
    int awaitExit(Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the process did not exit within " + timeout + "; stdout:\n" + stdout()
                    + "\nstderr:\n" + stderr());
        }
        return process.exitValue();
    }

    /** Waits until the server answers readiness on {@code httpPort}; fails if the process exits first. */
    void awaitReady(int httpPort) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited: " + stdout() + stderr());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/observe/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not ready within 60 s: " + stdout() + stderr());
    }

    /** SIGTERM, as an orchestrator stops it; returns the exit code. */
    int terminate() throws Exception {
        process.destroy();
        return awaitExit(Duration.ofSeconds(30));
    }

    String stdout() throws IOException {
        return Files.readString(stdout);
    }

    String stderr() throws IOException {
        return Files.readString(stderr);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }
}

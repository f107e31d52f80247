package io.batchcast.bootstrap;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real bootstrap/target/batchcast.jar started as a separate process, as an operator would start it. */
final class RunningJar implements AutoCloseable {

    static final String SECRET = "system-test-secret-0123456789abcdef0123456789";

    final int httpPort;
    final int grpcPort;
    final Path log;
    private final Process process;

    RunningJar(Path workDir, Map<String, String> env) throws Exception {
        this(workDir, env, freePort(), freePort());
    }

    /** On these ports: a restart where the clients (a browser's EventSource, say) expect the server to be. */
    RunningJar(Path workDir, Map<String, String> env, int httpPort, int grpcPort) throws Exception {
        this(workDir, env, httpPort, grpcPort, List.of());
    }

    /** With {@code jvmOptions} before {@code -jar} (an argument file, {@code @jvm.options}, say). */
    RunningJar(Path workDir, Map<String, String> env, List<String> jvmOptions) throws Exception {
        this(workDir, env, freePort(), freePort(), jvmOptions);
    }

    /** The embedded default, a SQLite file in {@code workDir}. */
    static String sqliteUrl(Path workDir) {
        return "jdbc:sqlite:" + workDir.resolve("db").resolve("batchcast.db");
    }

    /** The embedded H2 option, a file in {@code workDir}. */
    static Map<String, String> h2Env(Path workDir) {
        return Map.of("BATCHCAST_DB_URL", "jdbc:h2:file:" + workDir.resolve("db").resolve("batchcast"));
    }

    private RunningJar(Path workDir, Map<String, String> env, int httpPort, int grpcPort, List<String> jvmOptions)
            throws Exception {
        this.httpPort = httpPort;
        this.grpcPort = grpcPort;
        log = workDir.resolve("server.log");
        Map<String, String> all = new HashMap<>(Map.of(
                "BATCHCAST_HTTP_PORT", Integer.toString(httpPort),
                "BATCHCAST_GRPC_PORT", Integer.toString(grpcPort),
                "BATCHCAST_JWT_SECRET", SECRET,
                "BATCHCAST_DB_URL", RunningJar.sqliteUrl(workDir),
                // daily summary periods: an hourly summary event between two batches would break the tests that
                // expect consecutive event ids whenever they ran across an hour boundary (HourlyStatisticsIT sets its own)
                "BATCHCAST_STATISTICS_SUMMARY_dash_INTERVAL", "PT24H",
                // the process the tests start is the server itself (its pid, its kill -9); JvmRelaunchIT starts it
                // the way an operator's plain `java -jar` does, relaunched on the shipped options
                JvmRelaunch.VARIABLE, "false"));
        all.putAll(env);
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(all);
        process = builder.start();
        try {
            awaitReady();
        } catch (Exception | Error e) {
            process.destroyForcibly().waitFor(); // no server left behind a failed start
            throw e;
        }
    }

    static Path jar() {
        return Path.of(System.getProperty("batchcast.jar", "target/batchcast.jar"));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited: " + Files.readString(log));
            }
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + httpPort + "/observe/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the server was not ready within 60 s: " + Files.readString(log)
                + threadDumps());
    }

    /** Every thread of the server's JVM (and of a relaunched child's), for a start that hangs. */
    private String threadDumps() {
        StringBuilder dumps = new StringBuilder();
        List<ProcessHandle> jvms = new ArrayList<>(List.of(process.toHandle()));
        process.descendants().forEach(jvms::add);
        for (ProcessHandle jvm : jvms) {
            dumps.append("\n\n--- jcmd ").append(jvm.pid()).append(" Thread.print\n");
            try {
                Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(jvm.pid()), "Thread.print").redirectErrorStream(true).start();
                dumps.append(new String(jcmd.getInputStream().readAllBytes()));
                jcmd.waitFor(30, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                dumps.append("(no thread dump: ").append(e).append(')');
            }
        }
        return dumps.toString();
    }

    /** Readiness as a load balancer sees it: {@code /observe/health/ready}'s status and body. */
    HttpResponse<String> readiness() throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                + "/observe/health/ready")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits up to 30 s for readiness to answer {@code expected}; returns that answer's body, or fails. */
    String awaitReadiness(int expected) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        HttpResponse<String> last = readiness();
        while (last.statusCode() != expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            last = readiness();
        }
        if (last.statusCode() != expected) {
            throw new AssertionError("readiness answered " + last.statusCode() + " " + last.body() + " for 30 s, not "
                    + expected);
        }
        return last.body();
    }

    /** The process started: the server, or with a relaunch the stand-in whose child is the server. */
    ProcessHandle process() {
        return process.toHandle();
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    /**
     * The output once it contains {@code text}, or as it is after 10 s. The server answers readiness as soon as the
     * web server is up, which can be before the banner after it has been written out.
     */
    String outputContaining(String text) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        String output = output();
        while (!output.contains(text) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            output = output();
        }
        return output;
    }

    /** SIGKILL ({@code kill -9}): no shutdown hook runs, nothing is flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, as an orchestrator stops it; returns the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            terminate();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

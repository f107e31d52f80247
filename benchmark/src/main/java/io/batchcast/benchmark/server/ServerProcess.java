package io.batchcast.benchmark.server;

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
import java.util.concurrent.TimeUnit;

/** The real batchcast.jar as a child process, started and stopped as an operator would. */
public final class ServerProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    public final int httpPort;
    public final int grpcPort;
    public final Path log;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServerProcess(int httpPort, int grpcPort, Path log, Process process) {
        this.httpPort = httpPort;
        this.grpcPort = grpcPort;
        this.log = log;
        this.process = process;
    }

    public static ServerProcess start(ServerSettings settings) throws IOException, InterruptedException {
        int httpPort = freePort();
        int grpcPort = freePort();
        Files.createDirectories(settings.workDir());
        Path log = settings.workDir().resolve("server-" + settings.label() + ".log");
        ProcessBuilder builder = new ProcessBuilder(settings.command(javaBinary()))
                .directory(settings.workDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(settings.environment(httpPort, grpcPort));
        ServerProcess server = new ServerProcess(httpPort, grpcPort, log, builder.start());
        try {
            server.awaitReady();
        } catch (IllegalStateException | IOException | InterruptedException e) {
            server.close(); // a server that never got ready is not left running behind the failed scenario
            throw e;
        }
        return server;
    }

    /** The JDK running the harness also runs the server, so jcmd and JFR match it. */
    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    private void awaitReady() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + ": " + tail());
            }
            if (get("/observe/health/ready") == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the server was not ready within " + READY_TIMEOUT + ": " + tail());
    }

    /** True when the HTTP listener answers readiness with 200. */
    public boolean ready() throws InterruptedException {
        return get("/observe/health/ready") == 200;
    }

    private int get(String path) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notYet) {
            return -1;
        }
    }

    /** The Prometheus text of /observe/metrics, or empty when the server does not expose it. */
    public String metrics() throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/observe/metrics"))
                    .header("Accept", "text/plain").timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : "";
        } catch (IOException e) {
            return "";
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    public String tail() {
        try {
            String text = Files.readString(log);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** SIGTERM, then SIGKILL after 30 s. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package io.batchcast.benchmark.baseline;

import io.batchcast.benchmark.server.ProcessMemory;
import io.batchcast.benchmark.sse.SseEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * nginx with the Nchan module (Debian's nginx and libnginx-mod-nchan), configured and started by the harness on a
 * loopback port in its own directory, stopped again at close. The fan-out baseline.
 */
public final class NchanServer implements AutoCloseable {

    private static final List<Path> NGINX = List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/local/sbin/nginx"));
    private static final List<Path> MODULE = List.of(Path.of("/usr/lib/nginx/modules/ngx_nchan_module.so"),
            Path.of("/usr/lib64/nginx/modules/ngx_nchan_module.so"));

    private final Process nginx;
    private final int port;
    private final Path dir;
    private final HttpClient http = HttpClient.newHttpClient();

    private NchanServer(Process nginx, int port, Path dir) {
        this.nginx = nginx;
        this.port = port;
        this.dir = dir;
    }

    /**
     * Why the baseline cannot run here, or empty when nginx and the Nchan module are installed. When they are missing
     * and the harness runs as root, it installs Debian's packages first, so that the baseline is never silently
     * skipped on a machine that could run it.
     */
    public static Optional<String> unavailable() {
        if (find(NGINX).isEmpty() || find(MODULE).isEmpty()) {
            Optional<String> failed = installAsRoot();
            if (find(NGINX).isEmpty() || find(MODULE).isEmpty()) {
                return Optional.of("nginx+nchan not installed (apt-get install nginx libnginx-mod-nchan)"
                        + failed.map(why -> "; installing them failed: " + why).orElse(""));
            }
        }
        return Optional.empty();
    }

    /** {@code apt-get install nginx libnginx-mod-nchan} when running as root; empty when it ran (or was not tried). */
    private static Optional<String> installAsRoot() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("not running as root");
        }
        try {
            for (List<String> command : List.of(List.of("apt-get", "update", "-qq"),
                    List.of("apt-get", "install", "-y", "-qq", "nginx", "libnginx-mod-nchan"))) {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
                builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
                int exit = builder.start().waitFor();
                if (exit != 0) {
                    return Optional.of(String.join(" ", command) + " exited with " + exit);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    public static NchanServer start(Path dir, int subscribers) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port = io.batchcast.benchmark.server.ServerProcess.freePort();
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, new NchanConfig(dir, find(MODULE).orElseThrow(), port, subscribers + 256).render());
        Process process = new ProcessBuilder(find(NGINX).orElseThrow().toString(), "-p", dir.toString(),
                "-e", dir.resolve("error.log").toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        NchanServer server = new NchanServer(process, port, dir);
        server.awaitListening();
        return server;
    }

    private static Optional<Path> find(List<Path> candidates) {
        return candidates.stream().filter(Files::exists).findFirst();
    }

    private void awaitListening() throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            if (!nginx.isAlive()) {
                throw new IllegalStateException("nginx exited: " + Files.readString(dir.resolve("nginx.out"))
                        + errorLog());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("nginx did not listen on " + port + " within 10 s" + errorLog());
    }

    private String errorLog() throws IOException {
        Path log = dir.resolve("error.log");
        return Files.exists(log) ? "\n" + Files.readString(log) : "";
    }

    public SseEndpoint subscriberEndpoint() {
        return SseEndpoint.loopback(port, "/sub", null);
    }

    /** Publishes one message and waits for Nchan's acknowledgement, as the gateway's submit waits for its response. */
    public void publish(String data) throws IOException, InterruptedException {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/pub"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(data)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("nchan publish answered HTTP " + response.statusCode());
        }
    }

    /** CPU used so far by the nginx master and its workers. */
    public long cpuNanos() {
        long total = ProcessMemory.cpuNanos(nginx.pid());
        for (ProcessHandle worker : nginx.descendants().toList()) {
            total += ProcessMemory.cpuNanos(worker.pid());
        }
        return total;
    }

    @Override
    public void close() throws InterruptedException {
        nginx.destroy();
        if (!nginx.waitFor(15, TimeUnit.SECONDS)) {
            nginx.destroyForcibly();
            nginx.waitFor();
        }
    }
}

package io.batchcast.benchmark;

import io.batchcast.benchmark.gateway.Gateway;
import io.batchcast.benchmark.gateway.Tokens;
import io.batchcast.benchmark.measure.CpuCounter;
import io.batchcast.benchmark.measure.DatabaseBackends;
import io.batchcast.benchmark.measure.SteadyState;
import io.batchcast.benchmark.measure.WarmUp;
import io.batchcast.benchmark.server.ProcessMemory;
import io.batchcast.benchmark.server.ServerProcess;
import io.batchcast.benchmark.server.ServerSettings;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the scenarios share: the options, the sizes, the console, the token signer, and the running server (started
 * on first use, restarted when a scenario needs other settings or the last one died).
 */
final class BenchContext implements AutoCloseable {

    static final String JWT_SECRET = "batchcast-benchmark-secret-0123456789abcdef";
    /** Every warm-up: windows of 10 s, steady when the last 3 are within ±5% of their mean. */
    static final double WARM_UP_WINDOW_SECONDS = 10;
    static final SteadyState STEADY = new SteadyState(3, 0.05);

    final BenchOptions options;
    final RunSizes sizes;
    final Console console;
    final Tokens tokens = new Tokens(JWT_SECRET);
    private final ServerSettings baseSettings;
    private ServerSettings currentSettings;
    private ServerProcess server;
    private ManagedChannel channel;
    private final List<Map<String, Object>> serverRuns = new ArrayList<>();
    private final String serverApplicationName;
    private DatabaseBackends databaseBackends;
    private boolean remoteDatabase;

    BenchContext(BenchOptions options, RunSizes sizes, Console console) {
        this.options = options;
        this.sizes = sizes;
        this.console = console;
        Map<String, String> env = new LinkedHashMap<>();
        // one user's strategy is read by up to 10,000 readers in the fan-out scenario (default limit: 16 per user,
        // the server accepts at most 10,000)
        env.put(ServerSettings.SSE_STREAMS_PER_USER, "10000");
        // idle connections must see heartbeats within the connections scenario's hold time (default 15 s)
        env.put(ServerSettings.SSE_HEARTBEAT, "PT" + sizes.heartbeatSeconds() + "S");
        env.putAll(options.serverEnv());
        if (options.dbUser() != null) {
            env.put("BATCHCAST_DB_USER", options.dbUser());
        }
        if (options.dbPassword() != null) {
            env.put("BATCHCAST_DB_PASSWORD", options.dbPassword());
        }
        serverApplicationName = postgres() ? applicationName(options.dbUrl())
                .orElse("batchcast-bench-" + ProcessHandle.current().pid()) : null;
        String dbUrl = postgres() && applicationName(options.dbUrl()).isEmpty()
                ? options.dbUrl() + (options.dbUrl().contains("?") ? "&" : "?") + "ApplicationName=" + serverApplicationName
                : options.dbUrl();
        baseSettings = new ServerSettings(options.serverJar(), options.out().toAbsolutePath().resolve("server-work"), "main",
                dbUrl, JWT_SECRET, env, List.of(), 1_048_576);
    }

    private boolean postgres() {
        return options.dbUrl() != null && options.dbUrl().startsWith("jdbc:postgresql:");
    }

    /**
     * The {@code ApplicationName} of a PostgreSQL JDBC URL. The harness sets one of its own when the URL has none, so
     * that the server's backends can be told from everyone else's in {@code pg_stat_activity}; the driver lets the
     * URL's parameter win over the pool's own {@code ApplicationName} property.
     */
    static Optional<String> applicationName(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        if (query < 0) {
            return Optional.empty();
        }
        for (String parameter : jdbcUrl.substring(query + 1).split("&")) {
            if (parameter.startsWith("ApplicationName=")) {
                return Optional.of(java.net.URLDecoder.decode(parameter.substring("ApplicationName=".length()),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /**
     * The warm-up before a measured window: {@code quickCapSeconds} or {@code fullCapSeconds} at most, by profile. The
     * caps differ by scenario so that the full profile stays under 30 minutes: the first scenario on a cold server
     * needs the longest, later ones on the same (warm) server, and the in-harness echo, settle within a few windows.
     */
    WarmUp.Plan warmUp(double quickCapSeconds, double fullCapSeconds) {
        return new WarmUp.Plan(WARM_UP_WINDOW_SECONDS, options.quick() ? quickCapSeconds : fullCapSeconds, STEADY);
    }

    /** Prints a warm-up window as it ends. */
    void sayWindow(String scenario, String what, WarmUp.Window window) {
        console.say(scenario, "warm-up %s: %.0f batches/s, %.3f ms CPU per batch", what, window.perSecond(),
                window.cpuMillisPerBatch());
    }

    /** The harness's own CPU (the client side), as a counter. */
    static CpuCounter harnessCpu() {
        long pid = ProcessHandle.current().pid();
        return () -> ProcessMemory.cpuNanos(pid);
    }

    /** The PostgreSQL settings that move the figures, when a scenario watched its backends. */
    Optional<Map<String, String>> databaseSettings() {
        return Optional.ofNullable(databaseBackends).map(DatabaseBackends::settings);
    }

    /** The server's PostgreSQL backends, when it runs on PostgreSQL (opened on first use). */
    Optional<DatabaseBackends> databaseBackends() {
        if (!postgres()) {
            return Optional.empty();
        }
        if (databaseBackends == null && !remoteDatabase) {
            try {
                databaseBackends = DatabaseBackends.open(options.dbUrl(), options.dbUser(), options.dbPassword(),
                        serverApplicationName);
                console.say("bench", "PostgreSQL settings: %s", databaseBackends.settings());
                if ("off".equals(databaseBackends.settings().get("autovacuum"))) {
                    console.say("bench", "autovacuum is off on this PostgreSQL: no ANALYZE or VACUUM runs during"
                            + " the run, unlike a production server");
                }
            } catch (IllegalStateException e) {
                console.say("bench", "%s; only the server JVM's CPU is counted", e.getMessage());
                remoteDatabase = true;
            }
        }
        return Optional.ofNullable(databaseBackends);
    }

    Path out() {
        return options.out();
    }

    /**
     * The JVM options shipped with the jar ({@code bootstrap/jvm.options} beside {@code bootstrap/target/}), so that
     * the server runs as the README starts it; left out when {@code --server-jvm-option} chooses a collector itself
     * (two collectors on one command line are an error).
     */
    private java.util.Optional<Path> shippedJvmOptions(Path jar) {
        boolean ownCollector = options.serverJvmOptions().stream().anyMatch(o -> o.matches("-XX:[+-]Use\\w+GC"));
        Path moduleDir = jar.toAbsolutePath().getParent().getParent();
        Path file = moduleDir.resolve("jvm.options");
        return ownCollector || !java.nio.file.Files.isRegularFile(file) ? java.util.Optional.empty()
                : java.util.Optional.of(file);
    }

    /**
     * The embedded SQLite database of the current server, its file and its {@code -wal} file; empty when it runs on
     * another database.
     */
    java.util.List<Path> embeddedDatabaseFiles() {
        return options.dbUrl() != null ? java.util.List.of()
                : java.util.List.of(baseSettings.workDir().resolve("data/batchcast.db"),
                        baseSettings.workDir().resolve("data/batchcast.db-wal"));
    }

    /** The server with the default benchmark settings. */
    ServerProcess server() throws IOException, InterruptedException {
        return server(baseSettings);
    }

    /** The server with {@code key=value} added to the default settings, under {@code label}. */
    ServerProcess server(String label, String key, String value) throws IOException, InterruptedException {
        return server(baseSettings.withLabel(label).withEnv(key, value));
    }

    private ServerProcess server(ServerSettings wanted) throws IOException, InterruptedException {
        if (server != null && server.alive() && wanted.equals(currentSettings)) {
            return server;
        }
        stopServer();
        discardEmbeddedDatabase();
        ServerSettings settings = withJvmOptions(wanted);
        console.say("server", "starting %s (%s)", settings.jar(), settings.label());
        server = ServerProcess.start(settings);
        currentSettings = wanted;
        channel = Gateway.channel(server.grpcPort);
        console.say("server", "ready: pid %d, http %d, grpc %d", server.pid(), server.httpPort, server.grpcPort);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("label", settings.label());
        Map<String, String> shown = new LinkedHashMap<>(settings.extraEnv());
        shown.computeIfPresent("BATCHCAST_DB_PASSWORD", (k, v) -> "***");
        run.put("environment_overrides", shown);
        run.put("jvm_options", settings.jvmOptions());
        run.put("database", settings.dbUrl() == null ? "embedded SQLite (default)" : settings.dbUrl());
        serverRuns.add(run);
        return server;
    }

    private ServerSettings withJvmOptions(ServerSettings settings) {
        List<String> jvm = new ArrayList<>();
        shippedJvmOptions(settings.jar()).ifPresent(file -> jvm.add("@" + file.toAbsolutePath()));
        jvm.addAll(options.serverJvmOptions());
        if (options.jfr()) {
            jvm.add("-XX:StartFlightRecording=filename=" + out().toAbsolutePath().resolve("server-"
                    + settings.label() + ".jfr") + ",settings=profile,dumponexit=true");
        }
        return new ServerSettings(settings.jar(), settings.workDir(), settings.label(), settings.dbUrl(),
                settings.jwtSecret(), settings.extraEnv(), List.copyOf(jvm), settings.fileLimit());
    }

    /** A strategy engine for {@code userId} on the current server. */
    Gateway gateway(String userId) {
        return new Gateway(channel, userId, tokens.forUser(userId));
    }

    List<Map<String, Object>> serverRuns() {
        return serverRuns;
    }

    void stopServer() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            channel = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /**
     * Deletes the embedded database a stopped server left (nothing on another database): every server the harness
     * starts begins on an empty store, and a run does not leave gigabytes behind in its output directory. A full
     * profile writes several GB; runs that kept them filled the page cache and the disk of the machine that measured.
     */
    private void discardEmbeddedDatabase() {
        if (options.dbUrl() != null) {
            return;
        }
        Path data = baseSettings.workDir().resolve("data");
        try {
            long bytes = deleteTree(data);
            if (bytes > 0) {
                console.say("server", "deleted the embedded database of the last server (%,d bytes)", bytes);
            }
        } catch (IOException | UncheckedIOException e) {
            console.say("server", "could not delete %s: %s", data, e.getMessage());
        }
    }

    /** Deletes {@code directory} and everything under it (nothing when it does not exist); the bytes its files held. */
    static long deleteTree(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        long[] bytes = {0};
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    bytes[0] += Files.isRegularFile(file) ? Files.size(file) : 0;
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return bytes[0];
    }

    @Override
    public void close() throws InterruptedException {
        stopServer();
        discardEmbeddedDatabase();
        if (databaseBackends != null) {
            databaseBackends.close();
        }
    }
}

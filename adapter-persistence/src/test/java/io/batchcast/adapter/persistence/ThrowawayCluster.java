package io.batchcast.adapter.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of its own, made with the machine's {@code initdb} and run with its {@code pg_ctl} as the
 * {@code postgres} user on a free port, for a test that must break a whole server (fill the disk of its WAL) without
 * touching the machine's shared one. Its write-ahead log goes to {@code walDirectory} (e.g. a small tmpfs), in
 * segments of 1 MB that are neither recycled nor removed (a gigabyte is kept), so that the log grows with every write
 * and each new segment needs new room. Needs root (CI runs the tests as root)
 * and PostgreSQL's server binaries under {@code /usr/lib/postgresql/<version>/bin}. {@link #close()} stops it (fast)
 * and deletes its data directory.
 */
final class ThrowawayCluster implements AutoCloseable {

    private final Path bin;
    private final Path home;
    private final Path data;
    private final int port;

    private ThrowawayCluster(Path bin, Path home, int port) {
        this.bin = bin;
        this.home = home;
        this.data = home.resolve("data");
        this.port = port;
    }

    /** Makes the cluster (initdb) with its WAL in {@code walDirectory} (empty, owned by postgres) and starts it. */
    static ThrowawayCluster withWalIn(Path walDirectory) {
        try {
            Path home = Files.createTempDirectory("batchcast-cluster-");
            chownToPostgres(home);
            ThrowawayCluster cluster = new ThrowawayCluster(serverBinaries(), home, freePort());
            cluster.asPostgres("initdb", List.of(cluster.bin.resolve("initdb").toString(), "-D",
                    cluster.data.toString(), "--waldir=" + walDirectory, "--wal-segsize=1", "-A", "trust", "-U",
                    "postgres", "--no-sync"));
            cluster.start();
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server and waits until it accepts connections (after a crash: until its recovery is done). */
    void start() {
        asPostgres("pg_ctl start", List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60",
                "-l", home.resolve("server.log").toString(), "-o", "-p " + port + " -k " + home
                        + " -c listen_addresses=127.0.0.1 -c fsync=on -c wal_recycle=off -c min_wal_size=2MB"
                        + " -c max_wal_size=4MB -c wal_keep_size=1GB -c autovacuum=off", "start"));
    }

    /** Whether the server process runs (a PANIC on a full WAL disk ends it). */
    boolean running() {
        return run(List.of("runuser", "-u", "postgres", "--", bin.resolve("pg_ctl").toString(), "-D",
                data.toString(), "status")) == 0;
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** The server's log so far, for a failure's message. */
    String log() {
        try {
            return Files.readString(home.resolve("server.log"));
        } catch (IOException e) {
            return "(no server log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (running()) {
            asPostgres("pg_ctl stop", List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m",
                    "immediate", "-w", "stop"));
        }
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void asPostgres(String what, List<String> command) {
        List<String> asPostgres = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        asPostgres.addAll(command);
        if (run(asPostgres) != 0) {
            throw new IllegalStateException(what + " failed (it needs root and PostgreSQL's server binaries): "
                    + String.join(" ", asPostgres) + "\n" + log());
        }
    }

    private static int run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }

    /** The newest installed version's server binaries. */
    private static Path serverBinaries() throws IOException {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(candidate -> Files.isExecutable(candidate.resolve("initdb")))
                    .max(Comparator.comparing(candidate -> Integer.parseInt(
                            candidate.getParent().getFileName().toString())))
                    .orElseThrow(() -> new IllegalStateException("no initdb under /usr/lib/postgresql/*/bin"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void chownToPostgres(Path path) throws IOException {
        Files.setOwner(path, path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres"));
    }
}

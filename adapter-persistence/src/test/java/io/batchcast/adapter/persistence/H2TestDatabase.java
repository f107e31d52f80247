package io.batchcast.adapter.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;
import org.h2.tools.Server;

/** An H2 database in a temporary directory: embedded (as deployed by default), or behind an H2 TCP server. */
final class H2TestDatabase implements TestDatabase {

    private final Path directory;
    private final int port;
    private Process server;

    private H2TestDatabase(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    static H2TestDatabase embedded() {
        return new H2TestDatabase(tempDirectory(), 0);
    }

    static H2TestDatabase server() {
        H2TestDatabase database = new H2TestDatabase(tempDirectory(), freePort());
        database.goOnline();
        return database;
    }

    @Override
    public String url() {
        return port == 0
                ? "jdbc:h2:file:" + directory.resolve("batchcast")
                : "jdbc:h2:tcp://127.0.0.1:" + port + "/batchcast";
    }

    /** Through the URL the pool uses: in one JVM, H2 treats {@code file:} and {@code retry:file:} as two databases. */
    @Override
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(Dialect.H2.poolUrl(url()), "postgres", "");
    }

    /** Kills the server process, as a crash would. */
    @Override
    public synchronized void goOffline() {
        requireServer();
        server.destroyForcibly();
        try {
            server.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
    }

    /**
     * Starts the H2 TCP server in its own process: stopping an in-JVM server leaves H2's engine holding a closed
     * database that later connections are handed, which is not what a database outage looks like.
     */
    @Override
    public synchronized void goOnline() {
        requireServer();
        String java = ProcessHandle.current().info().command().orElse("java");
        String h2Jar = Server.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        try {
            server = new ProcessBuilder(java, "-cp", h2Jar, Server.class.getName(), "-tcp", "-tcpPort",
                    String.valueOf(port), "-ifNotExists", "-baseDir", directory.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Await.until("the H2 server listens on port " + port, this::accepting);
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            goOffline();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean accepting() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void requireServer() {
        if (port == 0) {
            throw new IllegalStateException("an embedded database cannot go offline; use Engine.newDatabaseThatCanGoOffline");
        }
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("batchcast-h2-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
